// Runs the theme's search.js in node for tests/it/search.rs.
//   node search_query.cjs INDEX_FILE QUERY...   prints, per query, the matching pages'
//                                               paths, best first, as JSON (an index in
//                                               parts: its parts are read from its folder)
//   node search_query.cjs --tokenize TEXT...    prints each text's tokens as JSON
const fs = require('fs');
const path = require('path');
const search = require(path.join(__dirname, '../../themes/default/static/js/search.js'));

const [first, ...rest] = process.argv.slice(2);
if (first === '--tokenize') {
  console.log(JSON.stringify(rest.map(search.tokenize)));
} else {
  const window = {};
  const run = (file) => new Function('window', fs.readFileSync(file, 'utf8'))(window);
  run(first);
  const ix = window.investsiteSearch;
  const loaded = new Set();
  const load = (files, done) => {
    files.filter((f) => !loaded.has(f)).forEach((f) => { loaded.add(f); run(path.join(path.dirname(first), f)); });
    done(false);
  };
  const s = new search.Searcher(ix, load);
  window.investsiteSearchPart = (kind, i, data) => s.register(kind, i, data);
  console.log(JSON.stringify(rest.map((q) => {
    s.prepare(q, () => {});
    const found = s.search(q);
    s.preparePages(found, () => {});
    return found.map((r) => s.pages[r.id][0]);
  })));
}
