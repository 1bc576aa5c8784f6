/** Form schemas of the initiatives module; messages are i18n keys (platform/forms). */
import { z } from 'zod';
import { calendarDay, clockTime } from '../platform/dates.ts';
import { fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import { boundedInt } from '../platform/http/input.ts';
import { parseEuros } from './initiatives.model.ts';
import { CALL_STATUSES, EXPENSE_KINDS, HOLDER_KINDS, RESOURCE_KINDS, type BudgetSide } from './initiatives.tables.ts';

const text = (max: number) => z.string().trim().max(max, 'form.tooLong');
const optionalDay = z.union([z.literal(''), calendarDay('initiatives.form.day')]).default('');
const list = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'));
const euros = (required: boolean) =>
  z
    .string()
    .trim()
    .refine((v) => (v === '' ? !required : parseEuros(v) !== null), required ? 'initiatives.form.euros' : 'initiatives.form.euros')
    .transform((v) => (v === '' ? null : parseEuros(v)));
const checkbox = z.preprocess((v) => v === '1' || v === 'on', z.boolean());

// ---- The call (staff) ----

export const callSchema = z.object({
  title: text(160).min(3, 'form.tooShort'),
  slug: text(80)
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'initiatives.form.slug')
    .default(''),
  reference_prefix: text(12).regex(/^[A-Z0-9]{2,12}$/, 'initiatives.form.prefix'),
  summary: text(400).min(1, 'form.required'),
  description: text(6000).default(''),
  fund_name: text(160).min(1, 'form.required'),
  funders: text(1000).default(''),
  operator_name: text(160).min(1, 'form.required'),
  operator_contact: text(200).default(''),
  themes: z.preprocess(list, z.array(text(80)).max(20)),
  eligible_holders: z.preprocess(list, z.array(z.enum(HOLDER_KINDS, { message: 'form.invalid' })).min(1, 'initiatives.form.holders')),
  eligibility: text(1000).default(''),
  communes: text(4000).min(1, 'form.required'),
  neighbourhoods: text(2000).default(''),
  project_ceiling: euros(true),
  repeat_project_ceiling: euros(false),
  yearly_envelope: euros(true),
  eligible_costs: text(2000).default(''),
  ineligible_costs: text(2000).default(''),
  status: z.enum(CALL_STATUSES, { message: 'form.invalid' }),
  opens_on: optionalDay,
  closes_on: optionalDay,
  deadline_days_before: boundedInt(0, 90),
  quorum: boundedInt(1, 100),
  documents: text(3000).default(''),
  first_tranche_percent: boundedInt(1, 100),
  report_due_days: boundedInt(0, 365),
  checklist: text(4000).default(''),
  criteria: text(4000).default(''),
  vote_enabled: checkbox,
  /** The public vote's window (days, Paris time) and each person's points; no window: open while the call is. */
  vote_opens_on: optionalDay,
  vote_closes_on: optionalDay,
  vote_points: boundedInt(1, 20).default(3),
  /** Agenda events linked to the call, one address (/agenda/…) per line; left out, the links stay as they are. */
  events: text(3000).optional(),
});
export type CallInput = z.infer<typeof callSchema>;

export const committeeSchema = z.object({
  day: calendarDay('initiatives.form.day'),
  time: clockTime('initiatives.form.time'),
  place: text(200).default(''),
  deadline_days: boundedInt(0, 90),
});
export type CommitteeInput = z.infer<typeof committeeSchema>;

/** "Label | weight | max" per line; weight 1 and max 5 when left out. */
export function parseCriteria(text: string): Array<{ label: string; weight: number; max_score: number; description: string }> | null {
  const out: Array<{ label: string; weight: number; max_score: number; description: string }> = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) continue;
    const [label, weight = '1', max = '5'] = line.split('|').map((s) => s.trim());
    const w = Number(weight);
    const m = Number(max);
    if (!label || label.length > 200 || !Number.isInteger(w) || w < 1 || w > 10 || !Number.isInteger(m) || m < 1 || m > 20) return null;
    if (!out.some((c) => c.label === label)) out.push({ label, weight: w, max_score: m, description: '' });
  }
  return out;
}

/** "Title | url" per line (a path on this site or an https address). */
export function parseDocuments(text: string): Array<{ title: string; url: string }> | null {
  const out: Array<{ title: string; url: string }> = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) continue;
    const [title, url] = line.split('|').map((s) => s.trim());
    if (!title || !url || !/^(\/[^\s]*|https?:\/\/[^\s]+)$/.test(url)) return null;
    out.push({ title, url });
  }
  return out;
}

