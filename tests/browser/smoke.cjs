// Smoke check: the home page at phone size has no script errors and the menu opens.
// Usage: node smoke.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  await page.goto(process.env.BASE_URL + '/en/');
  check(await page.locator('h1').count() === 1, 'one h1 on the home page');
  await page.locator('summary', { hasText: 'Menu' }).click();
  check(await page.locator('.nav-menu .nav-list a').first().isVisible(), 'phone menu opens');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
