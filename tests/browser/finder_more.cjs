// The finder on a long list: the first 24 matches, then a button that shows more and
// moves the keyboard focus to the first new project.
// Usage: node finder_more.cjs BASE_URL   (the finder fixture with 25 extra projects)
const { launch, check, done } = require('./harness.cjs');

// The list is drawn: a large list's parts load first, the list is busy meanwhile.
const settled = (page) => page.waitForSelector('#finder-list:not([aria-busy])', { state: 'attached' });

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  await page.goto(process.env.BASE_URL + '/en/projects/');
  await settled(page);
  const shown = () => page.locator('#finder-list .card').count();
  check(await page.locator('#finder output').textContent() === '31 projects match', 'all open projects counted');
  check(await shown() === 24, 'the first 24 shown: ' + await shown());
  const more = page.locator('#finder-more');
  check(await more.textContent() === 'Show 7 more', 'the button says how many more: ' + await more.textContent());
  await more.focus();
  await page.keyboard.press('Enter');
  await settled(page);
  check(await shown() === 31, 'all shown after the button: ' + await shown());
  check(!(await more.isVisible()), 'no button when all are shown');
  const focused = await page.evaluate(() => document.activeElement.closest('.card') === document.querySelectorAll('#finder-list .card')[24]);
  check(focused, 'focus on the first project added');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
