// DOM and formatting helpers shared by the search page's modules.

// An element with attributes (`class`, `text`, `on<event>` handlers, others as
// attributes; false and null leave one out) and children (nodes, strings, nulls).
export function el(tag, props, children) {
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

// Only web links: a stored javascript: URL must never become clickable or loaded.
export function safeUrl(url) {
  return /^https?:\/\//i.test(url || '') ? url : null;
}

// A link to `url` when it is a web link, else plain text.
export function linkOrText(url, text, props) {
  const safe = safeUrl(url);
  return el(safe ? 'a' : 'span', Object.assign({
    href: safe, rel: safe ? 'noopener noreferrer' : null, text}, props || {}));
}

export const numberFormat = new Intl.NumberFormat();

// An estimated count, rounded to two significant digits: 12,459 shows as 12,000.
export function approximate(n) {
  const unit = n >= 100 ? 10 ** (Math.floor(Math.log10(n)) - 1) : 1;
  return numberFormat.format(Math.round(n / unit) * unit);
}

// "1 article" / "3 articles".
export function plural(n, one, many) {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

// `parts` joined by " · " into `box`, nulls left out.
export function joinInto(box, parts) {
  parts.filter((p) => p != null).forEach((p, i) => {
    if (i) box.append(' · ');
    box.append(p);
  });
  return box;
}
