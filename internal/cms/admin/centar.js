// centar's parts of the web CMS, added to Decap CMS before it starts: the
// interface in Serbian (Decap's own Serbian, completed), the media library
// loading files by their address instead of inline, and a preview of each
// page in both scripts, written by the site's own transliteration.
(function () {
  'use strict';
  window.CMS_MANUAL_INIT = true;

  // What Decap's Serbian (sr_Cyrl) lacks of its English.
  var completion = {
    auth: { loginWithForgejo: 'Пријавите се преко Forgejo' },
    collection: { entries: { unpublishedHeader: 'Необјављени уноси' } },
    editor: {
      editorInterface: { toggleNotes: 'Прикажи или сакриј белешке' },
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
      }
    },
    ui: {
      toast: {
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

  // The page in both scripts, side by side.
  function bothScripts() {
    var h = window.h;
    return window.createClass({
      getInitialState: function () { return { cyrl: null, latn: null, error: '' }; },
      componentDidMount: function () { this.load(); },
      componentDidUpdate: function (prev) {
        if (prev.entry !== this.props.entry) {
          clearTimeout(this.timer);
          this.timer = setTimeout(this.load, 300);
        }
      },
      componentWillUnmount: function () { clearTimeout(this.timer); },
      load: function () {
        var data = this.props.entry.get('data');
        var self = this;
        fetch('/api/preview', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: data.get('title') || '', body: data.get('body') || '' })
        }).then(function (r) { return r.json(); }).then(function (out) {
          self.setState(out.error ? { error: out.error } : { cyrl: out.cyrl, latn: out.latn, error: '' });
        }).catch(function (e) { self.setState({ error: String(e) }); });
      },
      render: function () {
        if (this.state.error) return h('p', { className: 'c-preview__error' }, this.state.error);
        function column(label, lang, page) {
          if (!page) return h('section', { className: 'c-preview__column' }, '…');
          return h('section', { className: 'c-preview__column', lang: lang, 'data-script': lang },
            h('p', { className: 'c-preview__label' }, label),
            h('h1', null, page.title),
            h('div', { dangerouslySetInnerHTML: { __html: page.html } }));
        }
        return h('div', { className: 'c-preview' },
          column('Ћирилица', 'sr-Cyrl', this.state.cyrl),
          column('Latinica', 'sr-Latn', this.state.latn));
      }
    });
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

  // The panel of a draft a colleague's publication meets: both versions of
  // each place, side by side, and the editor's choice.
  var panel = el('aside', { 'class': 'c-conflict', role: 'region', 'aria-label': 'Сукоб измена', hidden: '' });

  function showConflicts(entry, conflicts) {
    panel.textContent = '';
    if (!conflicts.length) {
      panel.setAttribute('hidden', '');
      return;
    }
    var languages = { sr: 'српски', en: 'енглески' };
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
    var fold = el('button', { type: 'button', 'class': 'c-conflict__fold', 'aria-expanded': 'true', text: 'Сакриј' });
    fold.addEventListener('click', function () {
      var open = panel.classList.toggle('c-conflict--folded');
      fold.setAttribute('aria-expanded', String(!open));
      fold.textContent = open ? 'Прикажи' : 'Сакриј';
    });
    panel.appendChild(fold);
    panel.appendChild(el('h2', { 'class': 'c-conflict__title', text: 'Колега је у међувремену објавио измену истог дела ове странице' }));
    panel.appendChild(el('p', { text: 'Ваш нацрт је сачуван. Изаберите шта остаје; после тога нацрт можете још да мењате и да га објавите.' }));
    conflicts.forEach(function (c) {
      panel.appendChild(el('section', { 'class': 'c-conflict__place', 'data-centar': 'conflict' }, [
        el('h3', { text: c.label + ' (' + (languages[c.locale] || c.locale) + ')' }),
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

  // The admin learns of a refused publication as Decap does: from the
  // answer to its request.
  function watchAnswers() {
    var plain = window.fetch;
    window.fetch = function (url, init) {
      var request = init && typeof init.body === 'string' && url === '/api/v1' ? init.body : '';
      return plain.apply(this, arguments).then(function (r) {
        if (request.indexOf('"publishUnpublishedEntry"') >= 0 || request.indexOf('"persistEntry"') >= 0) {
          setTimeout(function () { refreshConflicts(); refreshState(); }, 0);
        }
        return r;
      });
    };
  }

  // The panel and the bar stand at the foot of the window, one above the
  // other, over no more of Decap than they need.
  var foot = el('div', { 'class': 'c-foot' }, [panel, bar]);

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
    '.c-conflict--folded>:not(.c-conflict__fold):not(.c-conflict__title){display:none}';

  var previewStyle = '.c-preview{display:flex;gap:2rem;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b}' +
    '.c-preview__column{flex:1;min-width:0}.c-preview__label{font-size:.8rem;color:#555;text-transform:uppercase}' +
    '.c-preview__error{color:#a00}';

  document.addEventListener('DOMContentLoaded', function () {
    var CMS = window.CMS;
    CMS.registerLocale('sr', merge(merge(CMS.getLocale('en'), CMS.getLocale('sr_Cyrl')), completion));
    mediaByAddress();
    document.head.appendChild(el('style', { text: barStyle }));
    // Decap's configuration is made from the site's content model; the
    // collections to preview come from it too. The preview in both
    // scripts needs centar cms; the published site's admin (GitHub
    // backend) keeps Decap's own preview.
    Promise.all([
      fetch('config.json').then(function (r) { return r.json(); }),
      fetch('/api/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
        .then(function (r) { return r.ok; }, function () { return false; })
    ]).then(function (got) {
      var config = got[0], served = got[1];
      if (served) {
        // centar cms: what waits for the site, and a draft's conflict.
        document.body.appendChild(foot);
        watchAnswers();
        refreshState();
        window.addEventListener('hashchange', function () { refreshConflicts(); refreshState(); });
        refreshConflicts();
        var preview = bothScripts();
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
