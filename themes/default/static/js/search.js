/* investsite site search: searches the index the build wrote (search/index.<lang>.js, which
   sets window.investsiteSearch; on a large site a manifest whose parts are loaded as a query
   needs them, see src/render/search_shards.rs) in the browser. Text is cut into tokens exactly as the build
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

  /* The token part of a token among n (src/render/search_shards.rs, part_of): FNV-1a over the
     code points of a CJK token, or of the first two characters of a Latin word or number. */
  function partOf(token, n) {
    var cps = [], h = 0x811c9dc5;
    for (var ch of token) cps.push(ch.codePointAt(0));
    (isCjk(cps[0]) ? cps : cps.slice(0, 2)).forEach(function (cp) { h = Math.imul((h ^ cp) >>> 0, 16777619) >>> 0; });
    return h % n;
  }

  /* A token's scores on its pages (see encode_scores in search.rs): one character each, a
     character of value 28 or more standing for that many minus 26 zeros. */
  function scoresOf(s, count) {
    var out = new Uint8Array(count), at = 0;
    for (var i = 0; i < s.length && at < count; i++) {
      var v = VALUE[s.charAt(i)];
      if (v >= 28) at += v - 26; else out[at++] = v;
    }
    return out;
  }

  /* Searches an index: the whole index (ix.v 1), or the manifest of one written in parts
     (ix.v 2), whose parts `load(files, done)` brings in and `register` receives. */
  function Searcher(ix, load) {
    this.sections = ix.sections;
    this.sets = new Map();
    this.keys = [];
    if (ix.v === 2) {
      this.manifest = ix;
      this.n = ix.n;
      this.pages = new Array(ix.n);
      this.partKeys = [];
      this.chars = new Map();
      this.load = load;
    } else {
      this.n = ix.pages.length;
      this.pages = ix.pages;
      this.addTokens(ix, this.keys);
    }
  }

  Searcher.prototype.addTokens = function (d, keys) {
    var ks = d.tokens ? d.tokens.split(' ') : [], sets = d.postings ? d.postings.split(',') : [];
    var scores = d.scores ? d.scores.split(',') : [];
    for (var i = 0; i < ks.length; i++) { this.sets.set(ks[i], [sets[i], scores[i] || '']); keys.push(ks[i]); }
  };

  /* A part of a sharded index arrived: kind 't' (tokens) or 'p' (pages), number i. */
  Searcher.prototype.register = function (kind, i, data) {
    if (kind === 't') {
      var keys = [];
      this.addTokens(data, keys);
      this.partKeys[i] = keys;
      var cs = data.chars ? data.chars.split(' ') : [], sets = data.charPostings.split(','), sc = data.charScores.split(',');
      for (var k = 0; k < cs.length; k++) this.chars.set(cs[k], [sets[k], sc[k]]);
    } else if (kind === 'p') {
      for (var j = 0; j < data.length; j++) this.pages[i * this.manifest.per + j] = data[j];
    }
  };

  Searcher.prototype.file = function (kind, i) {
    var m = this.manifest;
    return m.base + kind + i + '.' + m[kind][i] + '.js';
  };

  /* Brings in what searching q needs (nothing for a whole index), then calls done(failed). */
  Searcher.prototype.prepare = function (q, done) {
    if (!this.manifest) { done(false); return; }
    var self = this, n = this.manifest.t.length, files = [];
    parseQuery(q).tokens.forEach(function (tok) {
      var f = self.file('t', partOf(tok.text, n));
      if (files.indexOf(f) < 0) files.push(f);
    });
    this.load(files, done);
  };

  /* Brings in the pages of these results, then calls done(failed). */
  Searcher.prototype.preparePages = function (results, done) {
    if (!this.manifest) { done(false); return; }
    var self = this, files = [];
    results.forEach(function (r) {
      var f = self.file('p', Math.floor(r.id / self.manifest.per));
      if (!self.pages[r.id] && files.indexOf(f) < 0) files.push(f);
    });
    this.load(files, done);
  };

  /* The page ids of an encoded set (see encode_ids in search.rs). */
  function decode(s) {
    var out = [], i;
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
  }

  /* The postings ([page set, scores]) a query token stands for: its own; a word being typed
     also those of every word it starts; a lone CJK character those of every token holding it
     (gathered by the build in a sharded index). */
  Searcher.prototype.entries = function (tok) {
    var t = tok.text, self = this, out = [];
    if (tok.kind === 'pair' || (tok.kind === 'word' && !tok.prefix)) {
      if (this.sets.has(t)) out.push(this.sets.get(t));
      return out;
    }
    if (tok.kind === 'single' && this.manifest) {
      if (this.chars.has(t)) out.push(this.chars.get(t));
      return out;
    }
    var keys = this.manifest ? this.partKeys[partOf(t, this.manifest.t.length)] || [] : this.keys;
    keys.forEach(function (k) {
      if (tok.kind === 'word' ? k.lastIndexOf(t, 0) === 0 : (k === t || (k.length > t.length && (k.lastIndexOf(t, 0) === 0 || k.slice(-t.length) === t)))) out.push(self.sets.get(k));
    });
    return out;
  };

  /* Pages holding every token of q, best first, ranked from the postings alone: each token
     adds its score on the page (16 in the title, 6 in the facts, 1 per time in the stored
     text, at most 5; a word being typed or a lone character its best word's); a phrase of
     three or more characters adds 8 when all its pairs are in the title, 3 when all are in
     the facts or text. */
  Searcher.prototype.search = function (q) {
    var query = parseQuery(q), n = this.n, self = this;
    if (!query.tokens.length) return [];
    var hits = new Int32Array(n);
    var best = query.tokens.map(function () { return new Uint8Array(n); });
    query.tokens.forEach(function (tok, ti) {
      var b = best[ti];
      self.entries(tok).forEach(function (e) {
        var ids = decode(e[0]), sc = scoresOf(e[1], ids.length);
        for (var j = 0; j < ids.length; j++) {
          var id = ids[j], s = sc[j];
          if (hits[id] === ti) { hits[id] = ti + 1; b[id] = s; } else if (hits[id] === ti + 1 && s > b[id]) b[id] = s;
        }
      });
    });
    var at = {};
    query.tokens.forEach(function (t, ti) { at[t.text] = ti; });
    var phrases = query.runs.filter(function (r) { return r.length >= 3; }).map(function (r) {
      var cs = Array.from(r), pairs = [];
      for (var i = 0; i + 1 < cs.length; i++) pairs.push(best[at[cs[i] + cs[i + 1]]]);
      return pairs;
    });
    var all = query.tokens.length, found = [];
    for (var id = 0; id < n; id++) {
      if (hits[id] !== all) continue;
      var score = 0;
      for (var ti = 0; ti < all; ti++) score += best[ti][id];
      phrases.forEach(function (pairs) {
        if (pairs.every(function (b) { return b[id] >= 16; })) score += 8;
        if (pairs.every(function (b) { return b[id] % 16 > 0; })) score += 3;
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

  var api = { tokenize: tokenize, parseQuery: parseQuery, partOf: partOf, Searcher: Searcher, highlighter: highlighter, snippet: snippet };
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
    // The parts of a sharded index sit beside it; each calls investsiteSearchPart.
    var indexSrc = (document.getElementById('search-index') || {}).src || '';
    var dir = indexSrc.slice(0, indexSrc.split('?')[0].lastIndexOf('/') + 1);
    var requested = {};
    function load(files, done) {
      var left = 0, failed = false;
      function one(ok) { failed = failed || !ok; if (--left === 0) done(failed); }
      files.forEach(function (f) {
        if (requested[f] === true) return;
        left++;
        if (requested[f]) { requested[f].push(one); return; }
        requested[f] = [one];
        var el = document.createElement('script');
        el.src = dir + f;
        el.onload = function () { var w = requested[f]; requested[f] = true; w.forEach(function (c) { c(true); }); };
        el.onerror = function () { var w = requested[f]; delete requested[f]; el.remove(); w.forEach(function (c) { c(false); }); };
        document.head.appendChild(el);
      });
      if (!left) done(false);
    }
    var searcher = new Searcher(ix, load);
    window.investsiteSearchPart = function (kind, i, data) { searcher.register(kind, i, data); };
    var root = form.getAttribute('data-root') || '';
    var fromFile = location.protocol === 'file:';
    var STEP = 20, results = [], shown = 0, re = null, timer = 0, lastQuery = null, generation = 0;
    var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;

    /* The count in the page's language, in its plural form (data-count-one, -few …). */
    function counted(n) {
      var form1 = rules ? form.getAttribute('data-count-' + rules.select(n)) : null;
      return (form1 || msg('count')).split('{n}').join(n);
    }

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

    /* Shows the next results once their pages are in (a sharded index loads them), then
       calls then(). */
    function showMore(focus, then) {
      var mine = generation, next = results.slice(shown, shown + STEP);
      more.disabled = true;
      searcher.preparePages(next, function (failed) {
        if (mine !== generation) return;
        more.disabled = false;
        if (failed) { status.textContent = msg('unavailable'); list.removeAttribute('aria-busy'); return; }
        var first = null;
        next.forEach(function (r) {
          var li = item(r);
          first = first || li;
          list.appendChild(li);
        });
        shown = Math.min(results.length, shown + STEP);
        more.hidden = shown >= results.length;
        if (focus && first) first.querySelector('a').focus();
        if (then) then();
      });
    }

    function run() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      var mine = ++generation;
      // Busy while the parts of a sharded index load; the address changes when results show.
      list.setAttribute('aria-busy', 'true');
      searcher.prepare(q, function (failed) {
        if (mine !== generation) return;
        if (failed) { list.removeAttribute('aria-busy'); status.textContent = msg('unavailable'); return; }
        var found = q ? searcher.search(q) : [];
        list.textContent = '';
        shown = 0;
        results = found;
        re = highlighter(q);
        showMore(false, function () {
          if (!q) status.textContent = msg('prompt');
          else if (!results.length) status.textContent = msg('none', { q: q });
          else status.textContent = counted(results.length);
          list.removeAttribute('aria-busy');
          var query = q ? '?q=' + encodeURIComponent(q) : '';
          try { history.replaceState(null, '', query || location.pathname); } catch (e) { /* file:// in some browsers */ }
          // The language switch keeps the search.
          Array.prototype.forEach.call(document.querySelectorAll('.lang-switch a'), function (a) {
            a.setAttribute('href', a.getAttribute('href').split('?')[0] + query);
          });
        });
      });
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
