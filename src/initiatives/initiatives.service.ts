import type { Database } from '../database.ts';
import type { Platform } from '../platform/platform.ts';
import { createApplications } from './initiatives.applications.ts';
import { createCalls } from './initiatives.calls.ts';
import { createInitiativesContext, type InitiativesDeps } from './initiatives.context.ts';
import { createManagers } from './initiatives.managers.ts';
import { createInitiativesMail } from './initiatives.mail.ts';
import { createInitiativesPersonalData } from './initiatives.personal-data.ts';
import { createReview } from './initiatives.review.ts';

export type { InitiativesDeps } from './initiatives.context.ts';

/** Calls, files, admissibility and review; the committee, payments, reports and the public follow-up build on the same context. */
export function createInitiativesService(platform: Platform<Database>, deps: InitiativesDeps) {
  const ctx = createInitiativesContext(platform, deps);
  const mail = createInitiativesMail(ctx);
  return {
    ctx,
    ...createCalls(ctx),
    // biome-ignore lint/nursery/noMisusedPromises: an object of async methods, not a promise (the rule's inference is wrong here)
    ...createApplications(ctx, mail),
    ...createReview(ctx, mail),
    ...createManagers(ctx),
    personalData: createInitiativesPersonalData(ctx),
  };
}
export type InitiativesService = ReturnType<typeof createInitiativesService>;
