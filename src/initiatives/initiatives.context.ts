import type { Kysely } from 'kysely';
import type { MediaService } from '../media/media.service.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import type { Database } from '../database.ts';
import type { EventsService } from '../events/events.service.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import type { Storage } from '../platform/storage/index.ts';
import { can, type CurrentUser } from '../platform/http/access.ts';
import { ConflictError } from '../platform/http/errors.ts';
import { createI18n, type Lang } from '../platform/i18n/i18n.ts';
import type { Platform } from '../platform/platform.ts';
import { initiativesCatalogue } from './initiatives.i18n.ts';
import { canMove } from './initiatives.model.ts';
import * as repo from './initiatives.repo.ts';
import type { ApplicationState, InitiativeApplicationsTable } from './initiatives.tables.ts';

export interface InitiativesDeps {
  /** PIC Lab days and information meetings linked to a call. */
  events: Pick<EventsService, 'listAgenda' | 'getEvent' | 'getEventBySlug' | 'createEvent'>;
  /** Calls are published to the catalogue (search, theme pages). */
  catalog: Pick<CatalogService, 'upsert' | 'remove'>;
  themes: Pick<ThemesService, 'names'>;
  /** Holders must have a confirmed address; reviewers are found (or given an account) by address. */
  accounts: Pick<AccountsService, 'getUser' | 'findUserByEmail' | 'ensureUser'>;
  /** A call's picture: its form on the call's edit page, on its page and cards, the demo's drawings. */
  media: Pick<MediaService, 'registerOwner' | 'editor' | 'picture' | 'pictures' | 'illustrate'>;
}

export type Tr = ReturnType<ReturnType<typeof createI18n>['t']>;

/** What every part of the initiatives service shares. */
export interface InitiativesContext {
  platform: Platform<Database>;
  db: Kysely<Database>;
  deps: InitiativesDeps;
  t: (lang: Lang) => Tr;
  files: Storage;
  /** PUBLIC_URL, for absolute links in mails, and the network's name signing them. */
  base: string;
  site: string;
  /** Platform animators and admins run every call; a call's managers run theirs. */
  isStaff(user: CurrentUser | null, callId: string): Promise<boolean>;
  /** Changes a file's state if the state machine allows it and nobody moved it meanwhile; writes the timeline. */
  move(trx: Kysely<Database>, app: InitiativeApplicationsTable, to: ApplicationState, actor: string | null, note: string, patch?: Partial<InitiativeApplicationsTable>): Promise<void>;
}

export function createInitiativesContext(platform: Platform<Database>, deps: InitiativesDeps): InitiativesContext {
  const db = platform.db;
  return {
    platform,
    db,
    deps,
    t: createI18n([initiativesCatalogue]).t,
    files: platform.storage,
    base: platform.config.publicUrl,
    site: platform.config.networkName,
    async isStaff(user, callId) {
      if (!user) return false;
      return can.animate(user) || repo.isCallManager(db, callId, user.id);
    },
    async move(trx, app, to, actor, note, patch = {}) {
      if (!canMove(app.state, to)) throw new ConflictError('initiatives.error.state');
      const at = nowIso();
      const moved = await repo.moveApplication(trx, app.id, app.state, { ...patch, state: to, updated_at: at });
      if (!moved) throw new ConflictError('initiatives.error.state');
      await repo.insertHistory(trx, { id: newId(), application_id: app.id, at, actor_user_id: actor, from_state: app.state, to_state: to, note });
    },
  };
}
