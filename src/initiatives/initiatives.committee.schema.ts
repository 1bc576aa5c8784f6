/** Form schemas of the committee session, payments, reports and the public filters; messages are i18n keys. */
import { z } from 'zod';
import { calendarDay, clockTime } from '../platform/dates.ts';
import { boundedInt } from '../platform/http/input.ts';
import { parseEuros } from './initiatives.model.ts';

const text = (max: number) => z.string().trim().max(max, 'form.tooLong');
const id = z.string().trim().min(1, 'form.required').max(100, 'form.invalid');
const list = (v: unknown) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string'));
const amount = z
  .string()
  .trim()
  .max(20, 'form.tooLong')
  .default('')
  .refine((v) => v === '' || parseEuros(v) !== null, 'initiatives.form.euros')
  .transform((v) => (v === '' ? null : parseEuros(v)));

export const attendanceSchema = z.object({
  present: z.preprocess(list, z.array(z.string().max(100)).max(200)),
  guests: text(1000).default(''),
});

export const agendaSchema = z.object({
  application_id: id,
  hearing_at: z.union([z.literal(''), clockTime('initiatives.form.time')]).default(''),
});

export const heardSchema = z.object({ application_id: id, heard: z.enum(['0', '1'], { message: 'form.invalid' }) });

export const voteSchema = z.object({
  application_id: id,
  choice: z.enum(['for', 'against', 'abstain'], { message: 'initiatives.vote.choiceRequired' }),
});

export const decisionSchema = z.object({
  application_id: id,
  outcome: z.enum(['granted', 'refused', 'postponed'], { message: 'initiatives.decision.outcomeRequired' }),
  amount,
  conditions: text(2000).default(''),
  reason: text(2000).default(''),
});

export const minutesSchema = z.object({
  notes: text(5000).default(''),
  confirm: z.literal('1', { message: 'initiatives.minutes.confirmRequired' }),
});

export const paymentSchema = z.object({
  tranche_id: id,
  paid_on: calendarDay('initiatives.form.day'),
  reference: text(120).min(1, 'form.required'),
});

export const reportSchema = z.object({
  what_happened: text(6000).default(''),
  participants: z.union([z.literal(''), boundedInt(0, 100000)]).default(''),
  self_evaluation: text(4000).default(''),
  published: z.preprocess((v) => v === '1' || v === 'on', z.boolean()),
  action: z.enum(['save', 'submit']).default('save'),
});

/** Filters of the public list: unknown values simply match nothing, they never fail. */
export const projectFiltersSchema = z.object({
  appel: text(80).default(''),
  annee: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/)
    .catch('')
    .default(''),
  thematique: text(80).catch('').default(''),
  commune: z
    .string()
    .trim()
    .regex(/^([0-9][0-9AB][0-9]{3})?$/)
    .catch('')
    .default(''),
});

export const memberSchema = z.object({
  email: z.string().trim().toLowerCase().max(200, 'form.tooLong').email('initiatives.member.email'),
  role: z.enum(['chair', 'committee'], { message: 'form.invalid' }),
});
