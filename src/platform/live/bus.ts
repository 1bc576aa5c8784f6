import crypto from 'node:crypto';
import type pg from 'pg';
import { detached } from '../db/guard.ts';

/** A change notice: a channel ("content", "forum:arras-2019") and a small JSON payload. */
export interface Change {
  channel: string;
  data: Record<string, unknown>;
}
export type ChangeListener = (change: Change) => void;

export interface ChangeBus {
  /** Resolves once the notice is delivered locally and, on PostgreSQL, sent to the other instances. */
  publish(channel: string, data?: Record<string, unknown>): Promise<void>;
  /** Listens to one channel, or to every channel with "*". Returns the unsubscribe function. */
  subscribe(channel: string, listener: ChangeListener): () => void;
  close(): Promise<void>;
}

class Listeners {
  private readonly byChannel = new Map<string, Set<ChangeListener>>();

  add(channel: string, listener: ChangeListener) {
    let set = this.byChannel.get(channel);
    if (!set) this.byChannel.set(channel, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0) this.byChannel.delete(channel);
    };
  }

  deliver(change: Change) {
    // Listeners (live pages) run their own queries: they must not inherit the publisher's open transaction.
    detached(() => this.deliverNow(change));
  }

  private deliverNow(change: Change) {
    for (const key of [change.channel, '*']) {
      for (const listener of this.byChannel.get(key) ?? []) {
        try {
          listener(change);
        } catch {
          // One broken listener must not stop the others.
        }
      }
    }
  }
}

export function createMemoryBus(): ChangeBus {
  const listeners = new Listeners();
  return {
    async publish(channel, data = {}) {
      listeners.deliver({ channel, data });
    },
    subscribe: (channel, listener) => listeners.add(channel, listener),
    async close() {},
  };
}

const PG_CHANNEL = 'palabre_changes';
// NOTIFY payloads are limited to 8000 bytes; larger notices carry only their channel.
const MAX_PAYLOAD = 7000;

/**
 * Every instance LISTENs on one PostgreSQL channel. A notice published here is delivered
 * locally at once and echoed by PostgreSQL to every other instance; the sender id lets an
 * instance skip its own echo.
 */
export async function createPostgresBus(pool: pg.Pool, onError: (err: unknown) => void = () => {}): Promise<ChangeBus> {
  const listeners = new Listeners();
  const instanceId = crypto.randomBytes(8).toString('hex');
  let closed = false;
  let client: { unlisten(): Promise<void> } | null = null;

  async function listen() {
    const c = await pool.connect();
    let released = false;
    const release = (destroy: boolean) => {
      if (released) return;
      released = true;
      c.release(destroy);
    };
    c.on('notification', (msg) => {
      if (!msg.payload || released) return;
      try {
        const { from, channel, data } = JSON.parse(msg.payload) as { from: string; channel: string; data: Record<string, unknown> };
        if (from !== instanceId) listeners.deliver({ channel, data });
      } catch (err) {
        onError(err);
      }
    });
    c.on('error', (err) => {
      // Errors of a connection we already gave back (the pool is shutting down) are not ours.
      if (released) return;
      onError(err);
      client = null;
      release(true);
      // A lost listener connection is re-opened; live pages catch up with their snapshot.
      if (!closed) void reconnect();
    });
    try {
      await c.query(`LISTEN ${PG_CHANNEL}`);
    } catch (err) {
      release(true);
      throw err;
    }
    client = {
      async unlisten() {
        await c.query(`UNLISTEN ${PG_CHANNEL}`).catch(() => {});
        release(false);
      },
    };
  }

  async function reconnect() {
    while (!closed) {
      await new Promise((r) => setTimeout(r, 1000));
      if (closed) return;
      try {
        await listen();
        // Anything may have changed while we were not listening: caches empty themselves.
        listeners.deliver({ channel: '*reconnected', data: {} });
        return;
      } catch (err) {
        onError(err);
      }
    }
  }

  // At start-up an unreachable database is an error the operator must see, not a silent retry loop.
  await listen();

  return {
    async publish(channel, data = {}) {
      listeners.deliver({ channel, data });
      let payload = JSON.stringify({ from: instanceId, channel, data });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: instanceId, channel, data: { truncated: true } });
      try {
        await pool.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, payload]);
      } catch (err) {
        // The write that caused the notice is committed; failing the request now would only
        // make the user retry it. Other instances catch up when their listener reconnects.
        onError(err);
      }
    },
    subscribe: (channel, listener) => listeners.add(channel, listener),
    async close() {
      closed = true;
      const c = client;
      client = null;
      await c?.unlisten();
    },
  };
}
