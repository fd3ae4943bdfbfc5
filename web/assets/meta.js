// Parts of a hit shared by hits and stories: the thumbnail and the labelled quality.
import {el, safeUrl} from './dom.js';

const QUALITY_HELP = 'Quality score from the source data, 0 (lowest) to 100 (highest)';

// The first image with a web URL, as a lazy thumbnail that never sends a referrer and
// falls back to the provider's initial when it fails to load; null without one.
export function thumbnail(images, provider, cls) {
  const image = (images || []).find((im) => safeUrl(im.url));
  if (!image) return null;
  const box = el('div', {class: cls || 'thumb', 'aria-hidden': 'true'});
  const img = el('img', {
    alt: '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer',
    width: image.width || null, height: image.height || null,
  });
  img.addEventListener('error', () => {
    box.classList.add('failed');
    box.replaceChildren(el('span', {class: 'thumb-fallback',
                                    text: (provider || '?').trim().charAt(0).toUpperCase()}));
  }, {once: true});
  img.src = image.url;  // after the listener, so no failure goes unseen
  box.append(img);
  return box;
}

// "Quality 49/100" with a meter; null when the article has no quality.
export function qualityNode(quality) {
  if (quality == null) return null;
  return el('span', {class: 'quality', title: QUALITY_HELP}, [
    `Quality ${quality}/100 `,
    el('meter', {min: '0', max: '100', low: '40', high: '70', optimum: '100',
                 value: String(quality), 'aria-hidden': 'true'}),
  ]);
}
