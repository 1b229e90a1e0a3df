// Arabic pages are laid out right to left: the document's direction is rtl, the brand sits
// at the right of the header and the menu reads from the right, at desktop and phone widths,
// and nothing spills sideways.
// Usage: node rtl.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

async function box(page, selector) {
  return page.locator(selector).first().boundingBox();
}

async function noSidewaysScroll(page, width) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  check(scroll <= width, `no horizontal overflow at ${width}px (scrollWidth ${scroll})`);
}

(async () => {
  const desktop = await launch({ width: 1280, height: 900 });
  let page = desktop.page;
  await page.goto(process.env.BASE_URL + '/ar/projects/copper-foil/');
  const direction = await page.evaluate(() => getComputedStyle(document.documentElement).direction);
  check(direction === 'rtl', 'the Arabic page is right to left: ' + direction);
  check(await page.locator('summary', { hasText: 'القائمة' }).count() === 1, 'the menu button is in Arabic');
  const brand = await box(page, '.brand');
  const langs = await box(page, '.lang-switch');
  check(brand.x + brand.width > 1280 / 2, 'the brand is in the right half of the header');
  check(brand.x > langs.x, 'the brand is to the right of the language switch');
  const links = page.locator('.nav-bar .nav-list a');
  const first = await links.nth(0).boundingBox();
  const second = await links.nth(1).boundingBox();
  check(first.x > second.x, 'the first menu entry is to the right of the second');
  const crumbs = page.locator('.breadcrumbs a');
  const home = await crumbs.nth(0).boundingBox();
  const section = await crumbs.nth(1).boundingBox();
  check(home.x > section.x, 'the breadcrumbs start at the right');
  await noSidewaysScroll(page, 1280);
  check(desktop.errors.length === 0, 'no script errors: ' + desktop.errors.join('; '));
  await desktop.browser.close();

  const phone = await launch({ width: 390, height: 844 });
  page = phone.page;
  await page.goto(process.env.BASE_URL + '/ar/projects/copper-foil/');
  const summary = await box(page, '.nav-menu summary');
  const burger = await box(page, '.nav-menu summary .burger');
  const brandPhone = await box(page, '.brand');
  check(brandPhone.x + brandPhone.width > 390 - 40, 'on a phone the brand starts at the right edge');
  check(burger.x > summary.x + summary.width / 2, 'on a phone the menu button starts at the right');
  await page.locator('.nav-menu summary').click();
  // The entry's text, not its box (a full-width block either way).
  const textRight = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('.nav-menu .nav-list a'));
    return range.getBoundingClientRect().right;
  });
  check(textRight > 390 - 60, 'the opened menu entries start at the right: ' + textRight);
  await noSidewaysScroll(page, 390);
  check(phone.errors.length === 0, 'no script errors: ' + phone.errors.join('; '));
  await phone.browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
