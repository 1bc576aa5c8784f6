import type pg from 'pg';

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
  const instanceId = Math.random().toString(36).slice(2);
  let closed = false;
  let client: pg.PoolClient | null = null;

  async function connect() {
    while (!closed) {
      try {
        const c = await pool.connect();
        c.on('notification', (msg) => {
          if (!msg.payload) return;
          try {
            const { from, channel, data } = JSON.parse(msg.payload) as { from: string; channel: string; data: Record<string, unknown> };
            if (from !== instanceId) listeners.deliver({ channel, data });
          } catch (err) {
            onError(err);
          }
        });
        c.on('error', (err) => {
          onError(err);
          c.release(true);
          if (client === c) client = null;
          // A lost listener connection is re-opened; pages catch up on reconnect.
          if (!closed) setTimeout(() => void connect(), 500);
        });
        await c.query(`LISTEN ${PG_CHANNEL}`);
        client = c;
        // Anything may have changed while we were not listening.
        listeners.deliver({ channel: '*reconnected', data: {} });
        return;
      } catch (err) {
        onError(err);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
  await connect();

  return {
    async publish(channel, data = {}) {
      listeners.deliver({ channel, data });
      let payload = JSON.stringify({ from: instanceId, channel, data });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: instanceId, channel, data: { truncated: true } });
      await pool.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, payload]);
    },
    subscribe: (channel, listener) => listeners.add(channel, listener),
    async close() {
      closed = true;
      if (client) {
        await client.query(`UNLISTEN ${PG_CHANNEL}`).catch(() => {});
        client.release();
        client = null;
      }
    },
  };
}
