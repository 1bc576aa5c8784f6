import { z } from 'zod';
import { fieldMessage, toFieldErrors, type FieldErrors } from '../platform/forms/forms.ts';
import { calendarDay, calendarMonth, clockTime } from '../platform/dates.ts';
import { parisToIso } from '../platform/format.ts';
import { EVENT_KINDS, type EventKind } from './events.tables.ts';

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

export type AgendaMode = 'online' | 'onsite';
/** The words of the query string (French, as the rest of the site's addresses). */
const MODE_WORDS: Record<string, AgendaMode> = { 'en-ligne': 'online', 'sur-place': 'onsite' };
export const modeWord = (m: AgendaMode) => (m === 'online' ? 'en-ligne' : 'sur-place');

export interface AgendaQuery {
  when: 'upcoming' | 'past';
  theme: string;
  territory: string;
  /** "2027-03", or '' when none was asked or the one asked is no month. */
  month: string;
  /** An event kind, or '' for all (an unknown one is '' too, and `unknownKind` says so). */
  kind: EventKind | '';
  mode: AgendaMode | '';
  /** The month calendar instead of the list. */
  view: 'list' | 'month';
}

// Parsed as the form's field, so its message lands on that field.
const agendaMonthField = z.object({ mois: z.union([z.literal(''), calendarMonth('events.agenda.invalidMonth')]) });

/**
 * The agenda's query string, which anyone can type: an impossible month is dropped and reported on its field
 * (the page is then answered with a 400, which the page cache never keeps), the other filters are kept.
 */
export function parseAgendaQuery(query: unknown): { filters: AgendaQuery; typedMonth: string; errors: FieldErrors; unknownKind: boolean } {
  const q = (query ?? {}) as Record<string, unknown>;
  // A repeated parameter comes as an array: it is no value a filter offers.
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
  const typedMonth = text(q.mois, 20);
  const month = agendaMonthField.safeParse({ mois: typedMonth });
  const kind = text(q.type, 40);
  const known = (EVENT_KINDS as readonly string[]).includes(kind);
  return {
    filters: {
      when: q.periode === 'passees' ? 'past' : 'upcoming',
      theme: text(q.thematique, 100),
      territory: text(q.territoire, 100),
      month: month.success ? month.data.mois : '',
      kind: known ? (kind as EventKind) : '',
      mode: MODE_WORDS[text(q.modalite, 20)] ?? '',
      view: q.vue === 'mois' ? 'month' : 'list',
    },
    typedMonth,
    errors: month.success ? {} : toFieldErrors(month.error, { mois: typedMonth }),
    unknownKind: kind !== '' && !known,
  };
}

export * from './events.lists.ts';
import { type EventDocument, parseDocuments, parseProgramme, parseQuestions, parseSpeakers, type ProgrammeItem, type Question, type Speaker } from './events.lists.ts';

// ---- The animator's event form ---------------------------------------------------------

// An address on the web (a visio room, a video), and one that may also be a page of this site (a document).
const webAddress = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .url('events.form.invalidUrl')
      .max(500, 'form.tooLong')
      .refine((v) => /^https?:\/\//i.test(v), 'events.form.invalidUrl'),
  ])
  .optional()
  .default('');
const linkAddress = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .max(500, 'form.tooLong')
      .refine((v) => /^\/(?!\/)\S*$/.test(v) || /^https?:\/\/\S+$/i.test(v), 'events.form.invalidLink'),
  ])
  .optional()
  .default('');

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
  kind: z.enum(EVENT_KINDS, { message: 'form.invalid' }).optional().default('rencontre'),
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
  placeAccess: text(1000).optional().default(''),
  placeAccessibility: text(1000).optional().default(''),
  onlineUrl: webAddress,
  speakers: text(3000).optional().default(''),
  organisers: text(2000).optional().default(''),
  programme: text(5000).optional().default(''),
  documents: text(5000).optional().default(''),
  recap: text(20000).optional().default(''),
  reportUrl: linkAddress,
  replayUrl: webAddress,
  photosUrl: linkAddress,
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
  kind?: EventKind;
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
  placeAccess?: string | null;
  placeAccessibility?: string | null;
  onlineUrl?: string | null;
  speakers?: Speaker[];
  organisers?: string[];
  programme?: ProgrammeItem[];
  documents?: EventDocument[];
  recap?: string | null;
  reportUrl?: string | null;
  replayUrl?: string | null;
  photosUrl?: string | null;
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
  const speakers = parseSpeakers(f.speakers);
  if (speakers.error) errors.speakers = fieldMessage(speakers.error);
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
      kind: f.kind,
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
      placeAccess: f.placeAccess || null,
      placeAccessibility: f.placeAccessibility || null,
      onlineUrl: f.onlineUrl || null,
      speakers: speakers.speakers,
      recap: f.recap || null,
      reportUrl: f.reportUrl || null,
      replayUrl: f.replayUrl || null,
      photosUrl: f.photosUrl || null,
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

/** A line of an invitation list that invites nobody, with its number (1 = first line) and why. */
export interface RefusedLine {
  line: number;
  text: string;
  reason: 'noAddress' | 'badAddress' | 'repeated';
}

/**
 * Addresses pasted or imported as CSV: "email", "Nom <email>", "email;Nom;Organisation", "Nom,email".
 * Every line that invites nobody is reported with its reason, but a CSV file's header line.
 */
export function parseInvitees(source: string): { invitees: Array<{ email: string; name: string; organisation: string }>; invalid: RefusedLine[] } {
  const invitees: Array<{ email: string; name: string; organisation: string }> = [];
  const invalid: RefusedLine[] = [];
  const seen = new Set<string>();
  let first = true;
  for (const [index, raw] of source.split(/\r?\n/).entries()) {
    const line = raw.trim().replace(/^\uFEFF/, '');
    if (!line) continue;
    const header = first;
    first = false;
    const refuse = (reason: RefusedLine['reason']) => invalid.push({ line: index + 1, text: line.slice(0, 200), reason });
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
        // The header line of a CSV file ("email;nom;organisation") is no refused address.
        if (header && /e-?mail|courriel|adresse/i.test(line)) continue;
        refuse('noAddress');
        continue;
      }
      email = cells[at];
      const others = cells.filter((_, i) => i !== at);
      name = others[0] ?? '';
      organisation = others[1] ?? '';
    }
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      refuse('badAddress');
      continue;
    }
    if (seen.has(parsed.data)) {
      refuse('repeated');
      continue;
    }
    seen.add(parsed.data);
    invitees.push({ email: parsed.data, name: name || parsed.data.split('@')[0], organisation });
  }
  return { invitees, invalid };
}
