// GET /api/v1/docs: a small, self-contained API reference that renders /api/v1/openapi.json in the browser.
// Nothing external loads: the page and its script come from this server, and the Content-Security-Policy
// forbids anything else (no CDN, no inline script).
import type { FastifyInstance } from 'fastify';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'";

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>质培 Zhipei API</title>
<link rel="stylesheet" href="/api/v1/docs.css">
</head>
<body>
<header><h1>质培 Zhipei API <small>v1</small></h1>
<p>JSON under <code>/api/v1</code>. Log in with <code>POST /api/v1/auth/login</code>; send the
<code>zhipei_csrf</code> cookie's value as <code>x-csrf-token</code> on every POST.
Machine imports: <code>Authorization: Bearer &lt;API token&gt;</code> on <code>POST /api/v1/import</code>.
Raw document: <a href="/api/v1/openapi.json">openapi.json</a>.</p>
<input id="filter" type="search" placeholder="filter: path or words" aria-label="filter"></header>
<main id="ops"><p>Loading…</p></main>
<script src="/api/v1/docs.js"></script>
</body>
</html>
`;

const CSS = `body{font:14px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#fff;border-bottom:1px solid #d0d7de;padding:12px 24px;position:sticky;top:0}
h1{margin:0 0 4px;font-size:20px}h1 small{color:#57606a;font-weight:normal}
main{padding:12px 24px;max-width:1100px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:8px 12px}
.m{display:inline-block;min-width:44px;text-align:center;border-radius:4px;color:#fff;font-weight:600;font-size:12px;padding:1px 6px;margin-right:8px}
.get{background:#1f6feb}.post{background:#1a7f37}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:360px;font-size:12px}
input{width:320px;padding:4px 8px}code{font-family:ui-monospace,Menlo,Consolas,monospace}
.muted{color:#57606a}`;

// Builds the page with DOM calls and textContent only: no markup from the document is ever parsed.
const SCRIPT = `(function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function schemaBlock(title, schema) {
    var d = el('details');
    d.appendChild(el('summary', null, title));
    d.appendChild(el('pre', null, JSON.stringify(schema, null, 2)));
    return d;
  }
  function render(doc, filter) {
    var main = document.getElementById('ops');
    main.textContent = '';
    var q = (filter || '').toLowerCase();
    Object.keys(doc.paths).forEach(function (path) {
      var item = doc.paths[path];
      Object.keys(item).forEach(function (method) {
        var op = item[method];
        if (q && (path + ' ' + (op.summary || '')).toLowerCase().indexOf(q) < 0) return;
        var s = el('section');
        var h = el('div');
        h.appendChild(el('span', 'm ' + method, method.toUpperCase()));
        h.appendChild(el('span', 'path', path));
        s.appendChild(h);
        s.appendChild(el('p', 'muted', op.summary || ''));
        if (op.parameters && op.parameters.length) {
          var t = el('table');
          var hr = el('tr');
          ['name', 'in', 'required', 'schema'].forEach(function (c) { hr.appendChild(el('th', null, c)); });
          t.appendChild(hr);
          op.parameters.forEach(function (p) {
            var r = el('tr');
            r.appendChild(el('td', null, p.name));
            r.appendChild(el('td', null, p.in));
            r.appendChild(el('td', null, p.required ? 'yes' : ''));
            r.appendChild(el('td', null, JSON.stringify(p.schema)));
            t.appendChild(r);
          });
          s.appendChild(t);
        }
        if (op.requestBody) {
          var ct = Object.keys(op.requestBody.content)[0];
          s.appendChild(schemaBlock('Request body (' + ct + ')', op.requestBody.content[ct].schema));
        }
        Object.keys(op.responses || {}).forEach(function (code) {
          var r = op.responses[code];
          if (r.content) s.appendChild(schemaBlock(code + ' ' + r.description, r.content['application/json'].schema));
          else s.appendChild(el('div', 'muted', code + ' ' + r.description));
        });
        main.appendChild(s);
      });
    });
  }
  fetch('/api/v1/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
    render(doc, '');
    document.getElementById('filter').addEventListener('input', function (e) { render(doc, e.target.value); });
  }, function (err) {
    document.getElementById('ops').textContent = 'Cannot load openapi.json: ' + err;
  });
})();
`;

export function registerDocsRoutes(app: FastifyInstance): void {
  app.get('/api/v1/docs', async (_req, reply) =>
    reply.header('content-security-policy', CSP).type('text/html; charset=utf-8').send(PAGE),
  );
  app.get('/api/v1/docs.js', async (_req, reply) =>
    reply.header('content-security-policy', CSP).type('text/javascript; charset=utf-8').send(SCRIPT),
  );
  app.get('/api/v1/docs.css', async (_req, reply) =>
    reply.header('content-security-policy', CSP).type('text/css; charset=utf-8').send(CSS),
  );
}
