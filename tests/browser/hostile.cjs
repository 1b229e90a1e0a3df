// Hostile content (tests/fixtures/hostile): loads every page of the built site and fails if
// any script from content runs. Payloads call alert() and bump window.__pwned; others try to
// reach evil.example (meta refresh, <base>, stylesheets, forms). So: no dialog may open,
// window.__pwned stays unset, no request leaves 127.0.0.1 except to a listed player host, no
// element carries an on* attribute, players are sandboxed and every JSON-LD block parses.
// Usage: PAGES="/a/\n/b/" node hostile.cjs BASE_URL   (exits 1 on failure; prints "ok ..." lines)
const { launch, check, done } = require('./harness.cjs');

const EMBED_HOSTS = ['player.bilibili.com'];

(async () => {
  const { browser, page, errors } = await launch({ width: 1280, height: 900 });
  const base = process.env.BASE_URL;
  const local = new URL(base).host;
  const pages = (process.env.PAGES || '').split('\n').filter(Boolean);
  const dialogs = [];
  const escapes = [];
  page.on('dialog', (d) => { dialogs.push(page.url() + ': ' + d.message()); d.dismiss().catch(() => {}); });
  page.on('console', (m) => { if (/pwned|alert/i.test(m.text())) escapes.push('console: ' + m.text()); });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host !== local && !EMBED_HOSTS.includes(url.hostname)) escapes.push(page.url() + ' requested ' + url.href);
    if (url.host === local) return route.continue();
    return route.abort();
  });

  const problems = [];
  for (const path of pages) {
    await page.goto(base + path, { waitUntil: 'load' });
    // Image errors, <details> toggles and animations fire after load.
    await page.waitForTimeout(150);
    const found = await page.evaluate(() => {
      const out = [];
      if (window.__pwned) out.push('window.__pwned = ' + window.__pwned);
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.getAttributeNames()) {
          if (/^on/i.test(a)) out.push('<' + el.localName + ' ' + a + '>');
        }
      }
      for (const f of document.querySelectorAll('iframe')) {
        if (!f.hasAttribute('sandbox') || f.hasAttribute('srcdoc')) out.push('unsandboxed iframe ' + f.outerHTML.slice(0, 80));
      }
      for (const el of document.querySelectorAll('.prose [style]')) {
        if (!/^text-align: (left|center|right)$/.test(el.getAttribute('style'))) out.push('style in content: ' + el.outerHTML.slice(0, 80));
      }
      if (document.querySelector('base, meta[http-equiv], .prose form, .prose input:not([type=checkbox][disabled]), .prose svg, .prose object, .prose embed')) {
        out.push('forbidden element: ' + document.querySelector('base, meta[http-equiv], .prose form, .prose input, .prose svg, .prose object, .prose embed').outerHTML.slice(0, 80));
      }
      for (const s of document.querySelectorAll('script')) {
        if (s.type === 'application/ld+json') {
          try { JSON.parse(s.textContent); } catch (e) { out.push('JSON-LD does not parse: ' + s.textContent.slice(0, 80)); }
        } else if (!s.src && !s.id && !/^\s*\(function \(\) \{/.test(s.textContent)) {
          out.push('inline script not from the theme: ' + s.textContent.slice(0, 80));
        }
      }
      return out;
    });
    for (const f of found) problems.push(path + ': ' + f);
  }
  check(pages.length > 50, 'visited ' + pages.length + ' pages');
  check(dialogs.length === 0, 'no dialog opened: ' + dialogs.slice(0, 5).join('; '));
  check(escapes.length === 0, 'no request or message from a payload: ' + escapes.slice(0, 5).join('; '));
  check(problems.length === 0, 'no handler, unsandboxed frame, overlay or broken JSON-LD: ' + problems.slice(0, 8).join('; '));
  check(errors.filter((e) => !/Failed to load resource/.test(e)).length === 0, 'no script errors: ' + errors.slice(0, 5).join('; '));
  await browser.close();
  done();
})().catch((e) => { console.error(e); process.exit(1); });
