// Counts in Russian take the plural form of the number (CLDR rules through Intl.PluralRules),
// on the trilingual fixture with 21 projects: 21 in all, 19 of non-ferrous metals, 2 of new
// energy, 1 in the county; and the search page's count.
// Usage: BASE_URL=… node plural.cjs   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

// The list is drawn: a large list's parts load first, the list is busy meanwhile.
const settled = (page) => page.waitForSelector('#finder-list:not([aria-busy])', { state: 'attached' });

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  const base = process.env.BASE_URL;
  const count = () => page.locator('#finder output').textContent();

  await page.goto(base + '/ru/projects/');
  await settled(page);
  check(await count() === '21 подходящий проект', '21: one form: ' + await count());
  await page.selectOption('select[name=chain]', 'nonferrous');
  await settled(page);
  check(await count() === '19 подходящих проектов', '19: many form: ' + await count());
  await page.selectOption('select[name=chain]', 'new-energy');
  await settled(page);
  check(await count() === '2 подходящих проекта', '2: few form: ' + await count());
  await page.selectOption('select[name=chain]', '');
  await settled(page);
  await page.selectOption('select[name=region]', 'county');
  await settled(page);
  check(await count() === '1 подходящий проект', '1: one form: ' + await count());

  await page.goto(base + '/en/projects/?region=county');
  await settled(page);
  check(await count() === '1 project matches', 'English one: ' + await count());
  await page.goto(base + '/projects/?chain=new-energy');
  await settled(page);
  check(await count() === '共2个项目符合条件', 'Chinese has one form: ' + await count());

  // The search page: whatever a query finds, its count is in the number's form.
  const form = (n) => (n % 10 === 1 && n % 100 !== 11 ? 'Найдена ' + n + ' страница'
    : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'Найдено ' + n + ' страницы'
      : 'Найдено ' + n + ' страниц');
  const seen = new Set();
  for (const q of ['项目metal', '项目solar', '锌', '项目', '测试']) {
    await page.goto(base + '/ru/search/?q=' + encodeURIComponent(q));
    await page.waitForFunction(() => document.querySelector('#search-status').textContent !== '');
    const status = await page.locator('#search-status').textContent();
    const n = await page.locator('#search-results > li').count() + (await page.locator('#search-more').isVisible() ? 1000 : 0);
    if (n > 0 && n < 1000) {
      seen.add(n % 10 === 1 && n % 100 !== 11 ? 'one' : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? 'few' : 'many');
      check(status === form(n), 'search count for ' + q + ': ' + status);
    }
  }
  check(seen.size >= 2, 'the search counts met several forms: ' + [...seen]);

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
