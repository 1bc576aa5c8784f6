import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Change, ChangeBus } from './bus.ts';

export interface LiveEvent {
  event: string;
  data: unknown;
}

export interface EventStreamOptions {
  /** Bus channels this stream listens to. */
  channels: string[];
  /** Turns a change into the event sent to this client (null: send nothing). May read the database. */
  toEvent?: (change: Change) => LiveEvent | null | Promise<LiveEvent | null>;
  /**
   * Sent first, and again each time the client reconnects (the browser sends Last-Event-ID),
   * so that it catches up whatever it missed while it was away or talking to another instance.
   */
  snapshot?: (lastEventId: string | undefined) => Promise<LiveEvent | null>;
  heartbeatMs?: number;
}

/** A client that stops reading is dropped rather than buffered without limit; it reconnects and gets a snapshot. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

let counter = 0;

/**
 * The Server-Sent Events streams of one server. `open` turns a reply into a stream fed by the
 * change bus; `closeAll` ends them when the server shuts down, so that shutting down does not
 * wait for browsers that never hang up (they reconnect, to another instance or to the next one).
 */
export function createEventStreams(bus: ChangeBus) {
  const open = new Set<(farewell?: string) => void>();

  return {
    async open(req: FastifyRequest, reply: FastifyReply, opts: EventStreamOptions): Promise<void> {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 2000\n\n');

      let closed = false;
      const write = (ev: LiveEvent) => {
        if (closed) return;
        const id = `${Date.now().toString(36)}-${++counter}`;
        res.write(`id: ${id}\nevent: ${ev.event}\ndata: ${JSON.stringify(ev.data)}\n\n`);
        if (res.writableLength > MAX_BUFFERED_BYTES) end();
      };

      // Events are written in the order their changes arrived, even when turning one into an
      // event reads the database; changes arriving before the snapshot is out wait for it.
      let queue: Promise<void> = Promise.resolve();
      const enqueue = (produce: () => LiveEvent | null | Promise<LiveEvent | null>) => {
        queue = queue
          .then(async () => {
            if (closed) return;
            const ev = await produce();
            if (ev) write(ev);
          })
          .catch((err) => req.log.warn({ err }, 'live event failed'));
      };

      const toEvent = opts.toEvent ?? ((c: Change) => ({ event: 'change', data: c }));
      const unsubscribers = opts.channels.map((channel) => bus.subscribe(channel, (change) => enqueue(() => toEvent(change))));
      if (opts.snapshot) {
        const lastEventId = req.headers['last-event-id'];
        enqueue(() => opts.snapshot!(typeof lastEventId === 'string' ? lastEventId : undefined));
      }
      const heartbeat = setInterval(() => {
        if (!closed) res.write(': ping\n\n');
      }, opts.heartbeatMs ?? 20_000);
      heartbeat.unref();

      function cleanup() {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        for (const u of unsubscribers) u();
        open.delete(end);
      }
      function end(farewell?: string) {
        if (farewell && !closed) res.write(farewell);
        cleanup();
        // Close the connection too: a kept-alive socket would hold a shutting-down server open.
        res.once('finish', () => req.raw.socket?.destroy?.()); // in-process test requests have a socket without destroy()
        res.end();
      }
      open.add(end);
      req.raw.on('close', cleanup);
      res.on('close', cleanup);
      res.on('error', cleanup);
    },

    /**
     * Ends every open stream (server shutdown), each with a `reconnect` event and a retry delay
     * spread over a few seconds: EventSource reconnects by itself, through the load balancer to
     * another instance, and gets its snapshot there; the spread keeps them from all arriving at once.
     */
    closeAll() {
      for (const end of [...open]) end(`retry: ${500 + Math.floor(Math.random() * 2500)}\nevent: reconnect\ndata: {"reason":"shutdown"}\n\n`);
    },

    get size() {
      return open.size;
    },
  };
}
export type EventStreams = ReturnType<typeof createEventStreams>;

/**
 * Graceful shutdown of a server: when it starts closing, end the live streams (browsers
 * reconnect, to another instance or to the next one), let requests in flight finish, and close
 * each kept-alive connection as soon as its last response is out. Node closes only the
 * connections idle at the moment `close()` is called; without the sweep, a connection whose
 * request finished a moment later would hold the process until the client hangs up.
 */
export function shutDownGracefully(server: FastifyInstance, streams: EventStreams) {
  server.addHook('preClose', async () => {
    streams.closeAll();
    const http = server.server;
    if (typeof http.closeIdleConnections !== 'function') return;
    const sweep = setInterval(() => http.closeIdleConnections(), 100);
    sweep.unref();
    http.once('close', () => clearInterval(sweep));
  });
}