/** "Name share" per line ("Région Hauts-de-France 70"). */
export function parseFunders(text: string): Array<{ name: string; share_percent: number | null }> {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)\s*(\d{1,3})\s*%?$/.exec(l);
      return m && m[1] ? { name: m[1], share_percent: Number(m[2]) } : { name: l, share_percent: null };
    });
}

export const lines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);

// ---- The file (holder) ----

/** What a draft may hold: everything optional, only formats checked (the draft is saved as typed). */
export const applicationSchema = z.object({
  title: text(160).default(''),
  summary: text(1000).default(''),
  holder_kind: z.enum(HOLDER_KINDS, { message: 'form.invalid' }).default('informal_group'),
  holder_name: text(160).default(''),
  holder_people: text(1000).default(''),
  contact_phone: text(30)
    .regex(/^[+0-9 ().-]*$/, 'initiatives.form.phone')
    .default(''),
  commune_code: text(5).default(''),
  neighbourhood: text(160).default(''),
  place: text(300).default(''),
  starts_on: optionalDay,
  ends_on: optionalDay,
  audience: text(1000).default(''),
  expected_participants: z.union([z.literal(''), boundedInt(1, 100000)]).default(''),
  themes: z.preprocess(list, z.array(text(80)).max(20)),
  public: checkbox,
  revision: boundedInt(0),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

/** Fields that must be filled before submitting. */
export const REQUIRED_TO_SUBMIT = ['title', 'summary', 'holder_name', 'commune_code', 'starts_on', 'audience', 'expected_participants'] as const;

export interface BudgetRowInput {
  side: BudgetSide;
  kind: string;
  label: string;
  amount: string;
}

export const BUDGET_ROWS_MIN = 4;
export const BUDGET_ROWS_MAX = 40;

/**
 * The budget table of the form: rows `exp_kind_N`, `exp_label_N`, `exp_amount_N` (and `res_…`),
 * empty rows ignored. Returns the rows as typed (to show again) and the lines to store, or messages per cell.
 */
export function parseBudget(body: Record<string, unknown>): { rows: BudgetRowInput[]; lines: Array<{ side: BudgetSide; kind: string; label: string; amount_cents: number }>; errors: FieldErrors } {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const rows: BudgetRowInput[] = [];
  const out: Array<{ side: BudgetSide; kind: string; label: string; amount_cents: number }> = [];
  const errors: FieldErrors = {};
  for (const [side, prefix, kinds] of [
    ['expense', 'exp', EXPENSE_KINDS],
    ['resource', 'res', RESOURCE_KINDS],
  ] as const) {
    for (let i = 0; i < BUDGET_ROWS_MAX; i++) {
      if (body[`${prefix}_kind_${i}`] === undefined && body[`${prefix}_amount_${i}`] === undefined) continue;
      const row: BudgetRowInput = { side, kind: str(`${prefix}_kind_${i}`), label: str(`${prefix}_label_${i}`).slice(0, 200), amount: str(`${prefix}_amount_${i}`).slice(0, 20) };
      rows.push(row);
      if (!row.label && !row.amount) continue;
      // A line typed up to its label is kept (at 0 €) so that a draft saved on the way loses nothing.
      const cents = row.amount === '' ? 0 : parseEuros(row.amount);
      if (cents === null) errors[`${prefix}_amount_${i}`] = fieldMessage('initiatives.form.euros');
      else if (!(kinds as readonly string[]).includes(row.kind)) errors[`${prefix}_kind_${i}`] = fieldMessage('form.invalid');
      else if (!row.label) errors[`${prefix}_label_${i}`] = fieldMessage('form.required');
      else out.push({ side, kind: row.kind, label: row.label, amount_cents: cents });
    }
  }
  return { rows, lines: out, errors };
}

// ---- Admissibility and review (staff, reviewers) ----

export const complementsSchema = z.object({
  reason: text(2000).min(1, 'form.required'),
  due_on: calendarDay('initiatives.form.day'),
});

export const admissibilitySchema = z.object({
  decision: z.enum(['admissible', 'not_admissible'], { message: 'initiatives.form.decision' }),
  reason: text(2000).default(''),
});

/** Who runs a call: an address; a name only for someone who has no account yet. */
export const managerSchema = z.object({
  email: z.string().trim().toLowerCase().max(200, 'form.tooLong').pipe(z.email('form.invalidEmail')),
  name: text(120),
});

export const reviewerSchema = z.object({
  email: z.string().trim().toLowerCase().max(200, 'form.tooLong').pipe(z.email('form.invalidEmail')),
  name: text(120).min(1, 'form.required'),
});

export const conflictSchema = z.object({
  declaration: z.enum(['declared_none', 'recused'], { message: 'initiatives.form.declaration' }),
  note: text(1000).default(''),
});
