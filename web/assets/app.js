// gazette search page: keeps the search state in the URL, calls /api/search, renders
// through hits.js, stories.js and sidebar.js.
import {formatDay} from './dates.js';
import {approximate, el, numberFormat} from './dom.js';
import {renderHit} from './hits.js';
import {FACETS, renderFacets, renderHistogram, renderWindows} from './sidebar.js';
import {renderStoryView} from './stories.js';

const PER_PAGE = 10;
const MAX_DEPTH = 1000;  // server Limits::max_page_depth
const $ = (id) => document.getElementById(id);
let sequence = 0;  // answers to older requests are dropped
let controller = null;

// --- state <-> URL ---------------------------------------------------------------

function readState(search) {
  const p = new URLSearchParams(search);
  const filters = {};
  for (const f of FACETS) filters[f.param] = p.getAll(f.param).filter(Boolean);
  return {
    q: p.get('q') || '',
    filters,
    from: p.get('from') || '',
    to: p.get('to') || '',
    origin: p.get('origin') || '',  // the "as of" day of an archive
    collapse: p.get('collapse') !== 'false',  // one hit per story
    story: p.get('story') || '',  // only this story's articles
    max_per_provider: p.get('max_per_provider') || '',
    sort: p.get('sort') || '',
    match: p.get('match') || '',  // auto, all or any (docs/api.md)
    page: Math.max(1, parseInt(p.get('page'), 10) || 1),
    explain: p.get('explain') === '1',
  };
}

function toParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FACETS) for (const v of s.filters[f.param]) p.append(f.param, v);
  for (const name of ['from', 'to', 'origin', 'sort', 'match', 'story', 'max_per_provider']) {
    if (s[name]) p.set(name, s[name]);
  }
  if (!s.collapse) p.set('collapse', 'false');
  if (s.page > 1) p.set('page', String(s.page));
  if (s.explain) p.set('explain', '1');
  return p;
}

function urlFor(s) {
  const qs = toParams(s).toString();
  return qs ? '/?' + qs : '/';
}

function changed(change, keepPage) {
  const next = Object.assign({}, app.state, change);
  next.filters = Object.assign({}, app.state.filters, change.filters || {});
  if (!keepPage) next.page = 1;
  return next;
}

function hasFilters(s) {
  return Boolean(s.from || s.to || FACETS.some((f) => s.filters[f.param].length));
}

// What the rendering modules use: the state and the ways to change it.
const app = {
  state: readState(location.search),
  // Changes the state, records it in history and searches. Filters reset the page.
  navigate(change, keepPage) {
    app.state = changed(change, keepPage);
    history.pushState(null, '', urlFor(app.state));
    search();
  },
  addFilter(param, value) {
    const current = app.state.filters[param];
    if (!current.includes(value)) app.navigate({filters: {[param]: current.concat([value])}});
  },
  removeFilter(param, value) {
    app.navigate({filters: {[param]: app.state.filters[param].filter((v) => v !== value)}});
  },
  // The parameters of the current search, as sent to /api/search.
  apiParams() {
    const params = toParams(app.state);
    params.set('per_page', String(PER_PAGE));
    params.set('facets', FACETS.map((f) => f.name).concat(['date']).join(','));
    return params;
  },
};

function linkTo(change, text, attrs) {
  return el('a', Object.assign({href: urlFor(changed(change, 'page' in change)), text}, attrs || {}, {
    onclick: (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      app.navigate(change, 'page' in change);
      if ('page' in change) $('results').focus();
    },
  }));
}

// --- searching -------------------------------------------------------------------

async function search() {
  syncForm();
  const params = app.apiParams();
  const mine = ++sequence;
  if (controller) controller.abort();
  controller = new AbortController();
  $('results').setAttribute('aria-busy', 'true');
  document.title = app.state.q ? app.state.q + ' — gazette' : 'gazette — news search';
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
  const s = app.state;
  $('q').value = s.q;
  $('sort').value = s.sort;
  $('explain').checked = s.explain;
  $('from').value = s.from.slice(0, 10);
  $('to').value = s.to.slice(0, 10);
  $('origin').value = s.origin.slice(0, 10);
  $('collapse').checked = s.collapse;
  $('per-source').value = s.max_per_provider;
  $('clear-filters').hidden = !hasFilters(s);
  renderActiveFilters();
  renderAsOf();
  renderStoryView($('story-view'), app);
}

