import type { Database } from '../database.ts';
import type { Platform } from '../platform/platform.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { ThemesService } from '../catalog/catalog.themes.ts';
import { createNetworkContext } from './network.context.ts';
import { createDigests } from './network.digests.ts';
import { createDirectory } from './network.directory.ts';
import { createMemberImport } from './network.import.ts';
import { createMailingList } from './network.list.ts';
import { createListMail } from './network.list-mail.ts';
import { createMembership } from './network.membership.ts';
import { createPersonalData } from './network.personal-data.ts';

export { DIGEST_JOB, periodsOf } from './network.digests.ts';
export { CONTACT_PER_IP, CONTACT_PER_SENDER } from './network.directory.ts';
export { ATTACHMENT_MAX_BYTES, ATTACHMENTS_MAX, TRUST_AFTER, type AttachmentInput } from './network.list.ts';
export { CONFIRM_RESEND_MS, JOIN_PER_IP } from './network.membership.ts';
export type { ImportedMember } from './network.import.ts';

export interface NetworkDeps {
  accounts: Pick<AccountsService, 'findOrCreateUserByEmail' | 'setMembership' | 'listStaff'>;
  themes: Pick<ThemesService, 'names'>;
}

/**
 * The network service, assembled from one part per concept: membership requests and decisions,
 * the directory and its contact form, the mailing list, its digests, personal data.
 */
export function createNetworkService(platform: Platform<Database>, deps: NetworkDeps) {
  const ctx = createNetworkContext(platform);
  const listMail = createListMail(ctx);
  return {
    ...createMembership(ctx, deps),
    ...createDirectory(ctx, deps),
    ...createMailingList(ctx, listMail),
    ...createDigests(ctx, listMail),
    // biome-ignore lint/nursery/noMisusedPromises: an object of async methods, not a promise (the rule's inference is wrong here)
    ...createMemberImport(ctx, deps),
    personalData: createPersonalData(ctx),
  };
}
export type NetworkService = ReturnType<typeof createNetworkService>;
