/**
 * The yardstick: a bare node:http server that answers each path with the exact bytes and
 * content type Palabre sent for it (received once from servers.ts), and nothing else.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Pages = Record<string, { body: string; type: string }>;

process.once('message', (pages: Pages) => {
  const bytes = new Map(Object.entries(pages).map(([p, { body, type }]) => [p, { body: Buffer.from(body, 'utf8'), type }]));
  const server = http.createServer((req, res) => {
    const page = bytes.get(req.url ?? '');
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
    res.end(page.body);
  });
  server.keepAliveTimeout = 72_000;
  server.listen(0, '127.0.0.1', () => process.send!({ ready: true, port: (server.address() as AddressInfo).port }));
  const stop = () => server.close(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
});
