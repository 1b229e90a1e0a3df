// 适老化 mode and tap targets: the header switch enlarges text and raises contrast, the choice
// holds on the next page, and no control in the header, menu or footer of a project page at
// phone width is smaller than 44×44 CSS px.
// Usage: node elder.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

const textSize = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize));
const inkColour = (page) => page.evaluate(() => getComputedStyle(document.body).color);

// Every visible link, button, summary, select, input and label in the header, menu, key facts,
// share box and footer (links inside sentences are exempt from the size rule).
const smallTargets = (page) => page.evaluate(() => {
  const sel = 'a, button, summary, select, input:not(.visually-hidden), label';
  const out = [];
  for (const el of document.querySelectorAll(`:is(.site-header, .site-nav, .breadcrumbs, .facts, .share-box, .site-footer) :is(${sel})`)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // not shown at this width (e.g. the desktop bar)
    if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return out;
});

(async () => {
  const { browser, page, errors } = await launch({ width: 390, height: 844 });
  const base = process.env.BASE_URL;
  await page.goto(base + '/en/projects/copper-foil/');
  const small = await smallTargets(page);
  check(small.length === 0, 'no tap target under 44×44 (header, menu, breadcrumbs, facts, share box, footer) on a project page at 390 px: ' + small.join('; '));
  await page.locator('details.nav-menu summary').click();
  const smallOpen = await smallTargets(page);
  check(smallOpen.length === 0, 'none in the opened phone menu either: ' + smallOpen.join('; '));

  const size0 = await textSize(page);
  const ink0 = await inkColour(page);
  await page.locator('label[for="a11y-text"]').click();
  const size1 = await textSize(page);
  check(size1 >= size0 * 1.2, `larger text: ${size0}px -> ${size1}px`);
  await page.locator('label[for="a11y-contrast"]').click();
  const ink1 = await inkColour(page);
  check(ink0 !== ink1 && ink1 === 'rgb(0, 0, 0)', `high contrast: body text ${ink0} -> ${ink1}`);

  // Another page: the choice is kept, and the switch shows it.
  await page.goto(base + '/en/policies/');
  check((await page.getAttribute('html', 'data-a11y')) === 'text contrast', 'the choice holds on the next page');
  check(await page.locator('#a11y-text').isChecked() && await page.locator('#a11y-contrast').isChecked(), 'the switch shows it');
  check((await inkColour(page)) === 'rgb(0, 0, 0)' && (await textSize(page)) >= size0 * 1.2, 'and the page is restyled');
  const smallBig = await smallTargets(page);
  check(smallBig.length === 0, 'no small tap target with larger text: ' + smallBig.join('; '));

  // Switching off again.
  await page.locator('label[for="a11y-text"]').click();
  await page.locator('label[for="a11y-contrast"]').click();
  await page.goto(base + '/en/');
  check(!(await page.getAttribute('html', 'data-a11y')), 'switched off, it stays off');

  // Without script the checkboxes still restyle the page they are on (CSS :has).
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const plain = await ctx.newPage();
  await plain.goto(base + '/en/projects/copper-foil/');
  const p0 = await textSize(plain);
  await plain.locator('label[for="a11y-text"]').click();
  check((await textSize(plain)) >= p0 * 1.2, 'without JavaScript the switch still enlarges the text');

  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
