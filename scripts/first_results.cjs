// What a phone downloads before the first results show (docs/performance.md, "Phones at
// scale"): opens BASE_URL/PATH in Chromium at 390×844 with an empty cache, waits for the
// first finder card or search result, and prints the bytes of every response received until
// then, by kind (raw, and gzipped as a server would send them).
// Usage: node scripts/first_results.cjs BASE_URL PATH   e.g. /projects/ or /en/search/?q=copper
// (needs tests/browser's node_modules: cd tests/browser && npm ci)
const path = require('path');
const zlib = require('zlib');
const { chromium } = require(path.join(__dirname, '../tests/browser/node_modules/playwright-core'));

(async () => {
  const [base, pagePath] = process.argv.slice(2);
  if (!base || !pagePath) { console.error('usage: node scripts/first_results.cjs BASE_URL PATH'); process.exit(2); }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  const bodies = [];
  let done = false;
  page.on('response', (r) => {
    if (done) return;
    bodies.push(r.body().then((b) => ({ url: r.url(), type: r.request().resourceType(), bytes: b.length, gz: zlib.gzipSync(b).length }), () => null));
  });
  const t0 = Date.now();
  await page.goto(base + pagePath);
  await page.waitForSelector('#finder-list .card, #search-results li', { timeout: 120000 });
  done = true;
  const ms = Date.now() - t0;
  const sizes = (await Promise.all(bodies)).filter(Boolean);
  const sum = (list, k) => list.reduce((a, s) => a + s[k], 0);
  const kinds = {};
  for (const s of sizes) (kinds[s.type] = kinds[s.type] || []).push(s);
  const kb = (n) => (n / 1024).toFixed(1) + ' KB';
  for (const [type, list] of Object.entries(kinds)) console.log(`${type.padEnd(10)} ${String(list.length).padStart(3)} files ${kb(sum(list, 'bytes')).padStart(10)} (gzip ${kb(sum(list, 'gz'))})`);
  const noCss = sizes.filter((s) => s.type !== 'stylesheet' && s.type !== 'font' && s.type !== 'image');
  console.log(`all        ${String(sizes.length).padStart(3)} files ${kb(sum(sizes, 'bytes')).padStart(10)} (gzip ${kb(sum(sizes, 'gz'))}); HTML+JS+data ${kb(sum(noCss, 'bytes'))} (gzip ${kb(sum(noCss, 'gz'))}); first result after ${ms} ms`);
  if (process.env.VERBOSE) for (const s of sizes) console.log(s.bytes, s.url);
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
