// One search hit: title, thumbnail, absolute date with its age, labelled quality,
// snippet, topic chips, its folded story, score explanation, related coverage and
// "more like this".
import {dateNode} from './dates.js';
import {el, joinInto, linkOrText, plural, safeUrl} from './dom.js';
import {qualityNode, thumbnail} from './meta.js';
import {renderStory} from './stories.js';

function metaLine(hit, asOf) {
  const parts = [
    hit.provider ? el('span', {class: 'provider', text: hit.provider}) : null,
    dateNode(hit.published, asOf),
    hit.type && hit.type !== 'article' ? el('span', {class: 'kind', text: hit.type}) : null,
    hit.language && hit.language !== 'en'
      ? el('span', {class: 'lang', text: hit.language.toUpperCase()}) : null,
    qualityNode(hit.quality),
  ];
  return joinInto(el('div', {class: 'meta'}), parts);
}

function topicChips(hit, app) {
  const chips = el('ul', {class: 'chips', 'aria-label': 'Topics'});
  for (const topic of hit.topics || []) {
    const active = app.state.filters.topic.includes(topic);
    chips.append(el('li', {}, el('button', {
      type: 'button', class: 'chip' + (active ? ' active' : ''), text: topic,
      'aria-pressed': active ? 'true' : 'false',
      title: active ? 'Already filtering by this topic' : `Show only “${topic}”`,
      onclick: () => app.addFilter('topic', topic),
    })));
  }
  return chips.childElementCount ? chips : null;
}

export function renderHit(hit, app) {
  const url = safeUrl(hit.url);
  const title = el(url ? 'a' : 'span', {class: 'hit-title', href: url,
                                         rel: url ? 'noopener noreferrer' : null});
  title.innerHTML = hit.title_html || '';  // server-escaped, matches in <mark>
  const snippet = el('p', {class: 'snippet'});
  snippet.innerHTML = hit.snippet || '';  // server-escaped, matches in <mark>
  const body = el('div', {class: 'hit-body'}, [el('h3', {}, title), metaLine(hit, app.state.origin),
                                               snippet, topicChips(hit, app),
                                               renderStory(hit, app, app.apiParams())]);
  const item = el('li', {class: 'hit'}, [body, thumbnail(hit.images, hit.provider)]);
  if (hit.explain) body.append(renderExplain(hit));
  if (hit.related && hit.related.length) body.append(renderRelated(hit.related, app.state.origin));
  if (hit.id) body.append(renderSimilar(hit.id, app.state.origin));
  if (hit.duplicates > 0 && !hit.story) {
    body.append(el('p', {class: 'duplicates',
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

// Every related article, with its outlet, date, quality, type, excerpt and picture.
function renderRelated(related, asOf) {
  const list = el('ul', {class: 'related-list'});
  for (const r of related) {
    const meta = joinInto(el('span', {class: 'related-meta'}), [
      r.provider ? el('span', {class: 'provider', text: r.provider}) : null,
      dateNode(r.published, asOf),
      r.type && r.type !== 'article' ? el('span', {class: 'kind', text: r.type}) : null,
      qualityNode(r.quality),
    ]);
    list.append(el('li', {class: 'related-item'}, [
      thumbnail(r.images, r.provider, 'thumb small'),
      el('div', {}, [linkOrText(r.url, r.title, {class: 'related-title'}), meta,
                     r.excerpt ? el('p', {class: 'related-excerpt', text: r.excerpt}) : null]),
    ]));
  }
  const outlets = [...new Set(related.map((r) => r.provider).filter(Boolean))];
  const label = plural(related.length, 'related article', 'related articles') +
                (outlets.length ? ` from ${outlets.join(', ')}` : '');
  return el('details', {class: 'related'}, [el('summary', {text: label}), list]);
}

// "More like this", fetched the first time it is opened, its recency from `asOf`.
function renderSimilar(id, asOf) {
  const list = el('ul', {class: 'related-list'});
  const box = el('details', {class: 'related similar'}, [el('summary', {text: 'More like this'}), list]);
  box.addEventListener('toggle', async () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = '1';
    list.replaceChildren(el('li', {class: 'related-meta', text: 'Loading…'}));
    const params = new URLSearchParams({count: '5'});
    if (asOf) params.set('origin', asOf);
    try {
      const res = await fetch(`/api/articles/${encodeURIComponent(id)}/similar?${params}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ? body.error.message : 'failed');
      list.replaceChildren(...body.hits.map((h) => el('li', {}, [
        linkOrText(h.url, h.title),
        el('span', {class: 'related-meta'}, [h.provider ? ' — ' + h.provider : '',
                                             h.published ? ', ' : '', dateNode(h.published, asOf)]),
      ])));
      if (!body.hits.length) list.append(el('li', {class: 'related-meta', text: 'Nothing similar found.'}));
    } catch (e) {
      list.replaceChildren(el('li', {class: 'related-meta', text: 'Could not load similar articles.'}));
    }
  });
  return box;
}
