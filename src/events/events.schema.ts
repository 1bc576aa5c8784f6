import crypto from 'node:crypto';
import { z } from 'zod';
import { fieldMessage, toFieldErrors, type FieldErrors } from '../platform/forms/forms.ts';
import { calendarDay, calendarMonth, clockTime, isCalendarDay } from '../platform/dates.ts';
import { parisToIso } from '../platform/format.ts';

// Every message is an i18n key: the view translates it in the visitor's language.
const text = (max: number) => z.string().trim().max(max, 'form.tooLong');
const required = (max: number) => text(max).min(1, 'form.required');
const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      // Digits only: Number() would also take "1e3", "0x10" and " 12 ".
      const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: 'events.form.invalidNumber' });
        return z.NEVER;
      }
      return n;
    });
const day = calendarDay('events.form.invalidDate');
const optionalDay = z
  .union([z.literal(''), day])
  .optional()
  .transform((v) => v || null);
const time = clockTime('events.form.invalidTime');
const optionalTime = z
  .union([z.literal(''), time])
  .optional()
  .transform((v) => v || null);
export const emailSchema = z.string().trim().toLowerCase().max(254, 'form.tooLong').email('form.invalidEmail');

// ---- The public agenda's filters --------------------------------------------------------

export interface AgendaQuery {
  when: 'upcoming' | 'past';
  theme: string;
  territory: string;
  /** "2027-03", or '' when none was asked or the one asked is no month. */
  month: string;
}

// Parsed as the form's field, so its message lands on that field.
const agendaMonthField = z.object({ mois: z.union([z.literal(''), calendarMonth('events.agenda.invalidMonth')]) });

/**
 * The agenda's query string, which anyone can type: an impossible month is dropped and reported on its field
 * (the page is then answered with a 400, which the page cache never keeps), the other filters are kept.
 */
export function parseAgendaQuery(query: unknown): { filters: AgendaQuery; typedMonth: string; errors: FieldErrors } {
  const q = (query ?? {}) as Record<string, unknown>;
  // A repeated parameter comes as an array: it is no value a filter offers.
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  const typedMonth = text(q.mois, 20);
  const month = agendaMonthField.safeParse({ mois: typedMonth });
  return {
    filters: { when: q.periode === 'passees' ? 'past' : 'upcoming', theme: text(q.thematique, 100), territory: text(q.territoire, 100), month: month.success ? month.data.mois : '' },
    typedMonth,
    errors: month.success ? {} : toFieldErrors(month.error, { mois: typedMonth }),
  };
}

// ---- Questions asked at registration ---------------------------------------------------

export type QuestionType = 'text' | 'choice' | 'checkbox';
export interface Question {
  id: string;
  label: string;
  type: QuestionType;
  options: string[];
  required: boolean;
}

const typeWords: Record<string, QuestionType> = { texte: 'text', text: 'text', choix: 'choice', choice: 'choice', case: 'checkbox', checkbox: 'checkbox' };

/** The id follows the label, so reordering the questions keeps the answers already given. */
export const questionId = (label: string) => `q${crypto.createHash('sha1').update(label.trim().toLowerCase()).digest('hex').slice(0, 8)}`;

/**
 * One question per line, "type: label | option | option", a star after the type for a required one:
 * "choix*: Atelier de l'après-midi | Mobilité | Énergie", "texte: Régime alimentaire", "case: Accès adapté".
 */
export function parseQuestions(source: string): { questions: Question[]; error: string | null } {
  const questions: Question[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([a-zé]+)(\*)?\s*:\s*(.+)$/i.exec(line);
    const type = m ? typeWords[m[1].toLowerCase()] : undefined;
    if (!m || !type) return { questions: [], error: 'events.form.questionsSyntax' };
    const [label, ...options] = m[3]
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!label || (type === 'choice' && options.length < 2)) return { questions: [], error: 'events.form.questionsSyntax' };
    questions.push({ id: questionId(label), label, type, options: type === 'choice' ? options : [], required: Boolean(m[2]) });
  }
  return { questions, error: null };
}

export function formatQuestions(questions: Question[]): string {
  const word: Record<QuestionType, string> = { text: 'texte', choice: 'choix', checkbox: 'case' };
  return questions.map((q) => `${word[q.type]}${q.required ? '*' : ''}: ${[q.label, ...q.options].join(' | ')}`).join('\n');
}

const ANSWER_MAX = 1000;

