// Shared helpers for the browser checks: Debian's Chromium through playwright-core, no
// background networking (this machine reaches no other host), failures collected.
const { chromium } = require('playwright-core');

let failures = 0;

async function launch(viewport) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { browser, page, errors };
}

function check(ok, what) {
  if (ok) { console.log('ok ' + what); } else { failures++; console.log('FAIL ' + what); }
}

function done() { process.exit(failures ? 1 : 0); }

module.exports = { launch, check, done };
