/* investsite finder: filters the project or policy list in the page, over the data the
   list's finder-data.js assigns to window.investsiteFinder. The choice is kept in the
   address (?chain=nonferrous&sort=size) so it can be shared. Without this script the page
   shows the paginated list and links to a static page per filter value. On a large site
   finder-data.js is a summary (the first cards, the counts per filter value, the names of
   the parts holding every item: src/render/finder_shards.rs); the parts are loaded when the
   reader filters, sorts or asks for more. */
(function () {
  'use strict';
  var form = document.getElementById('finder');
  var data = window.investsiteFinder;
  var results = document.getElementById('finder-results');
  if (!form || !data || !results) return;
  var list = document.getElementById('finder-list');
  var more = document.getElementById('finder-more');
  var rate = document.getElementById('finder-rate');
  var count = form.querySelector('output');
  var selects = [].slice.call(form.querySelectorAll('select[data-facet]'));
  var STEP = 24;
  var shown = STEP;
  var matched = [];
  // Every item, once known: at once from a whole data file, after the parts from a summary.
  var items = data.items || null;
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang) : null;

  /* "N projects match" in the plural form of the page's language (data-one, data-few …). */
  function countText(n) {
    if (n === 0) return count.dataset.none;
    var form1 = rules ? count.getAttribute('data-' + rules.select(n)) : null;
    return (form1 || count.dataset.other).replace('{n}', n);
  }

  /* Loads the parts of a summary (once), then calls done(). */
  var waiting = null;
  function loadAll(done) {
    if (items) { done(); return; }
    if (waiting) { waiting.push(done); return; }
    waiting = [done];
    var parts = [], left = data.parts.length;
    var src = (document.getElementById('finder-data') || {}).src || '';
    var dir = src.slice(0, src.split('?')[0].lastIndexOf('/') + 1);
    window.investsiteFinderPart = function (i, part) { parts[i] = part; };
    data.parts.forEach(function (name) {
      var el = document.createElement('script');
      el.src = dir + name;
      el.onload = function () {
        if (--left > 0) return;
        items = [].concat.apply([], parts);
        var w = waiting;
        waiting = null;
        w.forEach(function (f) { f(); });
      };
      // A part that does not arrive (a dropped connection): the next choice tries again.
      el.onerror = function () { waiting = null; el.remove(); more.disabled = false; };
      document.head.appendChild(el);
    });
  }

  /* Whether the list is as it opens: no filter, closed projects left out, newest first. */
  function opening() {
    return selects.every(function (s) { return !s.value; }) && !(form.closed && form.closed.checked) &&
      !(form.sort && form.sort.value === 'size');
  }

  /* The count a summary knows before the parts arrive: with one filter at most. */
  function knownCount() {
    var chosen = selects.filter(function (s) { return s.value; });
    var k = form.closed && !form.closed.checked ? 0 : 1;
    if (!chosen.length) return k ? data.total : data.current;
    if (chosen.length > 1) return null;
    var byValue = data.counts[chosen[0].name] || {};
    return (byValue[chosen[0].value] || [0, 0])[k] + (byValue['*'] || [0, 0])[k];
  }

  function query() {
    var out = {};
    location.search.replace(/^\?/, '').split('&').forEach(function (pair) {
      var kv = pair.split('=');
      if (kv[0]) out[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || '').replace(/\+/g, ' '));
    });
    return out;
  }

  function restore() {
    var q = query();
    selects.forEach(function (s) {
      var ok = [].some.call(s.options, function (o) { return o.value === q[s.name]; });
      s.value = ok ? q[s.name] : '';
    });
    if (form.closed) form.closed.checked = q.closed === '1';
    if (form.sort) form.sort.value = q.sort === 'size' ? 'size' : 'date';
  }

  function save() {
    var parts = [];
    selects.forEach(function (s) { if (s.value) parts.push(s.name + '=' + encodeURIComponent(s.value)); });
    if (form.closed && form.closed.checked) parts.push('closed=1');
    if (form.sort && form.sort.value === 'size') parts.push('sort=size');
    history.replaceState(null, '', location.pathname + (parts.length ? '?' + parts.join('&') : '') + location.hash);
  }

  function fits(item) {
    if (form.closed && !form.closed.checked && !item.current) return false;
    return selects.every(function (s) {
      var values = item.facets[s.name] || [];
      return !s.value || values.indexOf(s.value) >= 0 || values.indexOf('*') >= 0;
    });
  }

  /* Exact yuan as decimal text: compare by length of the whole part, then as text. */
  function larger(a, b) {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    var x = a.split('.'), y = b.split('.');
    if (x[0].length !== y[0].length) return y[0].length - x[0].length;
    var ax = x[0] + '.' + (x[1] || ''), by = y[0] + '.' + (y[1] || '');
    return ax < by ? 1 : ax > by ? -1 : 0;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* Addresses in the data are root-relative; a copy built with --relative (opened from
     file://) gives the way to the root in <html data-root> and needs index.html spelled out. */
  function siteUrl(u) {
    var html = document.documentElement, root = html.dataset.siteRoot || '/';
    if (root.charAt(0) === '/') return u;
    var path = u.slice((html.dataset.base || '').length + 1), rest = '', i = path.search(/[?#]/);
    if (i >= 0) { rest = path.slice(i); path = path.slice(0, i); }
    if (path === '' || path.slice(-1) === '/') path += 'index.html';
    return root + path + rest;
  }

  /* The same markup as partials/card.html. */
  function card(item) {
    var a = el('article', 'card card-' + item.kind + (item.current ? '' : ' is-muted'));
    var top = a.appendChild(el('div', 'card-top'));
    if (item.status_label) {
      var badge = top.appendChild(el('span', 'badge status-' + item.status));
      badge.appendChild(el('span', 'visually-hidden', results.dataset.statusLabel));
      badge.appendChild(document.createTextNode(item.status_label));
    }
    if (item.fallback) top.appendChild(el('span', 'badge badge-lang', results.dataset.notTranslated));
    if (item.date) top.appendChild(el('span', 'card-date', item.date));
    // Text in another language than the page (an untranslated item) says so, as on the page.
    var heading = a.appendChild(el('h3', 'card-title'));
    if (item.lang) heading.lang = item.lang;
    var link = heading.appendChild(el('a', null, item.title));
    link.href = siteUrl(item.url);
    if (item.summary) {
      var summary = a.appendChild(el('p', 'card-summary', item.summary));
      if (item.lang) summary.lang = item.lang;
    }
    if (item.facts.length) {
      var dl = a.appendChild(el('dl', 'card-facts'));
      item.facts.forEach(function (f) {
        var row = dl.appendChild(el('div'));
        row.appendChild(el('dt', null, f.label));
        var dd = row.appendChild(el('dd', null, f.value));
        if (f.lang) dd.lang = f.lang;
        if (f.note) { dd.appendChild(document.createTextNode(' ')); dd.appendChild(el('small', null, f.note)); }
      });
    }
    return a;
  }

  function render(focusFrom) {
    list.textContent = '';
    var visible = matched.slice(0, shown);
    visible.forEach(function (item) { list.appendChild(card(item)); });
    var rest = (items ? matched.length : knownCount()) - visible.length;
    more.hidden = rest <= 0;
    more.textContent = results.dataset.more.replace('{n}', Math.min(rest, STEP));
    if (rate) rate.hidden = !visible.some(function (i) { return i.facts.some(function (f) { return f.note; }); });
    if (focusFrom != null && list.children[focusFrom]) list.children[focusFrom].querySelector('a').focus();
    list.removeAttribute('aria-busy');
  }

  function apply() {
    shown = STEP;
    save();
    if (!items) {
      var n = knownCount();
      count.value = n === null ? '' : countText(n);
      if (opening()) { matched = data.first.filter(fits).slice(0, STEP); render(); return; }
      list.textContent = '';
      more.hidden = true;
      // Busy until the parts are in and the list is drawn.
      list.setAttribute('aria-busy', 'true');
      loadAll(apply);
      return;
    }
    match();
    count.value = countText(matched.length);
    render();
  }

  function match() {
    var bySize = form.sort && form.sort.value === 'size';
    matched = items.map(function (item, i) { return { item: item, i: i }; })
      .filter(function (x) { return fits(x.item); })
      .sort(function (x, y) {
        if (x.item.current !== y.item.current) return x.item.current ? -1 : 1;
        return (bySize ? larger(x.item.investment, y.item.investment) : 0) || x.i - y.i;
      })
      .map(function (x) { return x.item; });
  }

  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  more.addEventListener('click', function () {
    var from = shown;
    more.disabled = true;
    if (!items) list.setAttribute('aria-busy', 'true');
    loadAll(function () {
      if (matched.length <= from) match();
      more.disabled = false;
      shown = from + STEP;
      render(from);
    });
  });

  restore();
  form.hidden = false;
  results.hidden = false;
  document.getElementById('finder-static').hidden = true;
  var browse = document.getElementById('finder-browse');
  if (browse) browse.open = false;
  document.documentElement.classList.add('finder-ready');
  apply();
})();
