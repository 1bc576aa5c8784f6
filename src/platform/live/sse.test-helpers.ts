import http from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A plain HTTP client reading a Server-Sent Events stream, as a browser's EventSource would. */
export function openSse(url: string, headers: Record<string, string> = {}) {
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let status = 0;
  let contentType = '';
  let ended = false;
  let buffer = '';
  const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } });
  const ready = new Promise<void>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers['content-type'] ?? '');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const ev: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') ev.id = value;
            else if (field === 'event') ev.event = value;
            else if (field === 'data') {
              ev.data += (hasData ? '\n' : '') + value;
              hasData = true;
            }
          }
          if (hasData) events.push(ev);
        }
        for (const w of [...waiters]) w();
      });
      res.on('end', () => {
        ended = true;
        for (const w of [...waiters]) w();
      });
      resolve();
    });
  });

  return {
    events,
    ready,
    get status() {
      return status;
    },
    get contentType() {
      return contentType;
    },
    get ended() {
      return ended;
    },
    /** Resolves with the first event (from `from` on) that matches, or fails after `timeoutMs`. */
    async waitFor(predicate: (e: SseEvent) => boolean, { from = 0, timeoutMs = 10_000 } = {}): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(predicate);
        if (found) return found;
        if (ended) throw new Error(`stream ended without a matching event (${events.length} received)`);
        if (Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms (${JSON.stringify(events)})`);
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            resolve();
          };
          waiters.add(done);
          setTimeout(done, 100);
        });
      }
    },
    async waitForEnd(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!ended) {
        if (Date.now() > deadline) throw new Error('stream still open');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close() {
      req.destroy();
    },
  };
}
