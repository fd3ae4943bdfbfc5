// The filter sidebar: facet checkboxes with counts, the relative-date windows as
// one-click filters, and the date histogram with its empty months.
import {bucketRange, fillBuckets, formatDay, WINDOWS, windowRange} from './dates.js';
import {approximate, el, numberFormat} from './dom.js';

export const FACETS = [
  {name: 'topic', param: 'topic', label: 'Topic'},
  {name: 'provider', param: 'provider', label: 'Source'},
  {name: 'category', param: 'category', label: 'Category'},
  {name: 'type', param: 'type', label: 'Type'},
  {name: 'language', param: 'lang', label: 'Language'},
];
const FACETS_SHOWN = 8;
const expanded = new Set();  // facets showing all their values

function facetGroup(f, values, exact, app, redraw) {
  const selected = app.state.filters[f.param];
  const all = expanded.has(f.name);
  const shown = all ? values : values.filter((v, i) => i < FACETS_SHOWN || selected.includes(v.value));
  const list = el('ul', {class: 'facet-values'});
  for (const v of shown) {
    const checked = selected.includes(v.value);
    list.append(el('li', {}, el('label', {}, [
      el('input', {type: 'checkbox', checked, onchange: (e) => {
        if (e.target.checked) app.addFilter(f.param, v.value); else app.removeFilter(f.param, v.value);
      }}),
      el('span', {class: 'facet-name', text: v.value}),
      el('span', {class: 'count', text: exact === false ? '≈' + approximate(v.count) : numberFormat.format(v.count),
                  title: exact === false ? 'estimated from a sample of the matches' : ''}),
    ])));
  }
  const group = el('fieldset', {class: 'filter-group'}, [el('legend', {text: f.label}), list]);
  if (values.length > FACETS_SHOWN) {
    group.append(el('button', {type: 'button', class: 'link-button',
      text: all ? 'Show fewer' : `Show all ${values.length}`,
      onclick: () => {
        if (all) expanded.delete(f.name); else expanded.add(f.name);
        redraw();
      }}));
  }
  return group;
}

export function renderFacets(box, facets, exact, app) {
  box.replaceChildren();
  for (const f of FACETS) {
    const values = (facets[f.name] || []).slice();
    // A selected value the counts no longer list must stay visible to be unticked.
    for (const v of app.state.filters[f.param]) {
      if (!values.some((x) => x.value === v)) values.push({value: v, count: 0});
    }
    if (values.length) {
      box.append(facetGroup(f, values, exact, app, () => renderFacets(box, facets, exact, app)));
    }
  }
}

// Buttons for today, 7, 30 and 365 days up to the origin day, each with its count.
export function renderWindows(box, counts, app) {
  box.replaceChildren();
  if (!counts) return;
  for (const [key, days, label] of WINDOWS) {
    const [from, to] = windowRange(days, app.state.origin);
    const active = app.state.from === from && app.state.to === to;
    const n = counts[key] || 0;
    const name = key !== 'today' ? label : app.state.origin ? `On ${formatDay(to)}` : 'Today';
    box.append(el('li', {}, el('button', {
      type: 'button', class: 'window' + (active ? ' active' : ''), 'data-window': key,
      'aria-pressed': active ? 'true' : 'false', disabled: n === 0 && !active,
      title: `${formatDay(from)} – ${formatDay(to)}`,
      onclick: () => app.navigate(active ? {from: '', to: ''} : {from, to}),
    }, [el('span', {class: 'window-name', text: name}),
        el('span', {class: 'count', text: numberFormat.format(n)})])));
  }
}

// One bar per month (or day) from the first to the last, empty ones included.
export function renderHistogram(box, range, h, app) {
  box.replaceChildren();
  const buckets = fillBuckets(h.buckets || []);
  range.textContent = buckets.length ? `${buckets[0].key} – ${buckets[buckets.length - 1].key}` : '';
  const max = Math.max(1, ...buckets.map((b) => b.count));
  for (const b of buckets) {
    const [first, last] = bucketRange(b.key);
    const label = `${b.key}: ${numberFormat.format(b.count)} articles`;
    const fill = el('span');
    // Through CSSOM: the Content-Security-Policy forbids inline style attributes.
    fill.style.height = b.count ? `${Math.max(4, Math.round((b.count / max) * 100))}%` : '0';
    const active = app.state.from === first && app.state.to === last;
    box.append(el('button', {
      type: 'button', class: 'bar' + (active ? ' active' : '') + (b.count ? '' : ' empty'),
      title: label, 'aria-label': label, 'data-key': b.key, tabindex: b.count ? null : '-1',
      onclick: () => app.navigate({from: first, to: last})}, fill));
  }
}
