import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeBus } from './bus.ts';

export interface EventStreamOptions {
  bus: ChangeBus;
  channels: string[];
  /** Turns a change into the event sent to this client (null: send nothing). */
  toEvent?: (change: { channel: string; data: Record<string, unknown> }) => { event: string; data: unknown } | null;
  /** Sent first, and again after the client reconnects (Last-Event-ID), so it catches up. */
  snapshot?: (lastEventId: string | undefined) => Promise<{ event: string; data: unknown } | null>;
  heartbeatMs?: number;
}

let counter = 0;

/**
 * Opens a Server-Sent Events stream on this reply. The browser reconnects by itself
 * (EventSource); the snapshot on (re)connection catches up whatever it missed.
 */
export async function openEventStream(req: FastifyRequest, reply: FastifyReply, opts: EventStreamOptions): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const write = (event: string, data: unknown) => {
    const id = `${Date.now()}-${++counter}`;
    res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  res.write('retry: 2000\n\n');

  const toEvent = opts.toEvent ?? ((c) => ({ event: 'change', data: c }));
  const unsubscribers = opts.channels.map((channel) =>
    opts.bus.subscribe(channel, (change) => {
      const ev = toEvent(change);
      if (ev) write(ev.event, ev.data);
    }),
  );
  if (opts.snapshot) {
    const snap = await opts.snapshot(req.headers['last-event-id'] as string | undefined);
    if (snap) write(snap.event, snap.data);
  }
  const heartbeat = setInterval(() => res.write(': ping\n\n'), opts.heartbeatMs ?? 20000);
  const close = () => {
    clearInterval(heartbeat);
    for (const u of unsubscribers) u();
  };
  req.raw.on('close', close);
  res.on('error', close);
}
