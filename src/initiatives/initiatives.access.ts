/** Who may read a file and its private attachments: the holder, reviewers of that file who declared no conflict, and staff of the call. */
import type { CurrentUser } from '../platform/http/access.ts';
import type { InitiativesContext } from './initiatives.context.ts';
import { mayReadFile } from './initiatives.model.ts';
import * as repo from './initiatives.repo.ts';
import type { InitiativeApplicationsTable } from './initiatives.tables.ts';

export type FileRole = 'staff' | 'holder' | 'reviewer';

/**
 * The one rule behind every page and download of a file. A reviewer who has not declared yet, or
 * recused, gets nothing: the declaration comes before seeing the file.
 */
export async function fileRole(ctx: InitiativesContext, user: CurrentUser | null, app: Pick<InitiativeApplicationsTable, 'id' | 'call_id' | 'holder_user_id'>): Promise<FileRole | null> {
  if (!user) return null;
  if (await ctx.isStaff(user, app.call_id)) return 'staff';
  if (app.holder_user_id === user.id) return 'holder';
  const reviewer = await repo.reviewerOn(ctx.db, app.id, user.id);
  return reviewer && mayReadFile(reviewer.conflict) ? 'reviewer' : null;
}
