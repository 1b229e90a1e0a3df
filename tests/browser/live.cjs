// `investsite serve` in a browser: an edit reloads the open page at the place it was
// scrolled to; a mistake shows the errors over the page; the fix removes them by itself.
// Usage: BASE_URL=http://127.0.0.1:PORT EDIT_FILE=/site/content/about.zh.md node live.cjs
const fs = require('fs');
const { launch, check, done } = require('./harness.cjs');

const file = process.env.EDIT_FILE;
const original = fs.readFileSync(file, 'utf8');

async function saveAndWaitForReload(page, text) {
  const reloaded = page.waitForEvent('load', { timeout: 120000 });
  fs.writeFileSync(file, text);
  await reloaded;
}

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  await page.goto(process.env.BASE_URL + '/about/');
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.waitForTimeout(200);
  const before = await page.evaluate(() => window.scrollY);
  check(before > 1000, 'the page scrolls (scrollY ' + before + ')');

  await saveAndWaitForReload(page, original.replace('第1段', '改过的第1段'));
  await page.waitForFunction(() => document.body.innerText.includes('改过的第1段'), null, { timeout: 10000 });
  const after = await page.evaluate(() => window.scrollY);
  check(Math.abs(after - before) < 50, 'the reloaded page is where it was (scrollY ' + before + ' -> ' + after + ')');

  await saveAndWaitForReload(page, '---\ntitle: [关于\n---\n');
  const overlay = page.locator('#investsite-errors');
  check(await overlay.isVisible(), 'the errors show over the page');
  check((await overlay.innerText()).includes('content/about.zh.md'), 'they name the file');
  check((await page.locator('h1').count()) === 1, 'the last good page is under them');

  await saveAndWaitForReload(page, original);
  check((await page.locator('#investsite-errors').count()) === 0, 'the fix removes them by itself');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
