import { newId, nowIso, randomToken } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { renderMail } from '../platform/mail/message.tsx';
import { slugify } from '../platform/text.ts';
import type { NetworkContext } from './network.context.ts';
import * as repo from './network.repo.ts';
import { ORG_TYPES, ROLES } from './network.schema.ts';
import type { NetworkDeps } from './network.service.ts';
import { foldPlaceName, searchTerritories, territoryByCode } from '../platform/territories.ts';

/** A member brought from the network's own spreadsheet (the imports module). */
export interface ImportedMember {
  email: string;
  name: string;
  organisation: string;
  orgType: string;
  role: string;
  territoryCode: string;
  themes: string[];
  directory: boolean;
}

/**
 * Members imported as approved members, without any mail: an animator sends the welcome mail
 * when the network is ready (sendWelcome). Territories typed as an INSEE code, a postcode or a name.
 */
export function createMemberImport({ platform, db, t, publicUrl, siteName }: NetworkContext, deps: Pick<NetworkDeps, 'accounts'>) {
  return {
    /** The words a members spreadsheet's role and organisation type are matched to. */
    memberVocabulary: { roles: ROLES, orgTypes: ORG_TYPES } as { roles: readonly string[]; orgTypes: readonly string[] },

    /**
     * "80021" (INSEE code), "80000" (postcode), "Amiens", "Somme", "59" (département): the one
     * division it names, the candidates when it names several, null when none.
     */
    resolveTerritory(text: string): { code: string; label: string } | { ambiguous: string[] } | null {
      const v = text.trim();
      const one = (code: string) => {
        const found = territoryByCode(code);
        return found ? { code: found.code, label: found.label } : null;
      };
      if (/^(\d[\dAB]\d{3})$/i.test(v)) {
        const commune = one(`commune:${v.toUpperCase()}`);
        if (commune) return commune;
      }
      if (/^\d{5}$/.test(v)) {
        const byPostcode = searchTerritories(v, 30).filter((x) => x.kind === 'commune' && x.postcodes.includes(v));
        if (byPostcode.length === 1) return { code: byPostcode[0].code, label: byPostcode[0].label };
        if (byPostcode.length > 1) return { ambiguous: byPostcode.slice(0, 6).map((x) => x.label) };
        return null;
      }
      if (/^(\d{2,3}|2A|2B)$/i.test(v)) return one(`departement:${v.toUpperCase()}`);
      const exact = searchTerritories(v, 30).filter((x) => foldPlaceName(x.name) === foldPlaceName(v));
      if (exact.length === 0) return null;
      // A département or region and a commune of the same name: the larger division is meant.
      const kinds = ['region', 'departement', 'epci', 'commune'];
      const best = kinds.map((k) => exact.filter((x) => x.kind === k)).find((list) => list.length > 0)!;
      if (best.length === 1) return { code: best[0].code, label: best[0].label };
      return { ambiguous: best.slice(0, 6).map((x) => x.label) };
    },

    async importMember(input: ImportedMember): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
      const territory = territoryByCode(input.territoryCode);
      if (!territory) throw new Error(`unknown territory ${input.territoryCode}`);
      return transact(db, async (trx) => {
        const now = nowIso();
        const user = await deps.accounts.findOrCreateUserByEmail(trx, { email: input.email, name: input.name, lang: 'fr' });
        const slug = slugify(input.organisation) || 'structure';
        let org = await repo.orgBySlug(trx, slug);
        if (!org) {
          org = { id: newId(), slug, name: input.organisation, type: input.orgType, departement: territory.departement, created_at: now };
          await repo.insertOrg(trx, org);
        }
        const existing = await repo.getMember(trx, user.id);
        const fields = {
          name: input.name,
          role: input.role,
          organisation_id: org.id,
          territory_code: territory.code,
          territory_label: territory.label,
          departement: territory.departement,
          themes: JSON.stringify(input.themes),
          directory: input.directory ? 1 : 0,
        };
        await deps.accounts.setMembership(trx, user.id, 'approved');
        if (existing) {
          const same = (Object.keys(fields) as Array<keyof typeof fields>).every((k) => existing[k] === fields[k]);
          if (same) return { id: user.id, outcome: 'unchanged' as const };
          await repo.updateMember(trx, user.id, fields);
          return { id: user.id, outcome: 'updated' as const };
        }
        await repo.upsertMember(trx, { user_id: user.id, email: input.email.trim().toLowerCase(), lang: 'fr', delivery: 'each', trusted: 0, list_token: randomToken(24), joined_at: now, ...fields });
        return { id: user.id, outcome: user.created ? ('created' as const) : ('updated' as const) };
      });
    },

    /** The welcome mail to imported members, when an animator chooses; a member is welcomed once however often it is asked. */
    async sendWelcome(userIds: string[]): Promise<number> {
      let sent = 0;
      await transact(db, async (trx, afterCommit) => {
        for (const id of userIds) {
          const m = await repo.getMember(trx, id);
          if (!m) continue;
          const tr = t(m.lang);
          await platform.mail.enqueue(trx, {
            to: m.email,
            lang: m.lang,
            subject: tr('network.mail.imported.subject', { site: siteName }),
            ...renderMail({
              siteName,
              greeting: tr('network.mail.hello', { name: m.name }),
              paragraphs: [tr('network.mail.imported.text', { site: siteName }), tr('network.mail.imported.signin')],
              action: { label: tr('network.mail.imported.button'), url: `${publicUrl}/connexion` },
              footer: [],
            }),
            category: 'network-join',
            dedupeKey: `network:imported-welcome:${id}`,
          });
          sent++;
        }
        afterCommit(() => platform.mail.wake());
      });
      return sent;
    },
  };
}
