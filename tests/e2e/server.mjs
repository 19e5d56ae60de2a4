// A tiny static file server for the built site (dist/): no dependencies, loopback only.
//
//   import { serve } from './server.mjs';
//   const { url, close } = await serve('/path/to/dist');       // random free port
//
//   node server.mjs DIR [PORT]                                   // serves until killed

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

export function mimeOf(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a request path to a file under `root`, or null when it would escape `root`. */
export function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Refuse any `..` segment outright (also with backslashes), rather than normalising it away.
  const segments = decoded.split(/[\\/]+/);
  if (segments.some((s) => s === '..')) return null;
  const rel = segments.filter((s) => s !== '' && s !== '.').join('/');
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/**
 * Serves `dir` on 127.0.0.1, every response with `headers` too (a Content-Security-Policy,
 * say). Resolves once listening.
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve(dir, port = 0, headers = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let urlPath;
    try {
      urlPath = new URL(req.url, 'http://127.0.0.1').pathname;
    } catch {
      return send(400, 'bad request\n');
    }
    // Check the raw path too: URL parsing normalises `/../` away before we could see it.
    if (/(^|[\\/])\.\.([\\/]|$)/.test(req.url.split('?')[0]) || /%2e%2e/i.test(req.url)) {
      return send(403, 'forbidden\n');
    }
    let file = resolvePath(root, urlPath);
    if (file === null) return send(403, 'forbidden\n');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
        return fs.stat(file, (err2, st2) => stream(err2, st2));
      }
      stream(err, st);
    });
    function stream(err, st) {
      if (err || !st.isFile()) return send(404, 'not found\n');
      res.writeHead(200, {
        'Content-Type': mimeOf(file),
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    }
  });
  // Keep-alive sockets would make close() wait: track and destroy them.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node server.mjs DIR [PORT]');
    process.exit(2);
  }
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`warning: ${path.resolve(dir)} has no index.html`);
  }
  const { url, close } = await serve(dir, port ? Number(port) : 0);
  console.log(`serving ${path.resolve(dir)} at ${url}/`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