/** Checks the answers against the questions; unknown fields are ignored. */
export function readAnswers(questions: Question[], body: Record<string, unknown>): { answers: Record<string, string>; errors: FieldErrors } {
  const answers: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const q of questions) {
    const raw = body[q.id];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (q.type === 'checkbox') {
      answers[q.id] = value ? 'oui' : '';
      if (q.required && !value) errors[q.id] = fieldMessage('form.required');
    } else if (q.type === 'choice') {
      if (value && !q.options.includes(value)) errors[q.id] = fieldMessage('form.invalid');
      else if (q.required && !value) errors[q.id] = fieldMessage('form.required');
      answers[q.id] = value;
    } else {
      if (value.length > ANSWER_MAX) errors[q.id] = fieldMessage('form.tooLong', { max: ANSWER_MAX });
      else if (q.required && !value) errors[q.id] = fieldMessage('form.required');
      answers[q.id] = value.slice(0, ANSWER_MAX);
    }
  }
  return { answers, errors };
}

// ---- Programme ("déroulé") and documents -----------------------------------------------

export interface ProgrammeItem {
  /** "2024-03-25" on events of several days. */
  day: string | null;
  /** "13:30" */
  time: string;
  label: string;
}

/** "13h30 Accueil", "14h : Démarrage des travaux", "2024-03-25 9h00 Visite"; one per line. */
export function parseProgramme(source: string): { items: ProgrammeItem[]; error: string | null } {
  const items: ProgrammeItem[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-•*]\s*/, '');
    if (!line) continue;
    const m = /^(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2})\s*[h:]\s*(\d{2})?\s*(?:[-–:]\s*)?(.+)$/i.exec(line);
    if (!m || Number(m[2]) > 23 || Number(m[3] ?? 0) > 59) return { items: [], error: 'events.form.programmeSyntax' };
    // The day is shown as a heading on the public page: an impossible one would break the page.
    if (m[1] && !isCalendarDay(m[1])) return { items: [], error: 'events.form.programmeDate' };
    items.push({ day: m[1] ?? null, time: `${m[2].padStart(2, '0')}:${m[3] ?? '00'}`, label: m[4].trim() });
  }
  return { items, error: null };
}

export function formatProgramme(items: ProgrammeItem[]): string {
  return items.map((i) => `${i.day ? `${i.day} ` : ''}${i.time.replace(':', 'h')} ${i.label}`).join('\n');
}

export interface EventDocument {
  title: string;
  url: string;
  format: string | null;
}

/** "Invitation Voyage apprenant | /documents/abc/invitation.pdf"; one per line. */
export function parseDocuments(source: string): { documents: EventDocument[]; error: string | null } {
  const documents: EventDocument[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const [title, url] = line.split('|').map((s) => s.trim());
    if (!title || !url || !(url.startsWith('/') || /^https?:\/\//.test(url))) return { documents: [], error: 'events.form.documentsSyntax' };
    const ext = /\.([a-z0-9]{2,4})(?:$|\?)/i.exec(url)?.[1];
    documents.push({ title, url, format: ext ? ext.toUpperCase() : null });
  }
  return { documents, error: null };
}

export const formatDocuments = (docs: EventDocument[]) => docs.map((d) => `${d.title} | ${d.url}`).join('\n');

// ---- The animator's event form ---------------------------------------------------------

export const eventFormSchema = z.object({
  title: required(200),
  slug: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'events.form.invalidSlug')
        .max(100, 'form.tooLong'),
    ])
    .optional(),
  summary: text(500).optional().default(''),
  description: text(20000).optional().default(''),
  themes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean)),
  territory: text(100).optional().default(''),
  startDay: day,
  startTime: optionalTime,
  endDay: optionalDay,
  endTime: optionalTime,
  placeName: text(200).optional().default(''),
  placeAddress: text(300).optional().default(''),
  onlineUrl: z
    .union([z.literal(''), z.string().trim().url('events.form.invalidUrl').max(500, 'form.tooLong')])
    .optional()
    .default(''),
  organisers: text(2000).optional().default(''),
  programme: text(5000).optional().default(''),
  documents: text(5000).optional().default(''),
  status: z.enum(['draft', 'published', 'cancelled', 'postponed'], { message: 'form.invalid' }),
  statusNote: text(1000).optional().default(''),
  registrationMode: z.enum(['none', 'open', 'members', 'invitation'], { message: 'form.invalid' }),
  capacity: optionalInt(1, 100000),
  deadlineDay: optionalDay,
  deadlineTime: optionalTime,
  maxPlaces: optionalInt(1, 50),
  membersReserved: optionalInt(0, 100000),
  membersReservedUntilDay: optionalDay,
  offerHours: optionalInt(1, 720),
  reminderHours: optionalInt(0, 720),
  questions: text(5000).optional().default(''),
});
export type EventFormInput = z.input<typeof eventFormSchema>;

