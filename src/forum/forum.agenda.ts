import type { Kysely } from 'kysely';
import type { Platform } from '../platform/platform.ts';
import type { Database } from '../database.ts';
import { createI18n } from '../platform/i18n/i18n.ts';
import type { EventsExtension } from '../events/events.service.ts';
import { forumCatalogue } from './forum.i18n.ts';
import * as repo from './forum.repo.ts';
import { isOver } from './forum.rules.ts';
import type { ForumTables } from './forum.tables.ts';

/**
 * What the forum adds to its agenda event: the personal link that lets a registered person in
 * without typing anything, and the join code printed on the sign-in sheet for everyone else.
 */
export function forumAgendaExtension(platform: Platform<Database>): EventsExtension {
  const t = createI18n([forumCatalogue]).t;
  const base = platform.config.publicUrl;
  const joinUrl = (slug: string) => `${base}/forums/${slug}/participer`;
  return {
    async linksForRegistration(event, _registration, { token, lang, db }) {
      const forum = await repo.findForumByEvent(db as Kysely<ForumTables>, event.id);
      // Once the forum is closed the link would only answer "joining is closed".
      if (!forum || isOver(forum.phase)) return [];
      return [{ label: t(lang)('forum.agenda.join'), url: `${joinUrl(forum.slug)}?inscription=${encodeURIComponent(token)}` }];
    },
    async sheetNote(event, { lang, db }) {
      const forum = await repo.findForumByEvent(db as Kysely<ForumTables>, event.id);
      if (!forum) return null;
      return { text: t(lang)('forum.agenda.sheet', { url: joinUrl(forum.slug), code: forum.join_code }), url: `${joinUrl(forum.slug)}?code=${forum.join_code}` };
    },
  };
}
