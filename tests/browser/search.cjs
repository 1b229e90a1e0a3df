// Site search in a real browser, on the basic fixture plus a news item about 隔膜 (separator):
// typing a Chinese query lists the right pages with highlights; a mixed query; an English
// query on /en/search/; the header form; the keyboard; the page opened from file://.
// Usage: BASE_URL=… OUTPUT_DIR=… node search.cjs   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

async function results(page) {
  return page.$$eval('#search-results > li', (items) => items.map((li) => ({
    href: li.querySelector('h2 a').getAttribute('href'),
    title: li.querySelector('h2 a').textContent,
    section: (li.querySelector('.search-section') || {}).textContent || '',
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
  })));
}

// The results are in: a large site's index loads in parts, the list is busy meanwhile.
const settled = (page) => page.waitForSelector('#search-results:not([aria-busy])', { state: 'attached' });

async function typeQuery(page, q) {
  await page.fill('#search-q', '');
  await page.locator('#search-q').pressSequentially(q);
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, q);
}

(async () => {
  const base = process.env.BASE_URL;
  const { browser, page, errors } = await launch({ width: 390, height: 844 });

  await page.goto(base + '/search/');
  check(await page.locator('label[for="search-q"]').textContent() === '搜索本站', 'the search box has a label');
  check((await page.locator('#search-status').textContent()).includes('输入关键词'), 'an empty search asks for a word');

  await typeQuery(page, '铜箔');
  let r = await results(page);
  check(r.length === 2, 'typing 铜箔 finds two pages: ' + JSON.stringify(r));
  check(r[0] && r[0].href === '../projects/copper-foil/' && r[0].title === '年产5万吨高性能电解铜箔项目', 'the project titled with 铜箔 comes first');
  check(r[0] && r[0].section === '招商项目', 'each result names its section');
  check(r[1] && r[1].href === '../chains/nonferrous/', 'the chain whose segment is 电解铜箔 is found too');
  check(r.every((x) => x.marks.includes('铜箔')), 'the term is highlighted in every result');
  check((await page.locator('#search-status').textContent()) === '找到2个页面', 'the count is announced');
  check(page.url().endsWith('/search/?q=' + encodeURIComponent('铜箔')), 'the query is kept in the address: ' + page.url());
  check(await page.locator('.lang-switch a[hreflang="en"]').getAttribute('href') === '/en/search/?q=' + encodeURIComponent('铜箔'), 'the language switch keeps the query');

  await typeQuery(page, '隔膜 separator');
  r = await results(page);
  check(r.length === 1 && r[0].href === '../news/separator/', 'a mixed Chinese and English query: ' + JSON.stringify(r));
  check(r[0] && r[0].marks.includes('separator') && r[0].marks.some((m) => m.includes('隔膜')), 'both words highlighted: ' + JSON.stringify(r[0]));

  await typeQuery(page, '没有这个词');
  check((await results(page)).length === 0 && (await page.locator('#search-status').textContent()).includes('没有找到包含“没有这个词”的页面'), 'no results says so');

  // A shared link opens with its results; the result links lead to the pages.
  await page.goto(base + '/search/?q=' + encodeURIComponent('铜箔'));
  await settled(page);
  check(await page.inputValue('#search-q') === '铜箔' && (await results(page)).length === 2, 'a shared ?q= address shows its results');
  await page.locator('#search-results a').first().click();
  await page.waitForURL('**/projects/copper-foil/');
  check((await page.locator('h1').textContent()).includes('电解铜箔'), 'a result opens its page');

  // Keyboard only: type, Enter, Tab to the first result.
  await page.goto(base + '/en/search/');
  await page.locator('#search-q').focus();
  await page.keyboard.type('copper foil');
  await page.keyboard.press('Enter');
  await settled(page);
  r = await results(page);
  check(r.length >= 2 && r[0].href === '../projects/copper-foil/', 'English query on /en/search/: ' + JSON.stringify(r.map((x) => x.href)));
  check(r[0] && r[0].marks.map((m) => m.toLowerCase()).includes('copper'), 'English words highlighted');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('href'));
  check(focused === '../projects/copper-foil/', 'Tab goes from the box to the first result: ' + focused);

  // The header form on a desktop page sends the query to the search page.
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(base + '/en/policies/');
  await page.fill('#site-search-q', 'copper');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL('**/en/search/?q=copper');
  await settled(page);
  check((await results(page)).length >= 2, 'the header form searches from any page');

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));

  // Opened from disk: the index arrives by <script>, links point at index.html files. (The
  // stylesheet's address starts at the site root, which from disk is the disk's root: that
  // miss is the only error allowed here.)
  if (process.env.OUTPUT_DIR) {
    errors.length = 0;
    await page.goto('file://' + process.env.OUTPUT_DIR + '/search/index.html?q=' + encodeURIComponent('铜箔'));
    await page.waitForSelector('#search-results li');
    r = await results(page);
    check(r.length === 2 && r[0].href === '../projects/copper-foil/index.html', 'works from file://: ' + JSON.stringify(r.map((x) => x.href)));
    const other = errors.filter((e) => !e.includes('ERR_FILE_NOT_FOUND'));
    check(other.length === 0, 'no script errors from file://: ' + other.join('; '));
  }

  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
