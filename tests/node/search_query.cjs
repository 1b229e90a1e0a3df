// Runs the theme's search.js in node for tests/it/search.rs.
//   node search_query.cjs INDEX_FILE QUERY...   prints, per query, the matching pages'
//                                               paths, best first, as JSON
//   node search_query.cjs --tokenize TEXT...    prints each text's tokens as JSON
const fs = require('fs');
const path = require('path');
const search = require(path.join(__dirname, '../../themes/default/static/js/search.js'));

const [first, ...rest] = process.argv.slice(2);
if (first === '--tokenize') {
  console.log(JSON.stringify(rest.map(search.tokenize)));
} else {
  const window = {};
  new Function('window', fs.readFileSync(first, 'utf8'))(window);
  const ix = window.investsiteSearch;
  const s = new search.Searcher(ix);
  console.log(JSON.stringify(rest.map((q) => s.search(q).map((r) => ix.pages[r.id][0]))));
}
