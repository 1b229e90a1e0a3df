// Printing: each page printed to a PDF on A4 paper, as Chromium's print dialog does with the
// page's own margins (the Rust test reads the PDFs: pages, text per page, pictures).
// Usage: BASE_URL=… PAGES="/path/\t/abs/out.pdf[\tA11Y]\n…" node print.cjs   (exits 1 on failure;
// prints "ok ..." lines). A11Y: the reading aids chosen before, as stored by the switch ("text contrast").
const fs = require('fs');
const { launch, check, done } = require('./harness.cjs');

(async () => {
  const { browser, page, errors } = await launch({ width: 1280, height: 900 });
  const jobs = (process.env.PAGES || '').split('\n').filter(Boolean).map((l) => l.split('\t'));
  check(jobs.length > 0, 'pages to print given');
  for (const [path, out, a11y] of jobs) {
    await page.goto(process.env.BASE_URL + '/');
    await page.evaluate((a) => { if (a) localStorage.setItem('a11y', a); else localStorage.removeItem('a11y'); }, a11y || '');
    const response = await page.goto(process.env.BASE_URL + path, { waitUntil: 'load' });
    if (a11y) check((await page.getAttribute('html', 'data-a11y')) === a11y, `${path} with reading aids "${a11y}"`);
    check(response && response.ok(), `${path} loads`);
    await page.pdf({ path: out, format: 'A4' });
    check(fs.statSync(out).size > 1000, `${path} printed to ${out}`);
  }
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
