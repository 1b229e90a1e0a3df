// What a page transfers on a phone: loads BASE_URL/PATH in Chromium at 390×844 CSS pixels,
// scrolls to the end (so lazy photos load too) and prints the bytes of every response, by
// kind, for device pixel ratios 1, 2 and 3. docs/performance.md gives the figures.
// Usage: node scripts/photo_transfer.cjs BASE_URL PATH
// (needs tests/browser's node_modules: cd tests/browser && npm ci)
const path = require('path');
const { chromium } = require(path.join(__dirname, '../tests/browser/node_modules/playwright-core'));

(async () => {
  const [base, page_path] = process.argv.slice(2);
  if (!base || !page_path) { console.error('usage: node scripts/photo_transfer.cjs BASE_URL PATH'); process.exit(2); }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  for (const dpr of [1, 2, 3]) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: dpr, isMobile: true });
    const page = await context.newPage();
    const sizes = [];
    page.on('response', async (r) => {
      try { sizes.push({ url: r.url(), type: r.request().resourceType(), bytes: (await r.body()).length }); } catch (_) { /* redirects have no body */ }
    });
    await page.goto(base + page_path, { waitUntil: 'networkidle' });
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 50)); }
    });
    await page.waitForLoadState('networkidle');
    const by = {};
    for (const s of sizes) by[s.type] = (by[s.type] || 0) + s.bytes;
    const total = sizes.reduce((a, s) => a + s.bytes, 0);
    const images = sizes.filter((s) => s.type === 'image').map((s) => `${s.url.split('/').pop()} ${(s.bytes / 1024).toFixed(0)} KB`);
    console.log(`dpr ${dpr}: ${(total / 1024).toFixed(0)} KB in ${sizes.length} responses ${JSON.stringify(by)}\n  ${images.join('\n  ')}`);
    await context.close();
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
