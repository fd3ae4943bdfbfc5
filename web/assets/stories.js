// Story clusters on the search page: "N more from this story" under a hit, expanded in
// place from /api/search?story=ID with the same query and filters.
import {dateNode} from './dates.js';
import {el, joinInto, linkOrText, plural} from './dom.js';
import {qualityNode} from './meta.js';

function storyLabel(story) {
  const more = plural(story.more, 'more from this story', 'more from this story');
  return story.providers.length ? `${more}: ${story.providers.join(', ')}` : more;
}

function storyItem(h, asOf) {
  return el('li', {class: 'story-item'}, [
    linkOrText(h.url, h.title, {class: 'related-title'}),
    joinInto(el('span', {class: 'related-meta'}), [
      h.provider ? el('span', {class: 'provider', text: h.provider}) : null,
      dateNode(h.published, asOf), qualityNode(h.quality)]),
  ]);
}

// The hit's folded story as a disclosure; null when nothing was folded into it. The
// other articles are fetched on first opening (`params`: the page's search, which the
// story's articles must match too), and "Only this story" lists them as the results.
export function renderStory(hit, app, params) {
  const story = hit.story;
  if (!story || !(story.more > 0)) return null;
  const list = el('ul', {class: 'related-list story-list'});
  const box = el('details', {class: 'related story', 'data-story': story.id},
                 [el('summary', {text: storyLabel(story)}), list]);
  box.addEventListener('toggle', async () => {
    if (!box.open || box.dataset.loaded) return;
    box.dataset.loaded = '1';
    list.replaceChildren(el('li', {class: 'related-meta', text: 'Loading…'}));
    const query = new URLSearchParams(params);
    query.set('story', story.id);
    query.set('per_page', String(Math.min(100, story.more + 1)));
    for (const name of ['page', 'facets', 'collapse', 'max_per_provider']) query.delete(name);
    try {
      const res = await fetch('/api/search?' + query);
      const body = await res.json();
      if (!res.ok) throw new Error(body.error ? body.error.message : 'failed');
      const others = body.hits.filter((h) => h.id !== hit.id);
      list.replaceChildren(...others.map((h) => storyItem(h, app.state.origin)));
      list.append(el('li', {}, el('button', {
        type: 'button', class: 'link-button', text: 'Show only this story',
        onclick: () => app.navigate({story: story.id})})));
    } catch (e) {
      list.replaceChildren(el('li', {class: 'related-meta', text: 'Could not load the story.'}));
    }
  });
  return box;
}

// The banner while the results are one story's articles, with the way back.
export function renderStoryView(box, app) {
  box.hidden = !app.state.story;
  if (!app.state.story) return;
  box.replaceChildren(el('p', {}, [
    'Showing every article of one story. ',
    el('button', {type: 'button', class: 'link-button', text: 'Back to all results',
                  onclick: () => app.navigate({story: ''})}),
  ]));
}