// --- rendering -------------------------------------------------------------------

function render(r) {
  const total = r.total_exact ? numberFormat.format(r.total) : approximate(r.total);
  const count = r.total === 1 ? '1 article' : (r.total_exact ? '' : 'About ') + total + ' articles';
  $('summary').textContent = `${count} · ${Math.round(r.took_ms)} ms`;
  renderNotices(r);
  $('hits').replaceChildren(...r.hits.map((h) => renderHit(h, app)));
  if (!r.hits.length && r.total > 0) {
    $('hits').append(el('li', {class: 'empty'}, ['This page is past the last result. ',
                                                 linkTo({page: 1}, 'Back to the first page')]));
  } else if (!r.hits.length) {
    $('hits').append(el('li', {class: 'empty', text: app.state.q || hasFilters(app.state)
      ? 'No articles match. Try fewer words or filters.' : 'The index is empty.'}));
  }
  renderFacets($('facets'), r.facets || {}, r.facets_exact, app);
  renderWindows($('windows'), r.relative_dates, app);
  renderHistogram($('histogram'), $('histogram-range'), r.date_histogram || {buckets: []}, app);
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

// The archive banner: ages, recency and the date windows count from the "as of" day.
function renderAsOf() {
  const box = $('as-of');
  const day = app.state.origin.slice(0, 10);
  box.hidden = !day;
  if (!day) return;
  box.replaceChildren(el('p', {}, [
    'Archive as of ', el('strong', {text: formatDay(day)}),
    ': ranking by recency, ages and date windows count from that day. ',
    el('button', {type: 'button', class: 'link-button', text: 'Back to today',
                  onclick: () => app.navigate({origin: ''})}),
  ]));
}

function renderPagination(r) {
  const nav = $('pagination');
  nav.replaceChildren();
  const pages = Math.min(Math.ceil(r.total / r.per_page), Math.floor(MAX_DEPTH / r.per_page));
  if (pages <= 1) return;
  const page = r.page;
  if (page > 1) nav.append(linkTo({page: page - 1}, '← Previous', {rel: 'prev'}));
  const list = el('ol', {class: 'page-numbers'});
  for (let p = Math.max(1, page - 3); p <= Math.min(pages, page + 3); ++p) {
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
    for (const v of app.state.filters[f.param]) {
      box.append(chip(`${f.label}: ${v}`, () => app.removeFilter(f.param, v)));
    }
  }
  if (app.state.from) box.append(chip(`From ${app.state.from}`, () => app.navigate({from: ''})));
  if (app.state.to) box.append(chip(`To ${app.state.to}`, () => app.navigate({to: ''})));
}

// --- wiring ----------------------------------------------------------------------

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

function clearedFilters() {
  const filters = {};
  for (const f of FACETS) filters[f.param] = [];
  return {filters, from: '', to: ''};
}

function wire() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    app.navigate({q: $('q').value.trim()});
  });
  $('q').addEventListener('input', suggest);
  $('sort').addEventListener('change', (e) => app.navigate({sort: e.target.value}));
  $('explain').addEventListener('change', (e) => app.navigate({explain: e.target.checked}, true));
  $('collapse').addEventListener('change', (e) => app.navigate({collapse: e.target.checked}));
  $('per-source').addEventListener('change', (e) => app.navigate({max_per_provider: e.target.value}));
  for (const name of ['from', 'to', 'origin']) {
    $(name).addEventListener('change', (e) => app.navigate({[name]: e.target.value}));
  }
  $('clear-filters').addEventListener('click', () => app.navigate(clearedFilters()));
  window.addEventListener('popstate', () => {
    app.state = readState(location.search);
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
}

// Modules run after parsing; wire at once unless the document is still loading.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
else wire();
