// Search index size and query time, with the theme's own search.js in node (docs/performance.md, Search).
// Usage: node scripts/search_bench.cjs OUTPUT_DIR [LANG ...]   (default languages: zh en)
// Loads OUTPUT_DIR/search/index.zh.js (and OUTPUT_DIR/<lang>/search/index.<lang>.js), then
// runs every query of a fixed mix many times: two-character Chinese words, one-character
// queries, whole titles, English words, prefixes being typed, mixed Chinese-English queries.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const search = require(path.join(__dirname, '../themes/default/static/js/search.js'));

const out = process.argv[2];
const langs = process.argv.slice(3).length ? process.argv.slice(3) : ['zh', 'en'];
if (!out) { console.error('usage: node scripts/search_bench.cjs OUTPUT_DIR [LANG ...]'); process.exit(2); }

function load(file) {
  const window = {};
  new Function('window', fs.readFileSync(file, 'utf8'))(window);
  return window.investsiteSearch;
}

// A deterministic sample: every k-th item of a list.
function sample(list, n) {
  const k = Math.max(1, Math.floor(list.length / n));
  return list.filter((_, i) => i % k === 0).slice(0, n);
}

function queries(ix) {
  const keys = ix.tokens.split(' ');
  const pairs = keys.filter((k) => /^[\u4e00-\u9fff]{2}$/.test(k));
  const words = keys.filter((k) => /^[a-z]{4,}$/.test(k));
  const titles = sample(ix.pages.map((p) => p[1]), 50);
  const q = [];
  q.push(...sample(pairs, 100));
  q.push(...sample(pairs, 30).map((p) => p[0]));
  q.push(...titles);
  q.push(...sample(words, 60));
  q.push(...sample(words, 30).map((w) => w.slice(0, 3)));
  const a = sample(pairs, 30), b = sample(words, 30);
  for (let i = 0; i < Math.min(a.length, b.length); i++) q.push(a[i] + ' ' + b[i]);
  return q;
}

function percentile(sorted, p) { return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]; }

for (const lang of langs) {
  const file = lang === langs[0] && fs.existsSync(path.join(out, 'search', `index.${lang}.js`))
    ? path.join(out, 'search', `index.${lang}.js`)
    : path.join(out, lang, 'search', `index.${lang}.js`);
  const bytes = fs.readFileSync(file);
  let t = process.hrtime.bigint();
  const ix = load(file);
  const s = new search.Searcher(ix);
  const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
  const qs = queries(ix);
  const runs = 5, times = [];
  let hits = 0;
  for (let r = 0; r < runs; r++) {
    for (const q of qs) {
      t = process.hrtime.bigint();
      const found = s.search(q);
      const re = search.highlighter(q);
      found.slice(0, 20).forEach((f) => search.snippet(ix.pages[f.id][4], re));
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r === 0) hits += found.length;
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${lang}: ${ix.pages.length} pages, ${ix.tokens.split(' ').length} tokens; ` +
    `index ${(bytes.length / 1024).toFixed(0)} KB, gzip ${(zlib.gzipSync(bytes).length / 1024).toFixed(0)} KB; ` +
    `load+parse ${loadMs.toFixed(0)} ms; ${qs.length} queries x ${runs}: mean ${mean.toFixed(2)} ms, ` +
    `median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms; ` +
    `${(hits / qs.length).toFixed(0)} results per query on average`);
}
