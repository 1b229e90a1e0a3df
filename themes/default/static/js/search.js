/* investsite site search: searches the index the build wrote (search/index.<lang>.js, which
   sets window.investsiteSearch) in the browser. Text is cut into tokens exactly as the build
   does (src/render/search.rs): Latin letters and digits make lowercased words, minus a few
   English stop words; each run of Chinese, Japanese or Korean characters makes its
   overlapping character pairs, a one-character run itself. A page matches when it holds every
   token of the query. Also loaded by node in the tests (module.exports). */
(function () {
  'use strict';

  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var VALUE = {};
  for (var d = 0; d < 64; d++) VALUE[DIGITS.charAt(d)] = d;
  var STOP = {};
  'a an and are as at be by for from in is it of on or the to with'.split(' ').forEach(function (w) { STOP[w] = true; });
  var WORD_CHAR;
  try { WORD_CHAR = new RegExp('[\\p{Alphabetic}\\p{N}]', 'u'); } catch (e) { WORD_CHAR = /[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u06FF]/; }

  function isCjk(cp) {
    return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0x30FC && cp <= 0x30FF) ||
      (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
  }

  /* Calls emit(kind, token) for every token of text: kind is 'word', 'pair' or 'single';
     runs(run) for every CJK run (for highlighting whole phrases). */
  function segment(text, emit, runs) {
    var word = '', run = [];
    function endWord() {
      if (!word) return;
      var w = word.toLowerCase();
      if (!STOP[w]) emit('word', w);
      word = '';
    }
    function endRun() {
      if (run.length === 1) emit('single', run[0]);
      for (var i = 0; i + 1 < run.length; i++) emit('pair', run[i] + run[i + 1]);
      if (run.length && runs) runs(run.join(''));
      run = [];
    }
    for (var ch of String(text)) {
      var cp = ch.codePointAt(0);
      if (cp >= 0xFF01 && cp <= 0xFF5E) { cp -= 0xFEE0; ch = String.fromCharCode(cp); }
      if (isCjk(cp)) { endWord(); run.push(ch); } else if (WORD_CHAR.test(ch)) { endRun(); word += ch; } else { endWord(); endRun(); }
    }
    endWord();
    endRun();
  }

  function tokenize(text) {
    var out = [];
    segment(text, function (kind, t) { out.push(t); });
    return out;
  }

  /* The query's distinct tokens; the last word is a prefix while it is being typed. */
  function parseQuery(q) {
    var seen = {}, tokens = [], runs = [];
    segment(q, function (kind, t) {
      if (seen[t]) return;
      seen[t] = true;
      tokens.push({ kind: kind, text: t, prefix: false });
    }, function (r) { runs.push(r); });
    var last = tokens[tokens.length - 1];
    if (last && last.kind === 'word' && last.text.length >= 2 && !/\s$/.test(q)) last.prefix = true;
    return { tokens: tokens, runs: runs };
  }

  function Searcher(ix) {
    this.pages = ix.pages;
    this.sections = ix.sections;
    this.keys = ix.tokens ? ix.tokens.split(' ') : [];
    var sets = ix.postings ? ix.postings.split(',') : [];
    this.sets = new Map();
    for (var i = 0; i < this.keys.length; i++) this.sets.set(this.keys[i], sets[i]);
    this.lower = [];
  }

  /* The page ids of one token, decoded (see encode_ids in search.rs). */
  Searcher.prototype.ids = function (token) {
    var s = this.sets.get(token), out = [], i;
    if (!s) return out;
    if (s.charAt(0) === '~') {
      for (i = 1; i < s.length; i++) {
        var b = VALUE[s.charAt(i)];
        for (var k = 0; k < 6; k++) if (b & (1 << k)) out.push((i - 1) * 6 + k);
      }
      return out;
    }
    var v = 0, prev = -1;
    for (i = 0; i < s.length; i++) {
      var c = VALUE[s.charAt(i)];
      v = v * 32 + (c & 31);
      if (c < 32) { prev += v + 1; out.push(prev); v = 0; }
    }
    return out;
  };

  /* Index keys a query token stands for: itself; a word being typed also every word it
     starts; a lone CJK character every pair that starts or ends with it. */
  Searcher.prototype.keysFor = function (tok) {
    if (tok.kind === 'pair' || (tok.kind === 'word' && !tok.prefix)) return [tok.text];
    var t = tok.text, out = [];
    for (var i = 0; i < this.keys.length; i++) {
      var k = this.keys[i];
      if (tok.kind === 'word' ? k.lastIndexOf(t, 0) === 0 : (k === t || (k.length > t.length && (k.lastIndexOf(t, 0) === 0 || k.slice(-t.length) === t)))) out.push(k);
    }
    return out;
  };

  Searcher.prototype.lowered = function (id) {
    var l = this.lower[id];
    if (!l) {
      var p = this.pages[id];
      l = this.lower[id] = { title: p[1].toLowerCase(), facts: p[3].toLowerCase(), text: p[4].toLowerCase() };
    }
    return l;
  };

  function count(hay, needle, max) {
    var n = 0, i = hay.indexOf(needle);
    while (i >= 0 && n < max) { n++; i = hay.indexOf(needle, i + needle.length); }
    return n;
  }

  /* Pages holding every token of q, best first: a token in the title counts most, then in
     the facts, then how often it occurs in the stored text; a whole phrase adds to that. */
  Searcher.prototype.search = function (q) {
    var query = parseQuery(q), n = this.pages.length, self = this;
    if (!query.tokens.length) return [];
    var hits = new Int32Array(n);
    query.tokens.forEach(function (tok, ti) {
      self.keysFor(tok).forEach(function (key) {
        self.ids(key).forEach(function (id) { if (hits[id] === ti) hits[id] = ti + 1; });
      });
    });
    var all = query.tokens.length, found = [];
    for (var id = 0; id < n; id++) {
      if (hits[id] !== all) continue;
      var l = this.lowered(id), score = 0;
      query.tokens.forEach(function (tok) {
        var t = tok.text;
        if (l.title.indexOf(t) >= 0) score += 16;
        if (l.facts.indexOf(t) >= 0) score += 6;
        score += count(l.text, t, 5);
      });
      query.runs.forEach(function (r) {
        if (r.length < 3) return;
        if (l.title.indexOf(r) >= 0) score += 8;
        if (l.text.indexOf(r) >= 0 || l.facts.indexOf(r) >= 0) score += 3;
      });
      found.push({ id: id, score: score });
    }
    found.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return found;
  };

  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  /* What to highlight: every whole CJK phrase of the query, its pairs, and the words. */
  function highlighter(q) {
    var query = parseQuery(q), terms = query.runs.slice();
    query.tokens.forEach(function (t) { if (terms.indexOf(t.text) < 0) terms.push(t.text); });
    if (!terms.length) return null;
    terms.sort(function (a, b) { return b.length - a.length; });
    // Latin words from their start only: `art` is not marked inside `start`.
    return new RegExp(terms.map(function (t) { return (/^[a-z0-9]/.test(t) ? '\\b' : '') + escapeRe(t); }).join('|'), 'gi');
  }

  /* About `width` characters of text around the first highlighted term (or its start). */
  function snippet(text, re, width) {
    width = width || 90;
    var at = -1;
    if (re) { re.lastIndex = 0; var m = re.exec(text); if (m) at = m.index; }
    if (at < 0) return { text: text.slice(0, width), before: false, after: text.length > width, hit: false };
    var start = Math.max(0, Math.min(at - Math.floor(width / 4), text.length - width));
    var code = text.charCodeAt(start);
    if (code >= 0xDC00 && code <= 0xDFFF) start++;
    var end = Math.min(text.length, start + width);
    // In spaced text, cut between words (Chinese text has no spaces to cut at).
    var space = text.indexOf(' ', start);
    if (start > 0 && space >= 0 && space < Math.min(at, start + 15)) start = space + 1;
    space = text.lastIndexOf(' ', end);
    if (end < text.length && space > Math.max(at, end - 15)) end = space;
    return { text: text.slice(start, end), before: start > 0, after: end < text.length, hit: true };
  }

  var api = { tokenize: tokenize, parseQuery: parseQuery, Searcher: Searcher, highlighter: highlighter, snippet: snippet };
  if (typeof module === 'object' && module.exports) { module.exports = api; return; }

  /* ---- the search page ---- */

  function appendMarked(el, text, re) {
    var last = 0, m;
    if (re) {
      re.lastIndex = 0;
      while ((m = re.exec(text))) {
        if (!m[0]) { re.lastIndex++; continue; }
        if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement('mark');
        mark.textContent = m[0];
        el.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  function init() {
    var form = document.getElementById('search-form');
    var ix = window.investsiteSearch;
    if (!form) return;
    var input = document.getElementById('search-q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var msg = function (name, vars) {
      var s = form.getAttribute('data-' + name) || '';
      Object.keys(vars || {}).forEach(function (k) { s = s.split('{' + k + '}').join(vars[k]); });
      return s;
    };
    if (!ix) { status.textContent = msg('unavailable'); return; }
    var searcher = new Searcher(ix);
    var root = form.getAttribute('data-root') || '';
    var fromFile = location.protocol === 'file:';
    var STEP = 20, results = [], shown = 0, re = null, timer = 0, lastQuery = null;

    function href(path) {
      var url = root + path;
      // A folder opened from disk shows a file listing, not its index page.
      return fromFile && /(^|\/)$/.test(url) ? url + 'index.html' : url;
    }

    function item(r) {
      var p = searcher.pages[r.id];
      var li = document.createElement('li');
      li.className = 'search-result';
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = href(p[0]);
      appendMarked(a, p[1], re);
      // An untranslated page's title and text are in the language p[5] names.
      if (p[5]) h.lang = p[5];
      h.appendChild(a);
      li.appendChild(h);
      if (p[2] >= 0) {
        var sec = document.createElement('p');
        sec.className = 'search-section';
        sec.textContent = searcher.sections[p[2]];
        li.appendChild(sec);
      }
      var cut = snippet(p[4], re);
      if (!cut.hit && p[3]) { var f = snippet(p[3], re); if (f.hit) cut = f; }
      if (cut.text) {
        var s = document.createElement('p');
        s.className = 'search-snippet';
        if (p[5]) s.lang = p[5];
        appendMarked(s, (cut.before ? '…' : '') + cut.text + (cut.after ? '…' : ''), re);
        li.appendChild(s);
      }
      return li;
    }

    function showMore(focus) {
      var first = null;
      results.slice(shown, shown + STEP).forEach(function (r) {
        var li = item(r);
        first = first || li;
        list.appendChild(li);
      });
      shown = Math.min(results.length, shown + STEP);
      more.hidden = shown >= results.length;
      if (focus && first) first.querySelector('a').focus();
    }

    function run() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      var query = q ? '?q=' + encodeURIComponent(q) : '';
      try { history.replaceState(null, '', query || location.pathname); } catch (e) { /* file:// in some browsers */ }
      // The language switch keeps the search.
      Array.prototype.forEach.call(document.querySelectorAll('.lang-switch a'), function (a) {
        a.setAttribute('href', a.getAttribute('href').split('?')[0] + query);
      });
      list.textContent = '';
      shown = 0;
      re = highlighter(q);
      results = q ? searcher.search(q) : [];
      if (!q) status.textContent = msg('prompt');
      else if (!results.length) status.textContent = msg('none', { q: q });
      else status.textContent = msg(results.length === 1 ? 'count-one' : 'count', { n: results.length });
      showMore(false);
    }

    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    more.addEventListener('click', function () { showMore(true); });
    var q = new URLSearchParams(location.search).get('q');
    if (q) input.value = q;
    run();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
