// gazette search page: keeps the search state in the URL, calls /api/search, renders.
'use strict';

(function () {
  const PER_PAGE = 10;
  const MAX_DEPTH = 1000;  // server Limits::max_page_depth
  const FACETS = [
    {name: 'topic', param: 'topic', label: 'Topic'},
    {name: 'provider', param: 'provider', label: 'Source'},
    {name: 'category', param: 'category', label: 'Category'},
    {name: 'type', param: 'type', label: 'Type'},
    {name: 'language', param: 'lang', label: 'Language'},
  ];
  const FACETS_SHOWN = 8;

  const $ = (id) => document.getElementById(id);
  let state = readState(location.search);
  let expanded = new Set();  // facets showing all their values
  let sequence = 0;          // answers to older requests are dropped
  let controller = null;

  // --- state <-> URL -------------------------------------------------------------

  function readState(search) {
    const p = new URLSearchParams(search);
    const filters = {};
    for (const f of FACETS) filters[f.param] = p.getAll(f.param).filter(Boolean);
    return {
      q: p.get('q') || '',
      filters,
      from: p.get('from') || '',
      to: p.get('to') || '',
      sort: p.get('sort') || '',
      page: Math.max(1, parseInt(p.get('page'), 10) || 1),
      explain: p.get('explain') === '1',
    };
  }

  function toParams(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of FACETS) for (const v of s.filters[f.param]) p.append(f.param, v);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.sort) p.set('sort', s.sort);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.explain) p.set('explain', '1');
    return p;
  }

  function urlFor(s) {
    const qs = toParams(s).toString();
    return qs ? '/?' + qs : '/';
  }

  // Changes the state, records it in history and searches. Filters reset the page.
  function navigate(change, keepPage) {
    const next = Object.assign({}, state, change);
    next.filters = Object.assign({}, state.filters, change.filters || {});
    if (!keepPage) next.page = 1;
    state = next;
    history.pushState(null, '', urlFor(state));
    search();
  }

  function hasFilters(s) {
    return Boolean(s.from || s.to || FACETS.some((f) => s.filters[f.param].length));
  }

  // --- small helpers ---------------------------------------------------------------

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== false && v != null) node.setAttribute(k, v === true ? '' : v);
    }
    for (const child of [].concat(children || [])) {
      if (child != null) node.append(child);
    }
    return node;
  }

  // Only web links: a stored javascript: URL must never become clickable.
  function safeUrl(url) {
    return /^https?:\/\//i.test(url || '') ? url : null;
  }

  const numberFormat = new Intl.NumberFormat();
  const relative = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
  const fullDate = new Intl.DateTimeFormat(undefined, {dateStyle: 'full', timeStyle: 'short'});
  const shortDate = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'});

  function timeAgo(date) {
    const seconds = (date.getTime() - Date.now()) / 1000;
    const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400],
                   ['hour', 3600], ['minute', 60]];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
    }
    return 'just now';
  }

  function dateNode(iso) {
    if (!iso) return null;
    const date = new Date(iso);
    if (isNaN(date)) return null;
    return el('time', {datetime: iso, title: fullDate.format(date), text: timeAgo(date)});
  }

  function linkTo(change, text, attrs) {
    const target = Object.assign({}, state, change);
    target.filters = Object.assign({}, state.filters, change.filters || {});
    if (!('page' in change)) target.page = 1;
    return el('a', Object.assign({href: urlFor(target), text}, attrs || {}, {
      onclick: (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(change, 'page' in change);
        if ('page' in change) $('results').focus();
      },
    }));
  }

  function addFilter(param, value) {
    const current = state.filters[param];
    if (current.includes(value)) return;
    navigate({filters: {[param]: current.concat([value])}});
  }

  function removeFilter(param, value) {
    navigate({filters: {[param]: state.filters[param].filter((v) => v !== value)}});
  }

  // --- searching -------------------------------------------------------------------

  async function search() {
    syncForm();
    const params = toParams(state);
    params.set('per_page', String(PER_PAGE));
    params.set('facets', FACETS.map((f) => f.name).concat(['date']).join(','));
    const mine = ++sequence;
    if (controller) controller.abort();
    controller = new AbortController();
    $('results').setAttribute('aria-busy', 'true');
    document.title = state.q ? state.q + ' — gazette' : 'gazette — news search';
    let body;
    let ok = false;
    try {
      const res = await fetch('/api/search?' + params.toString(), {signal: controller.signal});
      body = await res.json();
      ok = res.ok;
    } catch (e) {
      if (e.name === 'AbortError') return;
      body = {error: {message: 'The server could not be reached.'}};
    }
    if (mine !== sequence) return;
    $('results').removeAttribute('aria-busy');
    if (!ok) {
      showError(body && body.error ? body.error.message : 'Search failed.');
      return;
    }
    $('error').hidden = true;
    render(body);
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = false;
    $('hits').replaceChildren();
    $('pagination').replaceChildren();
    $('summary').textContent = '';
  }

  function syncForm() {
    $('q').value = state.q;
    $('sort').value = state.sort;
    $('explain').checked = state.explain;
    $('from').value = state.from.slice(0, 10);
    $('to').value = state.to.slice(0, 10);
    $('clear-filters').hidden = !hasFilters(state);
    renderActiveFilters();
  }

  // --- rendering -------------------------------------------------------------------

  function render(r) {
    const total = numberFormat.format(r.total);
    const count = r.total === 1 ? '1 article' : (r.total_exact ? '' : 'About ') + total + ' articles';
    $('summary').textContent = `${count} · ${Math.round(r.took_ms)} ms`;
    renderNotices(r);
    $('hits').replaceChildren(...r.hits.map(renderHit));
    if (!r.hits.length && r.total > 0) {
      $('hits').append(el('li', {class: 'empty'}, ['This page is past the last result. ',
                                                   linkTo({page: 1}, 'Back to the first page')]));
    } else if (!r.hits.length) {
      $('hits').append(el('li', {class: 'empty', text: state.q || hasFilters(state)
        ? 'No articles match. Try fewer words or filters.' : 'The index is empty.'}));
    }
    renderFacets(r.facets || {}, r.facets_exact);
    renderHistogram(r.date_histogram || {buckets: []});
    renderPagination(r);
  }

  function renderNotices(r) {
    const box = $('notices');
    box.replaceChildren();
    if (r.suggestion) {
      box.append(el('p', {class: 'notice'}, [
        'Did you mean ',
        linkTo({q: r.suggestion}, r.suggestion, {class: 'suggestion'}),
        r.suggestion_total ? ` (${numberFormat.format(r.suggestion_total)} articles)?` : '?',
      ]));
    }
    for (const n of r.notices || []) box.append(el('p', {class: 'notice', text: n}));
  }

  function renderHit(hit) {
    const url = safeUrl(hit.url);
    const title = el(url ? 'a' : 'span', {class: 'hit-title', href: url,
                                           rel: url ? 'noopener noreferrer' : null});
    title.innerHTML = hit.title_html || '';  // server-escaped, matches in <mark>
    const snippet = el('p', {class: 'snippet'});
    snippet.innerHTML = hit.snippet || '';  // server-escaped, matches in <mark>

    const meta = el('div', {class: 'meta'});
    const parts = [];
    if (hit.provider) parts.push(el('span', {class: 'provider', text: hit.provider}));
    const when = dateNode(hit.published);
    if (when) parts.push(when);
    if (hit.type && hit.type !== 'article') parts.push(el('span', {class: 'kind', text: hit.type}));
    if (hit.language && hit.language !== 'en') {
      parts.push(el('span', {class: 'lang', text: hit.language.toUpperCase()}));
    }
    if (hit.quality != null) {
      parts.push(el('span', {class: 'quality', title: 'Quality score', text: `Q${hit.quality}`}));
    }
    parts.forEach((p, i) => { if (i) meta.append(' · '); meta.append(p); });

    const chips = el('ul', {class: 'chips', 'aria-label': 'Topics'});
    for (const topic of hit.topics || []) {
      const active = state.filters.topic.includes(topic);
      chips.append(el('li', {}, el('button', {
        type: 'button', class: 'chip' + (active ? ' active' : ''), text: topic,
        'aria-pressed': active ? 'true' : 'false',
        title: active ? 'Already filtering by this topic' : `Show only “${topic}”`,
        onclick: () => addFilter('topic', topic),
      })));
    }

    const item = el('li', {class: 'hit'}, [el('h3', {}, title), meta, snippet]);
    if (chips.childElementCount) item.append(chips);
    if (hit.explain) item.append(renderExplain(hit));
    if (hit.related && hit.related.length) item.append(renderRelated(hit.related));
    if (hit.id) item.append(renderSimilar(hit.id));
    if (hit.duplicates > 0) {
      item.append(el('p', {class: 'duplicates',
        text: `+${hit.duplicates} identical ${hit.duplicates === 1 ? 'copy' : 'copies'} folded`}));
    }
    return item;
  }

  function renderExplain(hit) {
    const e = hit.explain;
    const row = (name, value) => [el('dt', {text: name}), el('dd', {text: value.toFixed(3)})];
    return el('dl', {class: 'explain', 'aria-label': 'Score components'}, [
      ...row('text', e.text), ...row('quality', e.quality), ...row('recency', e.recency),
      ...row('score', hit.score),
    ]);
  }

  function renderRelated(related) {
    const list = el('ul', {class: 'related-list'});
    for (const r of related) {
      const url = safeUrl(r.url);
      const when = dateNode(r.published);
      list.append(el('li', {}, [
        el(url ? 'a' : 'span', {href: url, rel: url ? 'noopener noreferrer' : null, text: r.title}),
        el('span', {class: 'related-meta'}, [r.provider ? ' — ' + r.provider : '',
                                             when ? ', ' : '', when]),
      ]));
    }
    const label = related.length === 1 ? '1 related article' : `${related.length} related articles`;
    return el('details', {class: 'related'}, [el('summary', {text: label}), list]);
  }

  // "More like this", fetched the first time it is opened.
  function renderSimilar(id) {
    const list = el('ul', {class: 'related-list'});
    const box = el('details', {class: 'related similar'}, [el('summary', {text: 'More like this'}), list]);
    box.addEventListener('toggle', async () => {
      if (!box.open || box.dataset.loaded) return;
      box.dataset.loaded = '1';
      list.replaceChildren(el('li', {class: 'related-meta', text: 'Loading…'}));
      try {
        const res = await fetch(`/api/articles/${encodeURIComponent(id)}/similar?count=5`);
        const body = await res.json();
        if (!res.ok) throw new Error(body.error ? body.error.message : 'failed');
        list.replaceChildren(...body.hits.map((h) => {
          const url = safeUrl(h.url);
          return el('li', {}, [
            el(url ? 'a' : 'span', {href: url, rel: url ? 'noopener noreferrer' : null, text: h.title}),
            el('span', {class: 'related-meta', text: h.provider ? ' — ' + h.provider : ''}),
          ]);
        }));
        if (!body.hits.length) list.append(el('li', {class: 'related-meta', text: 'Nothing similar found.'}));
      } catch (e) {
        list.replaceChildren(el('li', {class: 'related-meta', text: 'Could not load similar articles.'}));
      }
    });
    return box;
  }

  // As-you-type completions into the search box's datalist.
  let suggestTimer = null;
  function suggest() {
    clearTimeout(suggestTimer);
    const text = $('q').value;
    if (text.trim().length < 2) return;
    suggestTimer = setTimeout(async () => {
      try {
        const res = await fetch('/api/suggest?count=8&q=' + encodeURIComponent(text));
        if (!res.ok) return;
        const body = await res.json();
        if ($('q').value !== text) return;
        $('suggestions').replaceChildren(...body.suggestions.map((v) => el('option', {value: v})));
      } catch (e) { /* completions are optional */ }
    }, 150);
  }

  function renderFacets(facets, exact) {
    const box = $('facets');
    box.replaceChildren();
    for (const f of FACETS) {
      const values = (facets[f.name] || []).slice();
      const selected = state.filters[f.param];
      // A selected value the counts no longer list must stay visible to be unticked.
      for (const v of selected) {
        if (!values.some((x) => x.value === v)) values.push({value: v, count: 0});
      }
      if (!values.length) continue;
      const all = expanded.has(f.name);
      const shown = all ? values : values.filter((v, i) => i < FACETS_SHOWN || selected.includes(v.value));
      const list = el('ul', {class: 'facet-values'});
      for (const v of shown) {
        const checked = selected.includes(v.value);
        list.append(el('li', {}, el('label', {}, [
          el('input', {type: 'checkbox', checked, onchange: (e) => {
            if (e.target.checked) addFilter(f.param, v.value); else removeFilter(f.param, v.value);
          }}),
          el('span', {class: 'facet-name', text: v.value}),
          el('span', {class: 'count', text: (exact === false ? '≈' : '') + numberFormat.format(v.count),
                      title: exact === false ? 'estimated from a sample of the matches' : ''}),
        ])));
      }
      const group = el('fieldset', {class: 'filter-group'}, [el('legend', {text: f.label}), list]);
      if (values.length > FACETS_SHOWN) {
        group.append(el('button', {type: 'button', class: 'link-button',
          text: all ? 'Show fewer' : `Show all ${values.length}`,
          onclick: () => {
            if (all) expanded.delete(f.name); else expanded.add(f.name);
            renderFacets(facets, exact);
          }}));
      }
      box.append(group);
    }
  }

  // The first and last day a histogram bucket ("2024-05" or "2024-05-12") covers.
  function bucketRange(key) {
    if (key.length === 10) return [key, key];
    const [y, m] = key.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [`${key}-01`, `${key}-${String(last).padStart(2, '0')}`];
  }

  function renderHistogram(h) {
    const box = $('histogram');
    box.replaceChildren();
    const buckets = h.buckets || [];
    $('histogram-range').textContent = buckets.length
      ? `${buckets[0].key} – ${buckets[buckets.length - 1].key}` : '';
    const max = Math.max(1, ...buckets.map((b) => b.count));
    for (const b of buckets) {
      const [first, last] = bucketRange(b.key);
      const label = `${b.key}: ${numberFormat.format(b.count)} articles`;
      const fill = el('span');
      // Through CSSOM: the Content-Security-Policy forbids inline style attributes.
      fill.style.height = `${Math.max(4, Math.round((b.count / max) * 100))}%`;
      const active = state.from === first && state.to === last;
      box.append(el('button', {type: 'button', class: 'bar' + (active ? ' active' : ''),
                               title: label, 'aria-label': label,
                               onclick: () => navigate({from: first, to: last})}, fill));
    }
  }

  function renderPagination(r) {
    const nav = $('pagination');
    nav.replaceChildren();
    const pages = Math.min(Math.ceil(r.total / r.per_page), Math.floor(MAX_DEPTH / r.per_page));
    if (pages <= 1) return;
    const page = r.page;
    if (page > 1) nav.append(linkTo({page: page - 1}, '← Previous', {rel: 'prev'}));
    const from = Math.max(1, page - 3);
    const to = Math.min(pages, page + 3);
    const list = el('ol', {class: 'page-numbers'});
    for (let p = from; p <= to; ++p) {
      list.append(el('li', {}, p === page
        ? el('span', {class: 'current', 'aria-current': 'page', text: String(p)})
        : linkTo({page: p}, String(p), {'aria-label': `Page ${p}`})));
    }
    nav.append(list);
    if (page < pages) nav.append(linkTo({page: page + 1}, 'Next →', {rel: 'next'}));
  }

  function renderActiveFilters() {
    const box = $('active-filters');
    box.replaceChildren();
    const chip = (label, onremove) => el('li', {}, el('button', {
      type: 'button', class: 'chip removable', 'aria-label': `Remove filter ${label}`,
      onclick: onremove}, [label, el('span', {'aria-hidden': 'true', text: ' ×'})]));
    for (const f of FACETS) {
      for (const v of state.filters[f.param]) {
        box.append(chip(`${f.label}: ${v}`, () => removeFilter(f.param, v)));
      }
    }
    if (state.from) box.append(chip(`From ${state.from}`, () => navigate({from: ''})));
    if (state.to) box.append(chip(`To ${state.to}`, () => navigate({to: ''})));
  }

  // --- wiring ----------------------------------------------------------------------

  function clearedFilters() {
    const filters = {};
    for (const f of FACETS) filters[f.param] = [];
    return {filters, from: '', to: ''};
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      navigate({q: $('q').value.trim()});
    });
    $('q').addEventListener('input', suggest);
    $('sort').addEventListener('change', (e) => navigate({sort: e.target.value}));
    $('explain').addEventListener('change', (e) => navigate({explain: e.target.checked}, true));
    $('from').addEventListener('change', (e) => navigate({from: e.target.value}));
    $('to').addEventListener('change', (e) => navigate({to: e.target.value}));
    $('clear-filters').addEventListener('click', () => navigate(clearedFilters()));
    window.addEventListener('popstate', () => {
      state = readState(location.search);
      search();
    });
    // "/" jumps to the search box, as on most search sites.
    document.addEventListener('keydown', (e) => {
      const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        $('q').focus();
        $('q').select();
      }
    });
    if (window.matchMedia('(max-width: 760px)').matches) $('filters').open = false;
    search();
  });
})();