/** What the service stores, once the form is parsed. */
export interface EventInput {
  title: string;
  slug?: string;
  summary?: string;
  description?: string;
  themes?: string[];
  territory?: string | null;
  startsAt: string;
  endsAt: string;
  placeName?: string | null;
  placeAddress?: string | null;
  onlineUrl?: string | null;
  organisers?: string[];
  programme?: ProgrammeItem[];
  documents?: EventDocument[];
  status?: 'draft' | 'published' | 'cancelled' | 'postponed';
  statusNote?: string | null;
  registrationMode?: 'none' | 'open' | 'members' | 'invitation';
  capacity?: number | null;
  deadline?: string | null;
  maxPlaces?: number;
  membersReserved?: number;
  membersReservedUntil?: string | null;
  offerHours?: number | null;
  reminderHours?: number;
  questions?: Question[];
  createdBy?: string | null;
}

/** Parses the form into an EventInput, or field errors (the form is shown again with them). */
export function parseEventForm(body: unknown): { input: EventInput; errors: null } | { input: null; errors: FieldErrors } {
  const parsed = eventFormSchema.safeParse(body ?? {});
  if (!parsed.success) return { input: null, errors: toFieldErrors(parsed.error, body) };
  const f = parsed.data;
  const errors: FieldErrors = {};
  const programme = parseProgramme(f.programme);
  if (programme.error) errors.programme = fieldMessage(programme.error);
  const documents = parseDocuments(f.documents);
  if (documents.error) errors.documents = fieldMessage(documents.error);
  const questions = parseQuestions(f.questions);
  if (questions.error) errors.questions = fieldMessage(questions.error);
  const startsAt = parisToIso(f.startDay, f.startTime ?? '00:00');
  const endsAt = parisToIso(f.endDay ?? f.startDay, f.endTime ?? (f.endDay ? '23:59' : f.startTime ? addHours(f.startTime, 2) : '23:59'));
  if (endsAt < startsAt) errors.endDay = fieldMessage('events.form.endBeforeStart');
  const deadline = f.deadlineDay ? parisToIso(f.deadlineDay, f.deadlineTime ?? '23:59') : null;
  if (f.registrationMode !== 'none' && f.capacity === null && (f.membersReserved ?? 0) > 0) errors.membersReserved = fieldMessage('events.form.reservedNeedsCapacity');
  else if (f.capacity !== null && (f.membersReserved ?? 0) > f.capacity) errors.membersReserved = fieldMessage('events.form.reservedOverCapacity');
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    errors: null,
    input: {
      title: f.title,
      slug: f.slug || undefined,
      summary: f.summary,
      description: f.description,
      themes: f.themes,
      territory: f.territory || null,
      startsAt,
      endsAt,
      placeName: f.placeName || null,
      placeAddress: f.placeAddress || null,
      onlineUrl: f.onlineUrl || null,
      organisers: f.organisers
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
      programme: programme.items,
      documents: documents.documents,
      status: f.status,
      statusNote: f.statusNote || null,
      registrationMode: f.registrationMode,
      capacity: f.capacity,
      deadline,
      maxPlaces: f.maxPlaces ?? 1,
      membersReserved: f.membersReserved ?? 0,
      membersReservedUntil: f.membersReservedUntilDay ? parisToIso(f.membersReservedUntilDay, '23:59') : null,
      offerHours: f.offerHours,
      reminderHours: f.reminderHours ?? 24,
      questions: questions.questions,
    },
  };
}

function addHours(t: string, h: number) {
  const [hh, mm] = t.split(':').map(Number);
  return `${String(Math.min(23, hh + h)).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

// ---- Registration ---------------------------------------------------------------------

export const registrationFormSchema = z.object({
  name: required(120),
  email: emailSchema.optional(),
  organisation: text(200).optional().default(''),
  places: optionalInt(1, 50),
});

/** Addresses pasted or imported as CSV: "email", "Nom <email>", "email;Nom;Organisation", "Nom,email". */
export function parseInvitees(source: string): { invitees: Array<{ email: string; name: string; organisation: string }>; invalid: string[] } {
  const invitees: Array<{ email: string; name: string; organisation: string }> = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim().replace(/^\uFEFF/, '');
    if (!line) continue;
    const cells = line.split(/[;,\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    const angle = /^(.*)<([^>]+)>$/.exec(line);
    let email = '';
    let name = '';
    let organisation = '';
    if (angle) {
      email = angle[2].trim();
      name = angle[1].trim().replace(/^"|"$/g, '');
    } else {
      const at = cells.findIndex((c) => c.includes('@'));
      if (at === -1) {
        // A header line of a CSV file ("email;nom;organisation") is skipped silently.
        if (/e-?mail|courriel/i.test(line)) continue;
        invalid.push(line);
        continue;
      }
      email = cells[at];
      const others = cells.filter((_, i) => i !== at);
      name = others[0] ?? '';
      organisation = others[1] ?? '';
    }
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      invalid.push(line);
      continue;
    }
    if (seen.has(parsed.data)) continue;
    seen.add(parsed.data);
    invitees.push({ email: parsed.data, name: name || parsed.data.split('@')[0], organisation });
  }
  return { invitees, invalid };
}
