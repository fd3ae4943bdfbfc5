// Dates on the search page: absolute dates with their age, day arithmetic in UTC,
// the histogram's buckets with the empty ones filled in, the relative-date windows.
import {el} from './dom.js';

const DAY_MS = 86400000;
const relative = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto'});
const absolute = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeStyle: 'short'});
const fullDate = new Intl.DateTimeFormat(undefined, {dateStyle: 'full', timeStyle: 'long'});
const dayFormat = new Intl.DateTimeFormat(undefined, {dateStyle: 'medium', timeZone: 'UTC'});

// The windows of the API's relative_dates, newest first: [key, days, label].
export const WINDOWS = [
  ['today', 1, 'Today'],
  ['7d', 7, 'Past 7 days'],
  ['30d', 30, 'Past 30 days'],
  ['365d', 365, 'Past year'],
];

// "YYYY-MM-DD" of a Date, in UTC.
export function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// `iso` ("YYYY-MM-DD") moved by `days`.
export function addDays(iso, days) {
  return isoDay(new Date(Date.parse(iso + 'T00:00:00Z') + days * DAY_MS));
}

// The day recency counts from: the "as of" date, else today (UTC).
export function originDay(asOf) {
  return asOf || isoDay(new Date());
}

// "Oct 20, 1987" for a "YYYY-MM-DD" day.
export function formatDay(iso) {
  return dayFormat.format(new Date(iso + 'T00:00:00Z'));
}

// "3 years ago": the age of `date` at `origin` (a Date).
export function age(date, origin) {
  const seconds = (date.getTime() - origin.getTime()) / 1000;
  const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400],
                 ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

// The moment ages count from: the start of the "as of" day, else now.
export function originTime(asOf) {
  return asOf ? new Date(asOf + 'T00:00:00Z') : new Date();
}

// <time> with the absolute date and time, and the age beside it; null without a date.
export function dateNode(iso, asOf) {
  if (!iso) return null;
  const date = new Date(iso);
  if (isNaN(date)) return null;
  return el('span', {class: 'when'}, [
    el('time', {datetime: iso, title: fullDate.format(date), text: absolute.format(date)}),
    el('span', {class: 'age', text: ` (${age(date, originTime(asOf))})`}),
  ]);
}

// The first and last day a histogram bucket ("2024-05" or "2024-05-12") covers.
export function bucketRange(key) {
  if (key.length === 10) return [key, key];
  const [y, m] = key.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${key}-01`, `${key}-${String(last).padStart(2, '0')}`];
}

function nextKey(key) {
  if (key.length === 10) return addDays(key, 1);
  const [y, m] = key.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

// Every bucket from the first to the last, those the API left out with count 0.
export function fillBuckets(buckets) {
  if (!buckets.length) return [];
  const counts = new Map(buckets.map((b) => [b.key, b.count]));
  const last = buckets[buckets.length - 1].key;
  const out = [];
  for (let key = buckets[0].key; key <= last; key = nextKey(key)) {
    out.push({key, count: counts.get(key) || 0});
  }
  return out;
}

// [from, to] of a relative window of `days` ending on the origin day.
export function windowRange(days, asOf) {
  const end = originDay(asOf);
  return [addDays(end, 1 - days), end];
}
