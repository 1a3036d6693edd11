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

  var previewStyle = '.c-preview{display:flex;gap:2rem;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b}' +
    '.c-preview__column{flex:1;min-width:0}.c-preview__label{font-size:.8rem;color:#555;text-transform:uppercase}' +
    '.c-preview__error{color:#a00}';

  document.addEventListener('DOMContentLoaded', function () {
    var CMS = window.CMS;
    CMS.registerLocale('sr', merge(merge(CMS.getLocale('en'), CMS.getLocale('sr_Cyrl')), completion));
    mediaByAddress();
    // The preview in both scripts needs centar cms; the published site's
    // admin (GitHub backend) keeps Decap's own preview.
    fetch('/api/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then(function (r) { return r.ok; }, function () { return false; })
      .then(function (served) {
        if (served) {
          var preview = bothScripts();
          ['vesti', 'stranice', 'letci', 'dokumenti'].forEach(function (name) { CMS.registerPreviewTemplate(name, preview); });
          CMS.registerPreviewStyle(previewStyle, { raw: true });
        }
        CMS.init();
      });
  });
})();
