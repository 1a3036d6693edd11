// How the search splits text into words and folds each word to its keys,
// exactly as centar folded the index (internal/search, fold.go): a test runs
// both over every word of the site. Concatenated before search.js.
function centarFold(rules) {
  'use strict';
  // A letter, digit or nonspacing mark: ASCII, the Cyrillic block and
  // Latin with marks (but × and ÷), then Unicode's letters, decimal digits
  // and nonspacing marks (Arabic vowel signs).
  function wordChar(cp) {
    if (cp < 0x80) return cp >= 97 && cp <= 122 || cp >= 65 && cp <= 90 || cp >= 48 && cp <= 57;
    if (cp >= 0x400 && cp <= 0x45f) return true;
    if (cp >= 0xc0 && cp <= 0x17f) return cp !== 0xd7 && cp !== 0xf7;
    return /[\p{L}\p{Nd}\p{Mn}]/u.test(String.fromCodePoint(cp));
  }
  function joiner(ch) { return ch === "'" || ch === '’' || ch === '-' || ch === '\u200c'; }

  // Each word of s, with where it starts and ends: a run of letters and
  // digits in which apostrophes and hyphens are kept, but not at its end.
  function eachWord(s, fn) {
    var start = -1, i = 0;
    function end(at) {
      var w = s.slice(start, at);
      while (w && joiner(w.charAt(w.length - 1))) w = w.slice(0, -1);
      fn(w, start, start + w.length);
      start = -1;
    }
    for (var ch of s) {
      var inWord = wordChar(ch.codePointAt(0));
      if (!inWord && start >= 0 && joiner(ch)) { i += ch.length; continue; }
      if (inWord && start < 0) start = i;
      if (!inWord && start >= 0) end(i);
      i += ch.length;
    }
    if (start >= 0) end(i);
  }
  function words(s) {
    var out = [];
    eachWord(s, function (w) { out.push(w); });
    return out;
  }

  // Lower case letter by letter, as Go's does: İ is i.
  function lower(ch) { return ch === 'İ' ? 'i' : ch.toLowerCase(); }
  function fold(w) {
    var out = '';
    for (var ch of w) {
      var l = lower(ch);
      out += rules.letters[l] || l;
    }
    return out;
  }
  function consonant(c) { return c >= 'a' && c <= 'z' && 'aeiou'.indexOf(c) < 0; }
  // A Serbian ending off, the l of -lac back, the fleeting a out: counted
  // in letters.
  function stem(w) {
    var cs = Array.from(w);
    for (var i = 0; i < rules.suffixes.length; i++) {
      var s = rules.suffixes[i];
      if (cs.length - s.length >= rules.minStem && cs.slice(-s.length).join('') === s) { cs = cs.slice(0, -s.length); break; }
    }
    var n = cs.length;
    if (n >= 4 && cs[n - 2] === 'o' && cs[n - 1] === 'c' && 'aeiou'.indexOf(cs[n - 3]) >= 0) { cs = cs.slice(0, -2).concat(['l', 'a', 'c']); n++; }
    if (n >= 4 && cs[n - 2] === 'a' && consonant(cs[n - 1]) && consonant(cs[n - 3])) cs.splice(n - 2, 1);
    return cs.join('');
  }
  function englishKey(w) {
    w = fold(w).replace(/'s$/, '');
    var n = Array.from(w).length;
    if (n > 4 && /ies$/.test(w)) return w.slice(0, -3) + 'y';
    if (n > 3 && /s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
    return w;
  }
  // A language with no rules of its own: lower case, without apostrophes,
  // marks, tatweel and the non-joiner; Arabic and Persian letters written
  // in two ways as one.
  var plain = {"'": '', '’': '', 'ʼ': '', '\u200c': '', 'ـ': '',
    'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ی': 'ي', 'ى': 'ي', 'ک': 'ك', 'ة': 'ه'};
  function plainKey(w) {
    var out = '';
    for (var ch of w) {
      var l = lower(ch);
      if (l in plain) out += plain[l];
      else if (!/\p{Mn}/u.test(l)) out += l;
    }
    return out;
  }
  function keys(w, lang) {
    if (lang === 'en') return [englishKey(w)];
    if (lang !== 'sr') return [plainKey(w)];
    var f = fold(w), k = [stem(f)];
    if (/[đђ]/i.test(w)) k.push(stem(f.replace(/dj/g, 'd')));
    return k;
  }
  return { words: words, eachWord: eachWord, keys: keys };
}
