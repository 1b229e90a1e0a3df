// A site built with --relative, opened from file://: styles load and links lead to pages.
// Usage: node relative.cjs file:///path/to/public
const { launch, check, done } = require('./harness.cjs');

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  await page.goto(process.env.BASE_URL + '/en/index.html');
  // file:// stylesheets cannot be read from script; their effect can.
  const navColour = await page.evaluate(() => getComputedStyle(document.querySelector('.site-nav')).backgroundColor);
  check(navColour !== 'rgba(0, 0, 0, 0)', 'the stylesheet loads from file:// (nav background ' + navColour + ')');
  await page.locator('summary', { hasText: 'Menu' }).click();
  await page.locator('.nav-menu .nav-list a').first().click();
  await page.waitForLoadState();
  check(page.url().endsWith('/en/projects/index.html'), 'a menu link opens the projects list: ' + page.url());
  await page.locator('.card a').first().click();
  await page.waitForLoadState();
  check(/\/en\/projects\/[a-z0-9-]+\/index\.html$/.test(page.url()), 'a card opens a project page: ' + page.url());
  check(await page.locator('h1').count() === 1, 'the project page has its heading');
  // Search from disk: the English index loads and a result opens its page.
  await page.goto(process.env.BASE_URL + '/en/search/index.html');
  await page.locator('#search-q').pressSequentially('copper foil');
  await page.waitForSelector('#search-results li a');
  await page.locator('#search-results li a').first().click();
  await page.waitForLoadState();
  check(page.url().endsWith('/en/projects/copper-foil/index.html'), 'a search result opens its page from file://: ' + page.url());
  // The finder's cards (drawn by script) link to pages on disk too.
  await page.goto(process.env.BASE_URL + '/en/projects/index.html');
  const hrefs = await page.locator('.card a').evaluateAll((as) => as.map((a) => a.href));
  check(hrefs.length > 0 && hrefs.every((h) => h.startsWith('file://') && h.endsWith('/index.html')), 'finder cards link to files: ' + hrefs[0]);
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
