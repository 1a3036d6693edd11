// Search over the index centar build writes to /search/: the query is
// folded as the index was (fold.js, with rules.json: Cyrillic to Latin, no
// diacritics, Serbian endings off), only the shards of its words are
// fetched, and the results are shown in the reader's script. Loaded on the
// search page only.
(function () {
  'use strict';
  var form = document.querySelector('[data-search]');
  if (!form || !window.fetch) return;
  var lang = form.getAttribute('data-search');
  var prefix = form.getAttribute('data-prefix');
  var latin = document.documentElement.lang.indexOf('Latn') > 0;
  var input = form.querySelector('input');
  var list = document.querySelector('[data-search-results]');
  var status = document.querySelector('[data-search-status]');
  var base = '/search/';
  var cache = {};
  var rules, meta, shards, run = 0;
  var nojs = document.querySelector('[data-search-nojs]');
  nojs.hidden = true;

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ': ' + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  // Cyrillic to Latin for the reader of the Latin site: letter for letter,
  // as rules.latin spells them, keeping capitals (Љ → Lj).
  function toScript(s) {
    if (!latin) return s;
    return s.replace(/[\u0400-\u04ff]/g, function (ch) {
      var lower = ch.toLowerCase(), l = rules.latin[lower];
      if (!l) return ch;
      return ch === lower ? l : l.charAt(0).toUpperCase() + l.slice(1);
    });
  }

  var folding;
  function keys(w) { return folding.keys(w, lang); }

  // The postings of a term: every key that equals it, or, for the word
  // being typed, starts with it. A key is in the shard of its longest
  // prefix; a word being typed also looks in the shards of longer prefixes,
  // when they are few.
  function postings(term, typing) {
    var names = [];
    for (var n = term.length; n > 0 && !names.length; n--) if (shards.has(term.slice(0, n))) names.push(term.slice(0, n));
    if (typing) {
      var longer = meta.shards.filter(function (s) { return s.length > term.length && s.indexOf(term) === 0; });
      if (longer.length <= 3) names = names.concat(longer);
    }
    return Promise.all(names.map(function (s) { return get(lang + '/k/' + s + '.json'); })).then(function (all) {
      var found = {};
      all.forEach(function (keys) {
        for (var k in keys) {
          if (k === term || (typing && k.indexOf(term) === 0)) {
            var p = keys[k];
            for (var i = 0; i < p.length; i += 2) found[p[i]] = Math.max(found[p[i]] || 0, p[i + 1]);
          }
        }
      });
      return found;
    });
  }

  // Pages that hold every word of the query, heaviest first: each word
  // weighs by where it stands and by how few pages hold it.
  function terms(q, typing) {
    var ws = folding.words(q), out = [];
    ws.forEach(function (w, i) {
      var ks = keys(w).filter(function (k) { return k.length > 1; });
      if (ks.length) out.push({keys: ks, typing: typing && i === ws.length - 1});
    });
    return out;
  }
  function find(ts) {
    var groups = ts.map(function (t) {
      return Promise.all(t.keys.map(function (k) { return postings(k, t.typing); }));
    });
    return Promise.all(groups).then(function (gs) {
      var score = null;
      gs.forEach(function (g) {
        var merged = {};
        g.forEach(function (p) { for (var id in p) merged[id] = Math.max(merged[id] || 0, p[id]); });
        var n = Object.keys(merged).length;
        if (!n) { score = {}; return; }
        var idf = Math.log(1 + meta.docs / n), next = {};
        for (var id in merged) if (!score || id in score) next[id] = (score ? score[id] : 0) + merged[id] * idf;
        score = next;
      });
      return Object.keys(score || {}).sort(function (a, b) { return score[b] - score[a] || a - b; });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // An excerpt around the first word of the query, with its words marked.
  function excerpt(text, wanted) {
    var p = el('p'), parts = [], at = -1, last = 0;
    folding.eachWord(text, function (w, start, end) {
      var hit = keys(w).some(function (k) {
        return wanted.some(function (t) { return t.keys.some(function (x) { return k === x || (t.typing && k.indexOf(x) === 0); }); });
      });
      parts.push([start, end - start, hit]);
      if (hit && at < 0) at = parts.length - 1;
    });
    var from = Math.max(0, at - 8), to = Math.min(parts.length, Math.max(at, 0) + 16);
    if (!parts.length) return p;
    last = parts[from][0];
    if (from > 0) p.append('… ');
    for (var i = from; i < to; i++) {
      var s = parts[i][0], e = s + parts[i][1];
      p.append(toScript(text.slice(last, s)));
      p.append(parts[i][2] ? el('mark', '', toScript(text.slice(s, e))) : toScript(text.slice(s, e)));
      last = e;
    }
    if (to < parts.length) p.append(' …');
    return p;
  }

  var locale = document.documentElement.lang;
  var plural = new Intl.PluralRules(locale);
  var dates = new Intl.DateTimeFormat(locale, {day: 'numeric', month: 'long', year: 'numeric'});
  function say(n) {
    var form = n === 0 ? 'none' : plural.select(n);
    var text = status.getAttribute('data-results-' + form) || status.getAttribute('data-results-other');
    status.textContent = text.replace('%d', n);
  }

  function show(q, typing) {
    var mine = ++run, wanted = terms(q, typing);
    if (!wanted.length) { list.replaceChildren(); status.textContent = ''; return; }
    find(wanted).then(function (ids) {
      // Each result is shown as soon as it and those above it are here.
      var shown = Promise.resolve(), first = true;
      ids.slice(0, 10).forEach(function (id) {
        var doc = get(lang + '/d/' + Math.floor(id / meta.per) + '/' + id + '.json');
        shown = shown.then(function () { return doc; }).then(function (d) {
          if (mine !== run) return;
          if (first) { list.replaceChildren(); say(ids.length); first = false; }
          var li = el('li'), a = el('a', '', toScript(d.t));
          a.href = prefix + d.u;
          li.append(a);
          var about = [d.s && toScript(d.s), d.d && dates.format(new Date(d.d))].filter(Boolean).join(' · ');
          if (about) li.append(el('p', 'c-meta', about));
          li.append(excerpt(d.x, wanted));
          list.append(li);
        });
      });
      if (!ids.length) { list.replaceChildren(); say(0); }
      return shown;
    }).catch(function () { if (mine === run) status.textContent = ''; });
  }

  function update(typing) {
    var q = input.value;
    var url = new URL(location.href);
    if (q) url.searchParams.set('q', q); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
    show(q, typing);
  }

  Promise.all([get('rules.json'), get(lang + '/meta.json')]).then(function (r) {
    rules = r[0];
    folding = centarFold(rules);
    meta = r[1];
    shards = new Set(meta.shards);
    input.addEventListener('input', function () { update(true); });
    form.addEventListener('submit', function (e) { e.preventDefault(); update(false); });
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; show(q, false); }
  }, function () {
    // No index (a host that lost it, a network that failed): say so, and
    // where to look.
    var p = nojs.querySelector('p');
    p.textContent = p.getAttribute('data-unavailable');
    nojs.hidden = false;
  });
})();
