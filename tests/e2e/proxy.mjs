// A faulty HTTP proxy for the end-to-end tests: between the browser and the server, it can drop
// a request before the server sees it, or let the server answer (and commit) and then cut the
// connection before the answer reaches the browser, or hold a request as long as a test needs.
// It records what reached the server.
import http from 'node:http';
import { createHash } from 'node:crypto';

/**
 * `decide(req)` returns 'pass', 'drop' (before forwarding) or 'cut' (after the server answered),
 * or a promise of one (the request is held until it settles), for requests under /api/;
 * everything else passes.
 */
export function startProxy(targetPort, decide = () => 'pass') {
  const stats = { forwarded: [], dropped: 0, cut: 0 };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      // A decision may be a promise: the request waits here until it settles (a slow link).
      const fault = req.url.startsWith('/api/') ? await decide(req, body) : 'pass';
      if (fault === 'drop') {
        stats.dropped += 1;
        req.socket.destroy();
        return;
      }
      const up = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        const back = [];
        upRes.on('data', (c) => back.push(c));
        upRes.on('end', () => {
          stats.forwarded.push({ method: req.method, url: req.url, bytes: body.length, status: upRes.statusCode, body });
          if (fault === 'cut') {
            stats.cut += 1;
            res.socket.destroy();
            return;
          }
          // No connection reuse: Chromium silently re-sends a request whose reused connection
          // was reset, which would hide the faults from the app (and double-count here).
          res.writeHead(upRes.statusCode, { ...upRes.headers, connection: 'close' });
          res.end(Buffer.concat(back));
        });
      });
      up.on('error', () => res.socket.destroy());
      up.end(body);
    });
  });
  server.keepAliveTimeout = 0;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const port = server.address().port;
    resolve({
      url: `http://127.0.0.1:${port}`,
      port,
      stats,
      setDecide: (f) => { decide = f; },
      close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
    });
  }));
}

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
