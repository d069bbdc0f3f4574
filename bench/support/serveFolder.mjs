// A static file server on loopback for the browser benchmarks (a page's
// modules and workers need an origin). Paths stay inside `dir`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

export async function serveFolder(dir) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    // Names of letters, digits, '.', '_' and '-' in folders; no '..' segment.
    if (!/^([\w-][\w.-]*\/)*[\w-][\w.-]*$/.test(path) || path.split('/').includes('..')) return res.writeHead(404).end();
    let body;
    try {
      body = readFileSync(join(dir, path));
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
