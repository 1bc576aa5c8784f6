import type { Change, ChangeBus } from '../platform/live/bus.ts';
import type { LiveEvent } from '../platform/live/sse.ts';
import type { ForumsTable } from './forum.tables.ts';
import type { ForumReader, WallPatch } from './forum.read.ts';
import type { ForumChange } from './forum.service.ts';

/**
 * Turns the change notices of a forum into wall events. The bus hands the same notice object
 * to every local stream, so the event is built once per notice and shared: 2,000 phones and a
 * projector cost one query round per write, not 2,000. Notices come from this instance or,
 * on PostgreSQL, from the others through LISTEN/NOTIFY.
 */
export function createWallFeed(bus: ChangeBus, reader: ForumReader, loadForum: (id: string) => Promise<ForumsTable | undefined>) {
  const built = new WeakMap<Change, Promise<LiveEvent | null>>();
  // Snapshots are shared too: a room of phones connecting at once builds the wall once. Any
  // notice about the forum drops its snapshot; a snapshot begun before a notice is not kept.
  const snapshots = new Map<string, Promise<LiveEvent | null>>();
  const generation = new Map<string, number>();
  bus.subscribe('*', (change) => {
    if (change.channel === '*reconnected') {
      snapshots.clear();
      for (const id of generation.keys()) generation.set(id, (generation.get(id) ?? 0) + 1);
    } else if (change.channel.startsWith('forum:')) {
      const id = change.channel.slice('forum:'.length);
      snapshots.delete(id);
      generation.set(id, (generation.get(id) ?? 0) + 1);
    }
  });

  async function build(forumId: string, change: Change): Promise<LiveEvent | null> {
    const forum = await loadForum(forumId);
    if (!forum) return null;
    const c = change.data as ForumChange & { truncated?: boolean };
    // A lost bus connection, a notice too big for NOTIFY, or a phase change: send the whole wall.
    if (change.channel === '*reconnected' || c.all || c.truncated || (!c.themes && !c.removed)) {
      return { event: 'snapshot', data: await reader.wallState(forum) };
    }
    const ids = (c.themes ?? []).filter(Boolean);
    const patch: WallPatch = { forum: await reader.summary(forum), themes: ids.length ? await reader.themeCards(forum, ids) : [], removed: c.removed ?? [] };
    return { event: 'patch', data: patch };
  }

  return {
    channels: (forumId: string) => [`forum:${forumId}`, '*reconnected'],
    toEvent(forumId: string, change: Change): Promise<LiveEvent | null> {
      let ev = built.get(change);
      if (!ev) {
        ev = build(forumId, change).catch(() => null);
        built.set(change, ev);
      }
      return ev;
    },
    snapshot(forumId: string): Promise<LiveEvent | null> {
      const cached = snapshots.get(forumId);
      if (cached !== undefined) return cached;
      const gen = generation.get(forumId) ?? 0;
      const fresh = (async () => {
        const forum = await loadForum(forumId);
        return forum ? { event: 'snapshot', data: await reader.wallState(forum) } : null;
      })();
      snapshots.set(forumId, fresh);
      fresh.then(
        () => {
          if ((generation.get(forumId) ?? 0) !== gen && snapshots.get(forumId) === fresh) snapshots.delete(forumId);
        },
        () => snapshots.get(forumId) === fresh && snapshots.delete(forumId),
      );
      return fresh;
    },
  };
}
export type WallFeed = ReturnType<typeof createWallFeed>;
