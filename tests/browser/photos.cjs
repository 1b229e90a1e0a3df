// Photos at phone width: the page loads a phone-sized photo (480 px wide, WebP), not the
// 4000-pixel original, and nothing moves while photos load.
// Usage: node photos.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { if (!e.hadRecentInput) window.__shift += e.value; }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(process.env.BASE_URL + '/news/park-tour/');
  const hero = page.locator('.page-hero img');
  const src = await hero.evaluate((img) => img.currentSrc);
  check(/\/factory\.480\.[0-9a-f]+\.webp$/.test(src), 'the hero loads the 480-pixel WebP: ' + src);
  check(!requested.some((u) => /\/factory\.(jpg|1600\.)/.test(u)), 'neither the original nor the largest size is fetched: ' + requested.filter((u) => u.includes('factory')).join(' '));
  const box = await hero.boundingBox();
  check(box && box.width <= 390 && box.height > 0, 'the photo fits the phone: ' + JSON.stringify(box));
  // Scroll through the page so lazy photos load, then read the layout shift.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState('networkidle');
  const lazy = await page.locator('.gallery img').first().evaluate((img) => img.currentSrc);
  check(/\/mark\.480\.[0-9a-f]+\.webp$/.test(lazy), 'a gallery photo loads its phone size too: ' + lazy);
  const shift = await page.evaluate(() => window.__shift);
  check(shift < 0.01, 'no layout shift while photos load: ' + shift);
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
