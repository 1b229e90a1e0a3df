// The map on a phone: it fits the screen, its points are links reachable with the keyboard,
// and the skip link jumps past them to the key.
// Usage: node map.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  await page.goto(process.env.BASE_URL + '/en/environment/');
  const svg = page.locator('svg.site-map');
  const box = await svg.boundingBox();
  check(box && box.width > 300 && box.x + box.width <= 390, 'the map fits a 390 px screen: ' + JSON.stringify(box));
  check(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, 'no sideways scrolling');
  // Keyboard: the skip link comes before the map's points and is visible when focused.
  const skip = page.locator('a.skip-map');
  await skip.focus();
  check(await skip.isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Tab');
  const inMap = await page.evaluate(() => !!document.activeElement.closest('svg.site-map'));
  check(inMap, 'Tab from the skip link reaches a point of the map');
  const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
  check(/\/en\/(regions|environment|projects)\//.test(href || ''), 'the focused point links to its page: ' + href);
  await skip.focus();
  await page.keyboard.press('Enter');
  check(page.url().endsWith('#map-key'), 'the skip link goes to the key');
  // A point's link opens its page.
  await page.goto(process.env.BASE_URL + '/en/environment/');
  await page.locator('svg.site-map a.pt-park').first().click();
  check(/\/en\/environment\/parks\/hitech\/$/.test(page.url()), 'clicking a park opens its page: ' + page.url());
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
