import fs from 'node:fs';
import { nowIso } from '../platform/db/ids.ts';
import type { ImportsDeps } from './imports.service.ts';
import type { DocumentData, MemberData, SubscriberData } from './imports.csv.ts';
import type { EventData } from './imports.ics.ts';
import type { ImportItem, LineNote } from './imports.model.ts';
import type { ImportKind } from './imports.tables.ts';
import type { WpData } from './imports.wxr.ts';

/** What one entry became. */
export interface Applied {
  targetKind: string;
  targetId: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  /** Old addresses of this entry, answered 301 to `url`. */
  url?: string;
  oldUrls?: string[];
  note?: LineNote;
}

/** A line that cannot be written, with the reason the report gives. */
export class LineError extends Error {
  constructor(
    readonly field: string | null,
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

/** What an applier may ask of the run: what an earlier entry became, and to remember a second target of an entry. */
export interface ApplyContext {
  existing: string | null;
  lookup(key: string): Promise<string | null>;
  remember(key: string, targetKind: string, targetId: string): Promise<void>;
  actor: { id: string | null; name: string };
}

const firstWords = (text: string, max = 300) => {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : plain;
};

/** Each kind's writer, on the services of the modules that own the data. */
export function createAppliers(deps: ImportsDeps) {
  async function ensureThemes(themes: Array<{ slug: string; name: string }>): Promise<string[]> {
    const known = new Set((await deps.themes.list()).map((t) => t.slug));
    for (const t of themes) {
      if (!known.has(t.slug)) await deps.themes.upsert({ slug: t.slug, name: { fr: t.name, en: t.name }, description: { fr: '', en: '' } });
      known.add(t.slug);
    }
    return themes.map((t) => t.slug);
  }

  async function document(contentId: string, key: string, file: string, filename: string, title: string, membersOnly: boolean, ctx: ApplyContext) {
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch {
      throw new LineError(null, 'imports.reason.fileMissing', { value: filename });
    }
    const replaceId = await ctx.lookup(key);
    try {
      return await deps.content.importDocument(contentId, { data, filename, title, membersOnly }, replaceId, ctx.actor);
    } catch (err) {
      if ((err as { messageKey?: string }).messageKey?.startsWith('content.upload.')) throw new LineError(null, 'imports.reason.fileRefused', { value: filename });
      throw err;
    }
  }

  const appliers: { [K in ImportKind]: (item: ImportItem, ctx: ApplyContext) => Promise<Applied> } = {
    async subscribers(item) {
      const d = item.data as SubscriberData;
      const now = nowIso();
      const r = await deps.newsletter.importSubscriber({ ...d, requestedAt: d.requestedAt ?? now, leftAt: d.status === 'confirmed' ? null : (d.leftAt ?? now) });
      return { targetKind: 'subscriber', targetId: r.id, outcome: r.outcome };
    },

    async members(item) {
      const d = item.data as MemberData;
      const r = await deps.network.importMember({ ...d });
      return { targetKind: 'user', targetId: r.id, outcome: r.outcome };
    },

    async events(item, ctx) {
      const d = item.data as EventData;
      const known = new Set((await deps.themes.list()).map((t) => t.slug));
      const fields = {
        title: d.title,
        summary: firstWords(d.description, 300),
        description: [d.description, d.url ? `${d.url}` : ''].filter(Boolean).join('\n\n'),
        startsAt: d.startsAt,
        endsAt: d.endsAt,
        placeName: d.location,
        themes: d.categories.filter((c) => known.has(c)),
      };
      const before = ctx.existing ? await deps.events.getEvent(ctx.existing) : null;
      if (before) {
        // What the animators set since (kind, registrations, pictures) stays; the calendar's fields are updated.
        await deps.events.updateEvent(before.id, { ...before, ...fields });
        return { targetKind: 'event', targetId: before.id, outcome: 'updated' };
      }
      const e = await deps.events.createEvent({ ...fields, kind: 'rencontre', status: 'published', registrationMode: 'none', createdBy: ctx.actor.id });
      return { targetKind: 'event', targetId: e.id, outcome: 'created' };
    },

    async wordpress(item, ctx) {
      const d = item.data as WpData;
      if (d.type === 'theme') {
        const exists = (await deps.themes.list()).some((t) => t.slug === d.slug);
        if (!exists) await ensureThemes([d]);
        return { targetKind: 'theme', targetId: d.slug, outcome: exists ? 'unchanged' : 'created' };
      }
      if (d.type === 'post') {
        const r = await deps.content.importContent(
          {
            kind: d.kind,
            title: d.title,
            summary: firstWords(d.excerpt || d.body) || d.title,
            body: d.body,
            themes: d.themes,
            membersOnly: d.membersOnly,
            status: d.status,
            publishedAt: d.publishedAt ?? nowIso(),
            slug: d.slug,
          },
          ctx.existing,
          ctx.actor,
        );
        return { targetKind: 'content', targetId: r.id, outcome: r.outcome, url: r.url, oldUrls: d.oldUrl ? [d.oldUrl] : [] };
      }
      const parent = d.parentKey ? await ctx.lookup(d.parentKey) : null;
      if (!parent) throw new LineError('wp:post_parent', 'imports.reason.noParent');
      if (!d.file) throw new LineError('wp:attachment_url', 'imports.reason.fileMissing', { value: d.filename });
      const doc = await document(parent, item.key, d.file, d.filename, d.title, false, ctx);
      return { targetKind: 'document', targetId: doc.id, outcome: ctx.existing ? 'updated' : 'created', url: doc.url, oldUrls: [d.oldUrl] };
    },

    async documents(item, ctx) {
      const d = item.data as DocumentData;
      const themes = await ensureThemes(d.themes);
      const r = await deps.content.importContent(
        { kind: 'resource', title: d.title, summary: d.summary || d.title, body: '', themes, membersOnly: d.membersOnly, status: 'published', publishedAt: d.date ?? nowIso(), slug: '' },
        ctx.existing,
        ctx.actor,
      );
      const doc = await document(r.id, `${item.key}#document`, d.file, d.filename, d.title, d.membersOnly, ctx);
      await ctx.remember(`${item.key}#document`, 'document', doc.id);
      return { targetKind: 'content', targetId: r.id, outcome: r.outcome, url: r.url, oldUrls: d.oldUrl ? [d.oldUrl] : [] };
    },
  };
  return appliers;
}
