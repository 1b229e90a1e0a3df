// The project and policy finders on a phone, on the fixture site tests/fixtures/finder:
// choosing filters gives the right projects and count, the choice is kept in the address,
// closed projects only when asked for, sorting by size; and without JavaScript the plain
// list and the links to the static filter pages.
// Usage: node finder.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

// The list is drawn: a large list's parts load first, the list is busy meanwhile.
const settled = (page) => page.waitForSelector('#finder-list:not([aria-busy])', { state: 'attached' });

const cards = (page) => page.locator('#finder-list .card-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
const count = (page) => page.locator('#finder output').textContent();
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  const base = process.env.BASE_URL;

  // Layout shifts while the page opens (Lighthouse's CLS): the form, the list and the folded
  // browse links are where they will be from the first paint.
  // finder.js arrives after the first paint, as on a slow phone connection.
  await page.route('**/finder.js*', async (route) => {
    await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  await page.addInitScript(() => {
    window.shifted = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.shifted += e.value; }))
      .observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(base + '/en/projects/');
  await settled(page);
  await page.waitForTimeout(300);
  const shifted = await page.evaluate(() => window.shifted);
  check(shifted < 0.01, 'nothing moves while the finder opens: layout shift ' + shifted);
  await page.unroute('**/finder.js*');
  check(await page.locator('#finder').isVisible(), 'the filter form shows when the script runs');
  check(!(await page.locator('#finder-static').isVisible()), 'the paginated list gives way to the filtered one');
  check(await count(page) === '6 projects match', 'open projects only by default: ' + await count(page));

  await page.selectOption('select[name=chain]', 'metals');
  await settled(page);
  let got = await cards(page);
  check(same(got, ['/en/projects/at-limit/', '/en/projects/five-yi/', '/en/projects/euro/']), 'chain filter: ' + got);
  check(await count(page) === '3 projects match', 'chain filter count: ' + await count(page));
  check(page.url().endsWith('/en/projects/?chain=metals'), 'the choice is in the address: ' + page.url());

  await page.check('input[name=closed]');
  await settled(page);
  got = await cards(page);
  check(got.length === 4 && got[3] === '/en/projects/closed-metals/', 'closed projects when asked for, last: ' + got);
  check(await page.locator('#finder-list .card').nth(3).evaluate((e) => e.classList.contains('is-muted')), 'the closed project is marked');

  await page.selectOption('select[name=investment]', '100m-500m');
  await settled(page);
  got = await cards(page);
  check(same(got, ['/en/projects/at-limit/', '/en/projects/closed-metals/']), 'band filter, exactly CNY 100 million included: ' + got);
  check(page.url().endsWith('?chain=metals&investment=100m-500m&closed=1'), 'all choices in the address: ' + page.url());

  await page.click('button[type=reset]');
  await page.waitForFunction(() => document.querySelector('#finder output').textContent === '6 projects match');
  check(true, 'clear filters');

  await page.selectOption('select[name=sort]', 'size');
  await settled(page);
  got = await cards(page);
  check(same(got, ['/en/projects/big/', '/en/projects/five-yi/', '/en/projects/dollars/', '/en/projects/at-limit/', '/en/projects/just-under/', '/en/projects/euro/']),
    'largest first, dollars converted, no band last: ' + got);

  // A shared address opens with its filters chosen.
  await page.goto(base + '/en/projects/?chain=energy&sort=size');
  await settled(page);
  check(await page.locator('select[name=chain]').inputValue() === 'energy', 'filters restored from the address');
  got = await cards(page);
  check(same(got, ['/en/projects/big/', '/en/projects/dollars/', '/en/projects/just-under/']), 'shared address lists: ' + got);

  // Keyboard: a select changes with the arrow keys.
  await page.goto(base + '/en/projects/');
  await settled(page);
  await page.locator('select[name=stage]').focus();
  await page.keyboard.press('ArrowDown');
  await settled(page);
  check(await count(page) === '1 project matches', 'keyboard choice of a stage: ' + await count(page));

  // Chinese page, Chinese count.
  await page.goto(base + '/projects/?region=east');
  await settled(page);
  check(await count(page) === '共2个项目符合条件', 'Chinese count: ' + await count(page));

  // Policies: category, then region; expired ones shown, marked and last.
  await page.goto(base + '/en/policies/');
  await settled(page);
  await page.selectOption('select[name=category]', 'land');
  await settled(page);
  got = await cards(page);
  check(same(got, ['/en/policies/east-only/', '/en/policies/metals-land/', '/en/policies/expired/']), 'policy category filter: ' + got);
  check(await count(page) === '3 policies match', 'policy count: ' + await count(page));
  check(await page.locator('#finder-list .card').nth(2).locator('.status-expired').count() === 1, 'the expired policy is marked');
  await page.selectOption('select[name=region]', 'west');
  await settled(page);
  got = await cards(page);
  check(same(got, ['/en/policies/metals-land/', '/en/policies/expired/']), 'a county gets policies for all, not another county\'s: ' + got);
  await page.selectOption('select[name=category]', '');
  await settled(page);
  await page.selectOption('select[name=chain]', 'food');
  await settled(page);
  got = await cards(page);
  check(same(got, ['/en/policies/city-energy/', '/en/policies/general/', '/en/policies/pending/', '/en/policies/expired/']),
    'policies for all chains match any chain, the city\'s match its counties: ' + got);

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));

  // Without JavaScript: the plain list, and every filter value a link.
  const plain = await (await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false })).newPage();
  await plain.goto(base + '/en/projects/');
  check(!(await plain.locator('#finder').isVisible()), 'no form without JavaScript');
  check(await plain.locator('#finder-static .card').count() === 2, 'the first page of the plain list');
  await plain.getByRole('link', { name: 'Metals' }).first().click();
  check(plain.url().endsWith('/en/projects/chain/metals/'), 'browse link to a static filter page: ' + plain.url());
  check(await plain.locator('h1').textContent() === 'Projects: Metals', 'the static page for a chain');

  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
