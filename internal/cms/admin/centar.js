// centar's parts of the web CMS, added to Decap CMS before it starts: the
// interface in Serbian (Decap's own Serbian, completed), the media library
// loading files by their address instead of inline, and a preview of each
// page in both scripts, written by the site's own transliteration.
(function () {
  'use strict';
  window.CMS_MANUAL_INIT = true;

  // Chromium keeps a script compiled for the next visit only once it has
  // compiled it twice: the first visit, when the browser is idle, loads
  // Decap's script once more in a hidden frame of its own (warm.html, where
  // Decap does not start), so that the editor's next visit starts Decap
  // without compiling its 5 MB again. Once is enough while the script is
  // the same.
  window.addEventListener('load', function () {
    var script = document.querySelector('script[src^="decap-cms.js?v="]');
    var version = script && script.getAttribute('src');
    if (!version || localStorage.getItem('centar-warm') === version) return;
    (window.requestIdleCallback || setTimeout)(function () {
      var frame = document.createElement('iframe');
      frame.hidden = true;
      frame.title = '';
      frame.setAttribute('aria-hidden', 'true');
      frame.src = 'warm.html';
      frame.onload = function () { localStorage.setItem('centar-warm', version); frame.remove(); };
      document.body.appendChild(frame);
    });
  });

  // On the Centre's CMS server (centar cms --users) the session gives the
  // page a token that every request which changes something carries back;
  // a request the server answers 401 (the session ended) goes to the
  // sign-in, and back here after it. Decap keeps the unsaved entry in the
  // browser and offers it again.
  var csrf = (document.cookie.match(/(?:^|;\s*)centar_csrf=([^;]+)/) || [])[1];
  var decapUser = 'decap-cms-user';
  if (csrf) {
    // Signed in already, at the server's own page: Decap's sign-in button,
    // which checks nothing on the proxy backend, is skipped.
    localStorage.setItem(decapUser, JSON.stringify({ backendName: 'proxy' }));
    var plainFetch = window.fetch;
    window.fetch = function (input, init) {
      var method = ((init && init.method) || (input instanceof Request && input.method) || 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
        headers.set('X-Centar-CSRF', csrf);
        init = Object.assign({}, init, { headers: headers });
      }
      return plainFetch.call(this, input, init).then(function (r) {
        if (r.status === 401) location.assign('/prijava?dalje=' + encodeURIComponent('/admin/' + location.hash));
        return r;
      });
    };
  }

  // signOut ends the session on the server, then shows the sign-in page.
  function signOut() {
    localStorage.removeItem(decapUser);
    fetch('/odjava', { method: 'POST' }).then(function () { location.assign('/prijava?odjavljeni'); });
  }

  // Decap's own "Одјава", in the account menu, would only forget the
  // person in this browser: on the server it signs out there too, by mouse
  // or by keyboard.
  if (csrf) {
    var logOutItem = function (e) {
      var item = e.target.closest && e.target.closest('[role="menuitem"]');
      return item && item.textContent.trim() === 'Одјава';
    };
    document.addEventListener('click', function (e) {
      if (logOutItem(e)) { e.preventDefault(); e.stopPropagation(); signOut(); }
    }, true);
    document.addEventListener('keydown', function (e) {
      if ((e.key === 'Enter' || e.key === ' ') && logOutItem(e)) { e.preventDefault(); e.stopPropagation(); signOut(); }
    }, true);
  }

  // What Decap's Serbian (sr_Cyrl) lacks of its English.
  var completion = {
    auth: { loginWithForgejo: 'Пријавите се преко Forgejo' },
    // Decap's Serbian writes a full-width ＋, which common fonts lack: the
    // button showed an empty box before "Вест".
    collection: { entries: { unpublishedHeader: 'Необјављени уноси' }, collectionTop: { newButton: '+ %{collectionLabel}' } },
    editor: {
      editorInterface: {
        toggleNotes: 'Прикажи или сакриј белешке',
        toggleI18n: 'Прикажи или сакриј енглески',
        togglePreview: 'Прикажи или сакриј страницу онако како је читаоци виде'
      },
      editorNotesPane: {
        title: 'Белешке',
        emptyState: 'Још нема белешки. Додајте прву испод да бисте почели сарадњу.',
        addNote: 'Додај белешку',
        addPlaceholder: 'Додајте белешку…',
        editPlaceholder: 'Измените белешку…',
        save: 'Сачувај',
        cancel: 'Откажи',
        edit: 'Измени',
        delete: 'Обриши',
        resolve: 'Реши',
        unresolve: 'Поново отвори',
        confirmDelete: 'Да ли сигурно желите да обришете ову белешку?',
        shortcut: 'Савет: Ctrl+Enter брзо додаје белешку'
      },
      // A field's pattern comes with the content model's hint, a whole
      // sentence on how to write the value: it is the message, without the
      // field's long label before it and "does not match the pattern".
      editorControlPane: { widget: { regexPattern: '%{pattern}' } }
    },
    workflow: {
      workflow: {
        dateFormat: 'D. M. YYYY.',
        description: '%{smart_count} унос чека преглед, %{readyCount} спремно за објаву. |||| %{smart_count} уноса чека преглед, %{readyCount} спремно за објаву.'
      }
    },
    ui: {
      toast: {
        // What went wrong stays at the foot of the window, at its fields,
        // until the editor has read it; a toast only points there.
        onFailToPersist: 'Унос није сачуван. Зашто, пише на дну прозора.',
        onFailToPublishEntry: 'Унос није објављен. Зашто, пише на дну прозора.',
        onFailToPersistMedia: 'Датотека није сачувана. Зашто, пише на дну прозора.',
        onFailToDelete: 'Унос није обрисан. Зашто, пише на дну прозора.',
        onFailToDeleteMedia: 'Датотека није обрисана. Зашто, пише на дну прозора.',
        onFailToUpdateStatus: 'Статус није промењен. Зашто, пише на дну прозора.',
        onFailToUnpublishEntry: 'Унос није повучен са сајта. Зашто, пише на дну прозора.',
        noteAdded: 'Белешка је додата',
        onFailToAddNote: 'Белешка није додата: %{details}',
        noteUpdated: 'Белешка је измењена',
        onFailToUpdateNote: 'Белешка није измењена: %{details}',
        noteDeleted: 'Белешка је обрисана',
        onFailToDeleteNote: 'Белешка није обрисана: %{details}',
        noteResolved: 'Белешка је решена',
        noteReopened: 'Белешка је поново отворена',
        onFailToToggleNote: 'Стање белешке није промењено: %{details}'
      }
    }
  };

  function merge(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra || {}).forEach(function (k) {
      var v = extra[k];
      out[k] = v && typeof v === 'object' && out[k] && typeof out[k] === 'object' ? merge(out[k], v) : v;
    });
    return out;
  }

  // The proxy backend's media library asks for every file inline; this one
  // lists them and lets the browser load each by its address.
  function mediaByAddress() {
    var proxy = CMS.getBackend('proxy');
    var init = proxy.init;
    proxy.init = function (config, options) {
      var backend = init(config, options);
      backend.getMedia = function (folder) {
        return backend.request({ action: 'getMedia', params: { branch: backend.branch, mediaFolder: folder || backend.mediaFolder } })
          .then(function (files) {
            return files.map(function (f) {
              return { id: f.id, name: f.name, path: f.path, size: f.size, url: f.url, displayURL: f.url };
            });
          });
      };
      return backend;
    };
  }

  // The entry as readers will see it, before it is saved: its page
  // rendered by the site's own pipeline and theme (the header with the
  // help line, the breadcrumbs, the date and tags), in Cyrillic, in Latin,
  // or in each language it has a side in, at a computer's width or a
  // phone's. Where the site has no preview, its text in both scripts.

  function plain(data) { return data && data.toJS ? data.toJS() : (data || {}); }

  function sitePage() {
    var h = window.h;
    return window.createClass({
      getInitialState: function () { return { pages: null, languages: [], text: null, error: '', lang: 'sr-cyrl', phone: false }; },
      componentDidMount: function () { this.load(); },
      componentDidUpdate: function (prev) {
        if (prev.entry !== this.props.entry) {
          clearTimeout(this.timer);
          this.timer = setTimeout(this.load, 400);
        }
      },
      componentWillUnmount: function () { clearTimeout(this.timer); },
      load: function () {
        var entry = this.props.entry, self = this;
        var locales = { sr: plain(entry.get('data')) };
        var sides = entry.get('i18n');
        if (sides) sides.forEach(function (side, locale) { if (side && side.get('data')) locales[locale] = plain(side.get('data')); });
        action('centarPreview', { collection: entry.get('collection'), slug: entry.get('newRecord') ? '' : entry.get('slug'), locales: locales })
          .then(function (out) {
            self.setState({ pages: out.pages || null, languages: out.languages || self.state.languages, text: out.text || null, error: out.error || '' });
          }, function (e) { self.setState({ error: e.message }); });
      },
      // Images not saved yet are shown from the browser, as Decap has them.
      withImages: function (html) {
        var getAsset = this.props.getAsset;
        return html.replace(/(<img[^>]*\ssrc=")(\/slike\/[^"]+)"/g, function (all, start, src) {
          var name = src;
          try { name = decodeURIComponent(src); } catch (e) { /* as written */ }
          var asset = getAsset && getAsset(name);
          var url = asset && asset.toString();
          return start + (url && url !== '[object Object]' ? url : src) + '"';
        });
      },
      fit: function (e) {
        var doc = e.target.contentDocument;
        if (doc && doc.documentElement) e.target.style.height = doc.documentElement.scrollHeight + 'px';
      },
      render: function () {
        var self = this, st = this.state;
        if (st.error && !st.pages && !st.text) return h('p', { className: 'c-preview__error', role: 'alert' }, st.error);
        if (st.text) {
          var column = function (label, lang, page) {
            return h('section', { className: 'c-preview__column', lang: lang, 'data-script': lang },
              h('p', { className: 'c-preview__label' }, label), h('h1', null, page.title),
              h('div', { dangerouslySetInnerHTML: { __html: page.html } }));
          };
          return h('div', { className: 'c-preview' }, column('Ћирилица', 'sr-Cyrl', st.text.cyrl), column('Latinica', 'sr-Latn', st.text.latn));
        }
        if (!st.pages) return h('p', { className: 'c-preview__label' }, 'Припремам преглед…');
        var lang = st.pages[st.lang] ? st.lang : 'sr-cyrl';
        var tabs = st.languages.filter(function (l) { return st.pages[l[0]]; }).map(function (l) {
          return h('button', { key: l[0], type: 'button', 'aria-pressed': String(l[0] === lang), onClick: function () { self.setState({ lang: l[0] }); } }, l[1]);
        });
        return h('div', { className: 'c-page' },
          h('div', { className: 'c-page__bar' }, tabs,
            h('button', { type: 'button', 'aria-pressed': String(st.phone), onClick: function () { self.setState({ phone: !st.phone }); } },
              st.phone ? 'Ширина рачунара' : 'Ширина телефона')),
          st.error ? h('p', { className: 'c-preview__error', role: 'alert' }, st.error) : null,
          h('iframe', {
            className: 'c-page__frame', title: 'Страница онако како је читаоци виде', srcDoc: this.withImages(st.pages[lang]),
            onLoad: this.fit, style: { width: st.phone ? '390px' : '100%' }
          }));
      }
    });
  }

  // A date, typed or picked. Decap's own date field rewrites a year while
  // it is being typed (2 becomes 1902); this one keeps what the editor
  // types and gives the entry only a whole date, as 2024-05-31.
  function dateControl() {
    var h = window.h;
    var whole = /^(\d{4})-\d{2}-\d{2}$/;
    function today() {
      var d = new Date();
      return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
    }
    function text(v) { return typeof v === 'string' ? v : ''; }
    return window.createClass({
      getInitialState: function () { return { typed: text(this.props.value) }; },
      componentDidUpdate: function (prev) {
        var v = text(this.props.value);
        if (prev.value !== this.props.value && v !== this.state.typed && (v === '' || whole.test(v))) this.setState({ typed: v });
      },
      set: function (v) {
        this.setState({ typed: v });
        var m = whole.exec(v);
        if (v === '') this.props.onChange('');
        else if (m && +m[1] >= 1900) this.props.onChange(v);
      },
      render: function () {
        var self = this;
        return h('div', { className: this.props.classNameWrapper, style: { display: 'flex', gap: '1rem', alignItems: 'center', flexWrap: 'wrap' } },
          h('input', {
            type: 'date', id: this.props.forID, lang: 'sr', value: this.state.typed,
            onChange: function (e) { self.set(e.target.value); },
            onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle
          }),
          h('button', { type: 'button', 'data-testid': 'now-button', onClick: function () { self.set(today()); } }, 'Данас'),
          h('button', { type: 'button', onClick: function () { self.set(''); } }, 'Обриши'));
      }
    });
  }

  // A choice from the site's list (towns, tags, an organisation), in the
  // order of the azbuka, or a new name typed: the server gives a new one
  // its key and its page (cms/terms.go).
  function choiceControl() {
    var h = window.h;
    var seq = 0;
    return window.createClass({
      getInitialState: function () { seq += 1; return { typed: '', list: 'c-choices-' + seq, learned: null }; },
      componentDidMount: function () { this.learn(); },
      componentDidUpdate: function () { this.learn(); },
      // A value the configuration does not know (a town a save added) is
      // asked of the server once, with its name.
      learn: function () {
        var self = this, known = this.options();
        var unknown = this.values().some(function (v) { return !known.some(function (o) { return o.value === v; }); });
        if (!unknown || this.asked) return;
        this.asked = true;
        action('centarChoices', openEntry() || {}).then(function (lists) {
          self.setState({ learned: lists[self.props.field.get('name')] || [] });
        }, function () {});
      },
      options: function () {
        var o = this.props.field.get('options');
        var all = o ? o.toJS() : [];
        (this.state.learned || []).forEach(function (l) {
          if (!all.some(function (a) { return a.value === l.value; })) all.push(l);
        });
        return all;
      },
      multiple: function () { return !!this.props.field.get('multiple'); },
      values: function () {
        var v = this.props.value;
        if (v && v.toJS) v = v.toJS();
        if (!v) return [];
        return Array.isArray(v) ? v : [v];
      },
      labelOf: function (value) {
        var found = this.options().filter(function (o) { return o.value === value; })[0];
        return found ? found.label : value;
      },
      valueOf: function (typed) {
        var t = typed.trim().toLowerCase();
        var found = this.options().filter(function (o) { return o.label.toLowerCase() === t || String(o.value).toLowerCase() === t; })[0];
        return found ? found.value : typed.trim();
      },
      add: function () {
        var v = this.valueOf(this.state.typed);
        if (!v) return;
        this.setState({ typed: '' });
        if (!this.multiple()) return this.props.onChange(v);
        var now = this.values();
        if (now.indexOf(v) < 0) this.props.onChange(now.concat([v]));
      },
      remove: function (v) {
        if (!this.multiple()) return this.props.onChange('');
        this.props.onChange(this.values().filter(function (x) { return x !== v; }));
      },
      render: function () {
        var self = this;
        var chosen = this.values().map(function (v) {
          return h('li', { key: v, className: 'c-choice' }, self.labelOf(v), ' ',
            h('button', { type: 'button', 'aria-label': 'Уклони ' + self.labelOf(v), onClick: function () { self.remove(v); } }, '×'));
        });
        return h('div', { className: this.props.classNameWrapper },
          chosen.length ? h('ul', { className: 'c-choices' }, chosen) : null,
          h('input', {
            id: this.props.forID, list: this.state.list, value: this.state.typed, autoComplete: 'off',
            placeholder: this.multiple() ? 'Изаберите или упишите нов…' : 'Изаберите или упишите…',
            onChange: function (e) {
              var typed = e.target.value;
              // A name picked from the list is taken at once.
              var picked = self.options().filter(function (o) { return o.label === typed; })[0];
              if (picked) { self.setState({ typed: typed }, self.add); return; }
              self.setState({ typed: typed });
            },
            onKeyDown: function (e) { if (e.key === 'Enter') { e.preventDefault(); self.add(); } },
            onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle
          }),
          h('button', { type: 'button', onClick: this.add }, 'Додај'),
          h('datalist', { id: this.state.list }, this.options().map(function (o) {
            return h('option', { key: o.value, value: o.label });
          })));
      }
    });
  }

  function choicePreview(props) {
    var v = props.value && props.value.toJS ? props.value.toJS() : props.value;
    return window.h('span', null, Array.isArray(v) ? v.join(', ') : (v || ''));
  }

  // Decap's own parts that name themselves in English, and its words no
  // locale reaches: said in Serbian.
  function componentsInSerbian(CMS) {
    var image = CMS.getEditorComponents().get('image');
    if (image) {
      var labels = { image: 'Слика', alt: 'Опис слике (за оне који не виде)', title: 'Наслов слике' };
      CMS.registerEditorComponent(Object.assign({}, image, {
        label: 'Слика',
        fields: image.fields.toJS().map(function (f) { return Object.assign({}, f, { label: labels[f.name] || f.label }); })
      }));
    }
  }

  var untranslated = {
    'No options': 'Нема таквог',
    'Loading...': 'Учитавам…',
    'Select...': 'Изаберите…',
    'Code Block': 'Код',
    'Image': 'Слика',
    'Rich Text': 'Обликован текст',
    'Markdown': 'Изворни текст'
  };

  // The words left in English where Decap writes them itself, in the
  // text of the page and in its placeholders and labels.
  function sayInSerbian(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement && n.parentElement.closest('[contenteditable="true"], .c-preview')) continue; // the editor's own text
      var t = n.nodeValue.trim();
      if (t && Object.prototype.hasOwnProperty.call(untranslated, t)) n.nodeValue = n.nodeValue.replace(t, untranslated[t]);
    }
    root.querySelectorAll && root.querySelectorAll('[placeholder],[aria-label],[title]').forEach(function (e) {
      ['placeholder', 'aria-label', 'title'].forEach(function (a) {
        var v = e.getAttribute(a);
        if (v && Object.prototype.hasOwnProperty.call(untranslated, v)) e.setAttribute(a, untranslated[v]);
      });
    });
  }

  function keepSayingInSerbian() {
    sayInSerbian(document.body);
    new MutationObserver(function (changes) {
      changes.forEach(function (c) {
        c.addedNodes.forEach(function (n) {
          if (n.nodeType === 1) sayInSerbian(n);
          else if (n.nodeType === 3 && n.parentNode) sayInSerbian(n.parentNode);
        });
        if (c.type === 'characterData' && c.target.parentNode) sayInSerbian(c.target.parentNode);
      });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  // The entries in Serbian only are marked in the lists and on the board,
  // the others with their languages: a translation is optional, and the
  // editor sees where it is missing. So are the entries whose translation
  // is older than their Serbian text.
  var languagesAsked = 0, knownLanguages = {}, outdatedTranslations = {};
  function markLanguages() {
    document.querySelectorAll('a[href*="/collections/"][href*="/entries/"]').forEach(function (a) {
      var m = /collections\/([^/]+)\/entries\/([^/?#]+)/.exec(decodeURIComponent(a.getAttribute('href')));
      if (!m) return;
      var key = m[1] + '/' + m[2], others = knownLanguages[key];
      var mark = outdatedTranslations[key] ? 'превод застарео' :
        !others ? null : others.length ? ['српски'].concat(others).join(' · ') : 'само српски';
      if (mark && a.getAttribute('data-c-lang') !== mark) a.setAttribute('data-c-lang', mark);
    });
  }
  function watchLanguages() {
    var ask = function () {
      var now = Date.now();
      if (now - languagesAsked < 5000) return markLanguages();
      languagesAsked = now;
      Promise.all([action('centarLanguages'), action('centarTranslations')]).then(function (answers) {
        knownLanguages = answers[0];
        outdatedTranslations = answers[1];
        markLanguages();
      }, function () {});
    };
    var pending = null;
    new MutationObserver(function () {
      if (pending) return;
      pending = setTimeout(function () { pending = null; if (/^#\/(collections\/[^/]+\/?$|workflow)/.test(location.hash)) ask(); }, 300);
    }).observe(document.body, { childList: true, subtree: true });
  }

  // centar's own actions, on Decap's endpoint.
  function action(name, params) {
    params = params || {};
    params.branch = 'main';
    return fetch('/api/v1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: name, params: params })
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || body.message || r.statusText);
        return body;
      });
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'onclick') node.addEventListener('click', attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  // Serbian's plural forms: one, few, other.
  function plural(n, one, few, other) {
    var ten = n % 10, hundred = n % 100;
    if (ten === 1 && hundred !== 11) return one;
    if (ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14)) return few;
    return other;
  }

  // The bar at the foot of the admin: what has not reached the site yet,
  // with a button that sends it, and the copies a conflict in the terminal
  // left beside pages. It stays until there is nothing to say.
  var bar = el('aside', { 'class': 'c-bar', 'aria-live': 'polite', hidden: '' });
  var barTimer;

  function showState(state) {
    bar.textContent = '';
    var w = state.waiting || { publications: 0 };
    if (w.publications > 0) {
      var n = w.publications;
      var retry = el('button', { type: 'button', 'class': 'c-bar__button', text: 'Пошаљи поново' });
      retry.addEventListener('click', function () {
        retry.disabled = true;
        retry.textContent = 'Шаљем…';
        action('centarSend').then(showState, function (e) { showState({ waiting: { publications: n, reason: e.message } }); });
      });
      bar.appendChild(el('section', { 'class': 'c-bar__waiting', 'data-centar': 'waiting' }, [
        el('p', { 'class': 'c-bar__title', text: n + ' ' + plural(n, 'објава још није', 'објаве још нису', 'објава још није') + ' на сајту.' }),
        w.reason ? el('p', { text: w.reason }) : null,
        retry
      ]));
    }
    (state.copies || []).forEach(function (c) {
      var remove = el('button', { type: 'button', 'class': 'c-bar__button', text: 'Обриши копију' });
      remove.addEventListener('click', function () {
        if (!window.confirm('Обрисати копију своје верзије странице „' + (c.title || c.path) + '”? Урадите то тек кад сте из ње пренели оно што треба.')) return;
        action('centarDeleteCopy', { path: c.path }).then(showState);
      });
      bar.appendChild(el('section', { 'class': 'c-bar__copy', 'data-centar': 'copy' }, [
        el('p', { 'class': 'c-bar__title', text: 'Ваша верзија странице „' + (c.title || c.path) + '” сачувана је поред ње после сукоба измена.' }),
        el('details', {}, [el('summary', { text: 'Прикажи текст' }), el('pre', { 'class': 'c-bar__text', text: c.text })]),
        remove
      ]));
    });
    if (bar.firstChild) bar.removeAttribute('hidden');
    else bar.setAttribute('hidden', '');
  }

  function refreshState() {
    clearTimeout(barTimer);
    action('centarState').then(showState, function () {}).then(function () {
      barTimer = setTimeout(refreshState, 30000);
    });
  }

  // The entry being edited, from the address: collection and slug.
  function openEntry() {
    var m = /^#\/collections\/([^/]+)\/entries\/([^?]+)/.exec(location.hash);
    return m ? { collection: decodeURIComponent(m[1]), slug: decodeURIComponent(m[2]) } : null;
  }

  // Decap keeps its editor from one entry to the next when the address
  // alone changes (typed, a link, the browser's Back): it showed the last
  // entry's text under the new one's name, or failed on the help lines.
  // Going from an entry straight to another loads the admin anew; through
  // a list, as its own links go, Decap opens each entry afresh. A new
  // entry given its address by its first save stays as it is.
  function anotherEntry(oldURL, newURL) {
    var route = function (url) {
      var m = /#\/collections\/([^/]+)\/(entries\/[^?]+|new)/.exec(url || '');
      return m ? { collection: m[1], entry: m[2] } : null;
    };
    var was = route(oldURL), now = route(newURL);
    if (!was || !now || was.collection + was.entry === now.collection + now.entry) return false;
    return !(was.entry === 'new' && was.collection === now.collection);
  }

  // A panel at the foot folds to its title, and leaves the form to the
  // editor; onFold hears each fold and unfold.
  function foldButton(box, foldedClass, folded, onFold) {
    var fold = el('button', { type: 'button', 'class': 'c-conflict__fold' });
    var set = function (f) {
      box.classList.toggle(foldedClass, f);
      fold.setAttribute('aria-expanded', String(!f));
      fold.textContent = f ? 'Прикажи' : 'Сакриј';
    };
    fold.addEventListener('click', function () {
      var f = !box.classList.contains(foldedClass);
      set(f);
      if (onFold) onFold(f);
    });
    set(folded);
    return fold;
  }

  // The panel of a draft a colleague's publication meets: both versions of
  // each place, side by side, and the editor's choice.
  var panel = el('aside', { 'class': 'c-conflict', role: 'region', 'aria-label': 'Сукоб измена', hidden: '' });

  function showConflicts(entry, conflicts) {
    panel.textContent = '';
    if (!conflicts.length) {
      panel.setAttribute('hidden', '');
      return;
    }
    var choose = function (choice) {
      return function () {
        action('centarResolve', { collection: entry.collection, slug: entry.slug, choice: choice })
          .then(function (out) {
            // Told once the entry is back: what is in the text now.
            sessionStorage.setItem('centar-resolved', !out.draft ? 'theirs' : choice);
            location.reload();
          }, function (e) { window.alert(e.message); });
      };
    };
    panel.appendChild(foldButton(panel, 'c-conflict--folded', false));
    panel.appendChild(el('h2', { 'class': 'c-conflict__title', text: 'Колега је у међувремену објавио измену истог дела ове странице' }));
    panel.appendChild(el('p', { text: 'Ваш нацрт је сачуван. Изаберите шта остаје; после тога нацрт можете још да мењате и да га објавите.' }));
    conflicts.forEach(function (c) {
      panel.appendChild(el('section', { 'class': 'c-conflict__place', 'data-centar': 'conflict' }, [
        el('h3', { text: c.label + ' (' + (c.side || c.locale) + ')' }),
        el('div', { 'class': 'c-conflict__sides' }, [
          el('div', { 'class': 'c-conflict__side' }, [el('p', { 'class': 'c-conflict__who', text: 'Ваша верзија' }), el('pre', { text: c.ours || '(обрисано)' })]),
          el('div', { 'class': 'c-conflict__side' }, [el('p', { 'class': 'c-conflict__who', text: 'Објављена верзија' }), el('pre', { text: c.theirs || '(обрисано)' })])
        ])
      ]));
    });
    panel.appendChild(el('div', { 'class': 'c-conflict__choices' }, [
      el('button', { type: 'button', 'class': 'c-bar__button', text: 'Задржи моју', onclick: choose('mine') }),
      el('button', { type: 'button', 'class': 'c-bar__button', text: 'Узми објављену', onclick: choose('theirs') }),
      el('button', { type: 'button', 'class': 'c-bar__button', text: 'Задржи обе, па ћу спојити', onclick: choose('both') })
    ]));
    panel.removeAttribute('hidden');
  }

  // What the editor chose, said once the entry has loaded again.
  var resolvedNotes = {
    theirs: 'Остала је објављена верзија; ваш нацрт је уклоњен.',
    mine: 'Остала је ваша верзија. Нацрт можете да објавите.',
    both: 'Обе верзије су сада у тексту, једна испод друге. Спојите их, сачувајте и поново означите нацрт као спреман.'
  };
  function sayResolved() {
    var chose = sessionStorage.getItem('centar-resolved');
    if (!chose) return;
    sessionStorage.removeItem('centar-resolved');
    panel.textContent = '';
    panel.appendChild(el('p', { 'class': 'c-conflict__title', role: 'status', text: resolvedNotes[chose] }));
    panel.appendChild(el('button', { type: 'button', 'class': 'c-bar__button', text: 'У реду', onclick: function () { panel.setAttribute('hidden', ''); } }));
    panel.removeAttribute('hidden');
  }

  function refreshConflicts() {
    var entry = openEntry();
    if (!entry) {
      showConflicts(null, []);
      return;
    }
    if (sessionStorage.getItem('centar-resolved')) {
      sayResolved();
      return;
    }
    action('centarConflicts', entry).then(function (out) { showConflicts(entry, out.conflicts || []); },
      function () { showConflicts(entry, []); });
  }

  // The entry being edited, when its translation is older than its Serbian
  // text: said above the foot, with the editor's way to say that the
  // translation still holds. That is saved in the entry's draft, which the
  // admin then shows.
  var translationNote = el('aside', { 'class': 'c-note', role: 'region', 'aria-label': 'Превод', hidden: '' });
  // On a phone the note starts folded to its title, which says what it
  // must: it took a third of the screen. Each entry's note stays as the
  // editor last left it.
  var noteFolded = {};

  function showTranslation(entry, outdated) {
    translationNote.textContent = '';
    if (!entry || !outdated || !outdated.length) {
      translationNote.setAttribute('hidden', '');
      return;
    }
    var holds = el('button', { type: 'button', 'class': 'c-bar__button', text: 'Превод је и даље тачан' });
    holds.addEventListener('click', function () {
      holds.disabled = true;
      action('centarTranslationCurrent', entry).then(function () { location.reload(); },
        function (e) { holds.disabled = false; window.alert(e.message); });
    });
    var names = outdated.map(function (t) { return t.label; }).join(', ');
    var key = entry.collection + '/' + entry.slug;
    if (!(key in noteFolded)) noteFolded[key] = window.matchMedia('(max-width: 799px)').matches;
    translationNote.appendChild(foldButton(translationNote, 'c-note--folded', noteFolded[key], function (f) { noteFolded[key] = f; }));
    translationNote.appendChild(el('section', { 'data-centar': 'translation' }, [
      el('p', { 'class': 'c-bar__title', text: 'Превод застарео (' + names + '): српски текст је измењен после превода.' }),
      el('p', { text: 'Ажурирајте превод и сачувајте унос. Ако српска измена не тражи измену превода, реците то овде: превод се тада бележи као тачан у нацрту уноса.' }),
      holds
    ]));
    translationNote.removeAttribute('hidden');
  }

  function refreshTranslation() {
    var entry = openEntry();
    if (!entry) {
      showTranslation(null);
      return;
    }
    action('centarTranslations').then(function (all) { showTranslation(entry, all[entry.collection + '/' + entry.slug]); },
      function () { showTranslation(null); });
  }

  // The admin learns of a refused publication as Decap does: from the
  // answer to its request.
  function watchAnswers() {
    var plain = window.fetch;
    window.fetch = function (url, init) {
      var request = init && typeof init.body === 'string' && url === '/api/v1' ? init.body : '';
      return plain.apply(this, arguments).then(function (r) {
        if (request) heard(request, r);
        if (request.indexOf('"publishUnpublishedEntry"') >= 0 || request.indexOf('"persistEntry"') >= 0) {
          setTimeout(function () { refreshConflicts(); refreshState(); refreshTranslation(); }, 0);
        }
        return r;
      });
    };
  }

  // What the check found in the last save or publication: said at the
  // foot of the window and at each field it is about, until the editor
  // closes it or saves again. Decap's own toast only points here.
  var problems = el('aside', { 'class': 'c-problems', role: 'alert', hidden: '' });
  var marked = [];
  var markWatch = null;

  function showProblems(summary, findings, isWarning) {
    problems.textContent = '';
    marked = findings || [];
    problems.classList.toggle('c-problems--warning', !!isWarning);
    var close = el('button', { type: 'button', 'class': 'c-conflict__fold', text: 'Затвори' });
    close.addEventListener('click', clearProblems);
    problems.appendChild(close);
    problems.appendChild(el('p', { 'class': 'c-bar__title', text: summary.charAt(0).toUpperCase() + summary.slice(1) }));
    var list = el('ul', { 'class': 'c-problems__list' });
    marked.forEach(function (f) {
      list.appendChild(el('li', { 'data-centar': 'finding', 'data-severity': f.severity }, [
        el('strong', { text: place(f) + ': ' }), document.createTextNode(f.message)
      ]));
    });
    if (marked.length) problems.appendChild(list);
    problems.removeAttribute('hidden');
    markFields();
    if (!markWatch) {
      // Decap draws its form anew as the editor types: the marks follow.
      markWatch = new MutationObserver(function () { if (marked.length) markFields(); });
      markWatch.observe(document.body, { childList: true, subtree: true });
    }
  }

  function clearProblems() {
    marked = [];
    problems.setAttribute('hidden', '');
    markFields();
  }

  function place(f) {
    var where = f.label || '';
    if (f.line) where += ', ред ' + f.line;
    if (f.side) where += ' (' + f.side + ')';
    return where;
  }

  // The label of a finding's field: the Serbian side's first, then each
  // language's in the site's order, as Decap lays out the form.
  function labelOf(f) {
    if (!f.field) return null;
    var labels = document.querySelectorAll('label[for^="' + f.field + '-field-"]');
    return labels[f.sideIndex || 0] || null;
  }

  function markFields() {
    var want = new Map();
    marked.forEach(function (f) {
      var label = labelOf(f);
      if (!label) return;
      var said = (want.get(label) || []).concat([(f.line ? 'ред ' + f.line + ': ' : '') + f.message]);
      want.set(label, said);
      label.setAttribute('data-c-severity', f.severity);
    });
    document.querySelectorAll('label[data-c-message]').forEach(function (l) {
      if (!want.has(l)) {
        l.removeAttribute('data-c-message');
        l.removeAttribute('data-c-severity');
      }
    });
    want.forEach(function (said, label) {
      var text = said.join(' · ');
      if (label.getAttribute('data-c-message') !== text) label.setAttribute('data-c-message', text);
    });
  }

  // An answer of the API that refused, or saved with warnings.
  function heard(request, response) {
    var saving = request.indexOf('"persistEntry"') >= 0, publishing = request.indexOf('"publishUnpublishedEntry"') >= 0;
    var changing = saving || publishing || /"(persistMedia|deleteFile|deleteFiles|deleteUnpublishedEntry|updateUnpublishedEntryStatus)"/.test(request);
    if (!changing) return;
    response.clone().json().then(function (body) {
      if (!response.ok && response.status !== 409) {
        showProblems(body.error || body.message || response.statusText, body.findings || []);
      } else if (response.ok && body.findings && body.findings.length) {
        showProblems('Сачувано, уз упозорења:', body.findings, true);
      } else if (response.ok && (saving || publishing)) {
        clearProblems();
      }
    }, function () {});
  }

  // The panel and the bar stand at the foot of the window, one above the
  // other, over no more of Decap than they need.
  var foot = el('div', { 'class': 'c-foot' }, [problems, panel, translationNote, bar]);

  var barStyle = '.c-foot{position:fixed;left:0;right:0;bottom:0;z-index:400;max-height:45vh;overflow:auto;' +
    'box-shadow:0 -2px 8px rgba(0,0,0,.25);font:16px/1.4 system-ui,sans-serif;color:#1b1b1b}' +
    '.c-bar,.c-conflict{background:#fff;padding:.75rem 1rem}' +
    '.c-bar{border-top:4px solid #b58105}.c-conflict{border-top:4px solid #d4351c}' +
    '.c-bar[hidden],.c-conflict[hidden]{display:none}.c-bar__title,.c-conflict__title{font-weight:700;margin:.25rem 0;font-size:1rem}' +
    '.c-bar__button{font:inherit;padding:.4rem .8rem;margin:.25rem .5rem .25rem 0;border:2px solid #1b1b1b;border-radius:4px;background:#f3f2f1;cursor:pointer}' +
    '.c-bar__text,.c-conflict pre{white-space:pre-wrap;font:14px/1.4 ui-monospace,monospace;background:#f3f2f1;padding:.5rem;margin:0}' +
    '.c-conflict__sides{display:flex;gap:1rem;flex-wrap:wrap}.c-conflict__side{flex:1 1 16rem;min-width:0}' +
    '.c-conflict__who{font-weight:700;margin:.25rem 0}.c-conflict h3{font-size:1rem;margin:.5rem 0 .25rem}' +
    '.c-conflict__fold{float:right;font:inherit;padding:.2rem .6rem;border:1px solid #1b1b1b;border-radius:4px;background:#fff;cursor:pointer}' +
    '.c-conflict--folded>:not(.c-conflict__fold):not(.c-conflict__title){display:none}' +
    '.c-note{background:#fff;padding:.75rem 1rem;border-top:4px solid #b58105}.c-note[hidden]{display:none}' +
    '.c-note--folded section>:not(.c-bar__title){display:none}' +
    '.c-problems{background:#fff;padding:.75rem 1rem;border-top:4px solid #d4351c}.c-problems[hidden]{display:none}' +
    '.c-problems--warning{border-top-color:#b58105}.c-problems__list{margin:.25rem 0;padding-left:1.25rem}' +
    '[class*="-ControlErrorsList"]{text-transform:none!important;text-align:start!important;font-size:14px!important}' +
    'label[data-c-message]{display:block!important;height:auto!important;max-width:none!important;overflow:visible!important;white-space:normal!important}' +
    'label[data-c-message]::after{content:attr(data-c-message);display:block;width:auto;margin:.25rem 0;padding:.25rem .5rem;' +
    'font-weight:700;text-transform:none;color:#fff;background:#d4351c;border-radius:3px}' +
    'label[data-c-severity="warning"]::after{color:#1b1b1b;background:#ffdd00}' +
    '.c-choices{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}' +
    '.c-choice{background:#eff0f4;border-radius:4px;padding:.2rem .5rem}.c-choice button{border:0;background:none;cursor:pointer;font:inherit}' +
    'a[data-c-lang]::after{content:attr(data-c-lang);display:inline-block;margin:.25rem 0 0;padding:0 .4rem;font-size:.8rem;' +
    'border-radius:3px;background:#eff0f4;color:#313d3e}a[data-c-lang="само српски"]::after{background:#fff7d6}' +
    'a[data-c-lang="превод застарео"]::after{background:#fde2dd;color:#1b1b1b}' +
    // A phone: Decap's editor asks for 800 px; its toolbar wraps instead,
    // and the two languages stand one under the other.
    '@media (max-width:799px){' +
    '[class*="-EditorContainer"],[class*="-ToolbarContainer"]{min-width:0!important}' +
    '[class*="-EditorContainer"]{padding-top:0!important;display:flex!important;flex-direction:column}' +
    '[class*="-ToolbarContainer"]{position:relative!important;z-index:300;height:auto!important;flex:none;flex-wrap:wrap;padding:.5rem 0}' +
    '[class*="-Editor "]{position:relative!important;flex:1 1 auto;min-height:0;padding-top:0!important;top:0!important;width:100%!important}' +
    '[class*="-ToolbarSectionMain"]{order:3;flex:1 1 100%!important;flex-wrap:wrap!important;row-gap:.5rem;min-width:0;padding:0 .5rem}' +
    '[class*="-ToolbarSubSectionFirst"]{flex-wrap:wrap!important;row-gap:.5rem;min-width:0}' +
    '[class*="-ToolbarSubSectionFirst"]>*{max-width:100%!important;margin:0 .5rem 0 0!important}' +
    '[class*="-ToolbarContainer"]>*{height:auto!important;min-height:3rem}' +
    '[class*="-ToolbarSectionBackLink"]{flex:1 1 auto;padding:.5rem!important}' +
    '.SplitPane{display:block!important;position:static!important;height:auto!important}' +
    '.SplitPane>.Pane{width:100%!important;position:static!important}.SplitPane>.Resizer{display:none}' +
    // Toasts at the foot, off the toolbar the editor reaches for next.
    '.Toastify__toast-container--top-right{top:auto!important;bottom:1rem!important}' +
    '}';

  var previewStyle = '.c-preview{display:flex;gap:2rem;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b}' +
    '.c-preview__column{flex:1;min-width:0}.c-preview__label{font-size:.8rem;color:#555;text-transform:uppercase}' +
    '.c-preview__error{color:#a00;font:16px/1.5 system-ui,sans-serif}' +
    'body{margin:0}.c-page__bar{display:flex;flex-wrap:wrap;gap:.5rem;padding:.5rem;font:16px system-ui,sans-serif;background:#f3f2f1}' +
    '.c-page__bar button{font:inherit;padding:.3rem .7rem;border:2px solid #1b1b1b;border-radius:4px;background:#fff;cursor:pointer}' +
    '.c-page__bar button[aria-pressed=true]{background:#1b1b1b;color:#fff}' +
    '.c-page__frame{display:block;margin:0 auto;border:0;min-height:80vh;background:#fff;box-shadow:0 0 0 1px #b1b4b6}';

  document.addEventListener('DOMContentLoaded', function () {
    var CMS = window.CMS;
    CMS.registerLocale('sr', merge(merge(CMS.getLocale('en'), CMS.getLocale('sr_Cyrl')), completion));
    CMS.registerWidget('datum', dateControl(), function (props) { return window.h('span', null, props.value || ''); });
    CMS.registerWidget('izbor', choiceControl(), choicePreview);
    componentsInSerbian(CMS);
    keepSayingInSerbian();
    mediaByAddress();
    document.head.appendChild(el('style', { text: barStyle }));
    // Decap's configuration is made from the site's content model; the
    // collections to preview come from it too. The site's own page as the
    // preview needs centar cms (its proxy backend); the published site's
    // admin (GitHub backend) keeps Decap's own preview.
    fetch('config.json').then(function (r) { return r.json(); }).then(function (config) {
      if (config.backend && config.backend.name === 'proxy') {
        // centar cms: what waits for the site, and a draft's conflict.
        document.body.appendChild(foot);
        watchAnswers();
        refreshState();
        window.addEventListener('hashchange', function (e) {
          if (anotherEntry(e.oldURL, e.newURL)) {
            // After Decap has taken the change, and asked about unsaved
            // changes if there were any: only if the new address stands.
            setTimeout(function () { if (location.href === e.newURL) location.reload(); }, 0);
            return;
          }
          refreshConflicts(); refreshState(); refreshTranslation();
        });
        refreshConflicts();
        refreshTranslation();
        watchLanguages();
        var preview = sitePage();
        config.collections.forEach(function (c) {
          if (c.folder) CMS.registerPreviewTemplate(c.name, preview);
        });
        CMS.registerPreviewStyle(previewStyle, { raw: true });
      }
      config.load_config_file = false;
      CMS.init({ config: config });
    });
  });
})();
