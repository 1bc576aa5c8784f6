/** Calls and their committee dates: staff create and edit them; published calls go to the catalogue. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { newId, nowIso } from '../platform/db/ids.ts';
import { transact } from '../platform/db/transaction.ts';
import { parisToIso } from '../platform/format.ts';
import { slugify } from '../platform/text.ts';
import type { InitiativesContext } from './initiatives.context.ts';
import * as repo from './initiatives.repo.ts';
import { type CallInput, type CommitteeInput, lines, parseCriteria, parseDocuments, parseFunders } from './initiatives.schema.ts';
import type { InitiativeCallsTable } from './initiatives.tables.ts';
import { communeName, parseCommunes } from './initiatives.territories.ts';

export type CallRow = InitiativeCallsTable;

/** Whether a call takes files now: open before its closing day, or rolling with a committee ahead. */
export function callIsOpen(c: CallRow, now = nowIso()): boolean {
  if (c.status === 'rolling') return true;
  return c.status === 'open' && (c.closes_at === null || c.closes_at > now) && (c.opens_at === null || c.opens_at <= now);
}

export type CallProblem = { field: string; key: string; params?: Record<string, string> };

export function createCalls(ctx: InitiativesContext) {
  const { db, deps } = ctx;

  async function publish(trx: Kysely<Database>, c: CallRow) {
    if (c.status === 'draft') return deps.catalog.remove(trx, 'call', c.id);
    const communes = (JSON.parse(c.commune_codes) as string[]).map(communeName).filter(Boolean);
    await deps.catalog.upsert(trx, {
      kind: 'call',
      id: c.id,
      url: `/initiatives/${c.slug}`,
      title: c.title,
      summary: c.summary,
      body: [c.description, c.fund_name, c.operator_name, c.eligibility, c.eligible_costs, communes.join(', '), (JSON.parse(c.neighbourhoods) as string[]).join(', ')].filter(Boolean).join('\n'),
      themes: JSON.parse(c.themes) as string[],
      territory: communes.length ? communes.slice(0, 6).join(', ') : null,
      format: null,
      membersOnly: false,
      publishedAt: c.published_at ?? c.created_at,
      updatedAt: c.updated_at,
      startsAt: null,
    });
  }

  /** Turns the form into a row, or the problems found beyond the schema (unknown communes, a malformed line). */
  function toRow(input: CallInput): { row: Omit<CallRow, 'id' | 'slug' | 'created_by' | 'created_at' | 'updated_at' | 'published_at'> } | { problems: CallProblem[] } {
    const problems: CallProblem[] = [];
    const communes = parseCommunes(input.communes);
    if (communes.unknown.length) problems.push({ field: 'communes', key: 'initiatives.form.communes', params: { names: communes.unknown.slice(0, 5).join(', ') } });
    const criteria = parseCriteria(input.criteria);
    if (!criteria) problems.push({ field: 'criteria', key: 'initiatives.form.criteria' });
    const documents = parseDocuments(input.documents);
    if (!documents) problems.push({ field: 'documents', key: 'initiatives.form.documents' });
    if (input.status === 'open' && !input.closes_on) problems.push({ field: 'closes_on', key: 'initiatives.form.closesRequired' });
    if (input.repeat_project_ceiling !== null && input.repeat_project_ceiling > (input.project_ceiling ?? 0)) problems.push({ field: 'repeat_project_ceiling', key: 'initiatives.form.repeatCeiling' });
    if (input.vote_opens_on && input.vote_closes_on && input.vote_closes_on < input.vote_opens_on) problems.push({ field: 'vote_closes_on', key: 'initiatives.form.voteWindow' });
    if (problems.length) return { problems };
    const p = input.first_tranche_percent;
    return {
      row: {
        reference_prefix: input.reference_prefix,
        title: input.title,
        summary: input.summary,
        description: input.description,
        fund_name: input.fund_name,
        funders: JSON.stringify(parseFunders(input.funders)),
        operator_name: input.operator_name,
        operator_contact: input.operator_contact,
        themes: JSON.stringify(input.themes),
        eligible_holders: JSON.stringify(input.eligible_holders),
        eligibility: input.eligibility,
        commune_codes: JSON.stringify(communes.codes),
        neighbourhoods: JSON.stringify(lines(input.neighbourhoods)),
        project_ceiling_cents: input.project_ceiling ?? 0,
        repeat_project_ceiling_cents: input.repeat_project_ceiling,
        yearly_envelope_cents: input.yearly_envelope ?? 0,
        eligible_costs: input.eligible_costs,
        ineligible_costs: input.ineligible_costs,
        status: input.status,
        opens_at: input.opens_on ? parisToIso(input.opens_on) : null,
        // The closing day is included: files are taken until midnight, Paris time.
        closes_at: input.closes_on ? parisToIso(input.closes_on, '23:59') : null,
        deadline_days_before: input.deadline_days_before,
        quorum: input.quorum,
        documents: JSON.stringify(documents),
        tranche_plan: JSON.stringify(
          p === 100
            ? [{ percent: 100, condition: 'signature' }]
            : [
                { percent: p, condition: 'signature' },
                { percent: 100 - p, condition: 'final_report' },
              ],
        ),
        report_due_days: input.report_due_days,
        vote_enabled: input.vote_enabled ? 1 : 0,
        vote_opens_at: input.vote_opens_on ? parisToIso(input.vote_opens_on) : null,
        vote_closes_at: input.vote_closes_on ? parisToIso(input.vote_closes_on, '23:59') : null,
        vote_points: input.vote_points,
      },
    };
  }

  return {
    getCall: (id: string) => repo.findCall(db, id),
    getCallBySlug: (slug: string) => repo.findCallBySlug(db, slug),
    listCallsForAdmin: () => repo.listCalls(db),
    checklist: (callId: string) => repo.listChecklist(db, callId),
    criteria: (callId: string) => repo.listCriteria(db, callId),
    committees: (callId: string) => repo.listCommittees(db, callId),
    filesOfCall: (callId: string) => repo.applicationsOfCall(db, callId),

    /** Open and rolling calls first, then past ones (closed, or past their closing day). */
    async listPublicCalls(): Promise<{ open: CallRow[]; past: CallRow[] }> {
      const all = await repo.listPublishedCalls(db);
      const now = nowIso();
      return {
        open: all.filter((c) => callIsOpen(c, now) || (c.status === 'open' && c.opens_at !== null && c.opens_at > now)),
        past: all.filter((c) => c.status === 'closed' || (c.status === 'open' && c.closes_at !== null && c.closes_at <= now)),
      };
    },

    /** The agenda events linked to a call, in their order. */
    /** The addresses of the events linked to a call, for its form. */
    async linkedEventPaths(callId: string): Promise<string[]> {
      const events = await Promise.all((await repo.listCallEvents(db, callId)).map((l) => deps.events.getEvent(l.event_id)));
      return events.flatMap((e) => (e ? [`/agenda/${e.slug}`] : []));
    },

    async linkedEvents(callId: string) {
      const links = await repo.listCallEvents(db, callId);
      const events = await Promise.all(links.map((l) => deps.events.getEvent(l.event_id)));
      return events.filter((e): e is NonNullable<typeof e> => e !== null && e.status !== 'draft');
    },

    async linkEvent(callId: string, eventId: string, position = 0) {
      await repo.linkEvent(db, callId, eventId, position);
    },

    /** Creates (id null) or updates a call, its checklist and grid, in one transaction. */
    async saveCall(id: string | null, input: CallInput, userId: string | null): Promise<{ ok: true; call: CallRow } | { ok: false; problems: CallProblem[] }> {
      const built = toRow(input);
      if ('problems' in built) return { ok: false, problems: built.problems };
      const criteria = parseCriteria(input.criteria) ?? [];
      // Events are read through the events service, before the transaction (it uses its own connection).
      let eventIds: string[] | null = null;
      if (input.events !== undefined) {
        eventIds = [];
        const unknown: string[] = [];
        for (const line of lines(input.events)) {
          const slug = line
            .replace(/^https?:\/\/[^/]+/, '')
            .replace(/^\/agenda\//, '')
            .replace(/[/?#].*$/, '');
          const event = slug ? await deps.events.getEventBySlug(slug) : null;
          if (event) eventIds.push(event.id);
          else unknown.push(line);
        }
        if (unknown.length) return { ok: false, problems: [{ field: 'events', key: 'initiatives.form.events', params: { names: unknown.slice(0, 3).join(', ') } }] };
      }
      return transact(db, async (trx, afterCommit) => {
        const now = nowIso();
        const existing = id ? await repo.findCall(trx, id) : undefined;
        if (id && !existing) return { ok: false as const, problems: [{ field: '_form', key: 'error.notFound.text' }] };
        let slug = input.slug || slugify(input.title) || 'appel';
        if (await repo.slugTaken(trx, slug, id)) {
          if (input.slug) return { ok: false as const, problems: [{ field: 'slug', key: 'initiatives.form.slugTaken' }] };
          slug = `${slug}-${newId().slice(-5).toLowerCase()}`;
        }
        const publishedAt = existing?.published_at ?? (built.row.status !== 'draft' ? now : null);
        const callId = id ?? newId();
        if (existing) await repo.updateCall(trx, callId, { ...built.row, slug, updated_at: now, published_at: publishedAt });
        else await repo.insertCall(trx, { ...built.row, id: callId, slug, created_by: userId, created_at: now, updated_at: now, published_at: publishedAt });
        await repo.syncChecklist(trx, callId, lines(input.checklist), newId);
        await repo.syncCriteria(trx, callId, criteria, newId);
        if (eventIds) await repo.replaceCallEvents(trx, callId, [...new Set(eventIds)]);
        const call = (await repo.findCall(trx, callId))!;
        await publish(trx, call);
        // Cached public pages (/initiatives) are dropped on any change published on the bus.
        afterCommit(() => ctx.platform.bus.publish('initiatives', { call: callId }));
        return { ok: true as const, call };
      });
    },

    /** A committee date; its filing deadline is `deadline_days` before, at midnight Paris time. */
    async addCommittee(callId: string, input: CommitteeInput) {
      const meetsAt = parisToIso(input.day, input.time);
      const deadlineDay = new Date(Date.UTC(Number(input.day.slice(0, 4)), Number(input.day.slice(5, 7)) - 1, Number(input.day.slice(8, 10)) - input.deadline_days));
      const filingDeadline = parisToIso(deadlineDay.toISOString().slice(0, 10), '23:59');
      const now = nowIso();
      const id = newId();
      await repo.insertCommittee(db, {
        id,
        call_id: callId,
        meets_at: meetsAt,
        filing_deadline: filingDeadline,
        place: input.place,
        status: 'planned',
        chair_user_id: null,
        opened_at: null,
        closed_at: null,
        minutes_notes: '',
        minutes_signed_at: null,
        minutes_signed_by: null,
        minutes_file_key: null,
        created_at: now,
        updated_at: now,
      });
      await ctx.platform.bus.publish('initiatives', { call: callId });
      return id;
    },

    async removeCommittee(callId: string, committeeId: string) {
      await repo.deleteCommittee(db, callId, committeeId);
      await ctx.platform.bus.publish('initiatives', { call: callId });
    },
  };
}
