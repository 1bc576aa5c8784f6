import crypto from 'node:crypto';
import { fieldMessage, type FieldErrors } from '../platform/forms/forms.ts';
import { isCalendarDay } from '../platform/dates.ts';

// The lists an animator types one item per line on the event form (questions asked at
// registration, programme, speakers, documents): parsed into values and written back as text.
// Pure functions, unit-tested in events.schema.test.ts.

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

/** "25/03/2024" or "2024-03-25" → "2024-03-25" (not checked yet). */
function isoDay(typed: string): string {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
  return fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : typed;
}
const DAY = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})`;
const dayHeading = new RegExp(`^${DAY}\\s*:?$`);
const programmeLine = new RegExp(`^(?:${DAY}\\s+)?(\\d{1,2})\\s*[h:]\\s*(\\d{2})?\\s*(?:[-–:]\\s*)?(.+)$`, 'i');

/**
 * "13h30 Accueil", "14h : Démarrage des travaux", "2024-03-25 9h00 Visite"; one per line. On an event of
 * several days, a line holding only a date ("25/03/2024" or "2024-03-25") starts that day's part.
 */
export function parseProgramme(source: string): { items: ProgrammeItem[]; error: string | null } {
  const items: ProgrammeItem[] = [];
  let current: string | null = null;
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-•*]\s*/, '');
    if (!line) continue;
    const heading = dayHeading.exec(line);
    if (heading) {
      current = isoDay(heading[1]);
      if (!isCalendarDay(current)) return { items: [], error: 'events.form.programmeDate' };
      continue;
    }
    const m = programmeLine.exec(line);
    if (!m || Number(m[2]) > 23 || Number(m[3] ?? 0) > 59) return { items: [], error: 'events.form.programmeSyntax' };
    const day = m[1] ? isoDay(m[1]) : current;
    // The day is shown as a heading on the public page: an impossible one would break the page.
    if (day && !isCalendarDay(day)) return { items: [], error: 'events.form.programmeDate' };
    items.push({ day, time: `${m[2].padStart(2, '0')}:${m[3] ?? '00'}`, label: m[4].trim() });
  }
  return { items, error: null };
}

/** Back to the text the animator edits: one date line before each day's part. */
export function formatProgramme(items: ProgrammeItem[]): string {
  const lines: string[] = [];
  let day: string | null = null;
  for (const i of items) {
    if (i.day && i.day !== day) lines.push(...(lines.length ? [''] : []), i.day);
    day = i.day;
    lines.push(`${i.time.replace(':', 'h')} ${i.label}`);
  }
  return lines.join('\n');
}

// ---- Speakers ------------------------------------------------------------------------------

export interface Speaker {
  name: string;
  organisation: string;
}

/** "Claire Martin | Cerdd", one per line; the organisation may be left out. */
export function parseSpeakers(source: string): { speakers: Speaker[]; error: string | null } {
  const speakers: Speaker[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-•*]\s*/, '');
    if (!line) continue;
    const [name, organisation = '', ...rest] = line.split('|').map((s) => s.trim());
    if (!name || rest.length > 0) return { speakers: [], error: 'events.form.speakersSyntax' };
    speakers.push({ name, organisation });
  }
  return { speakers, error: null };
}

export const formatSpeakers = (speakers: Speaker[]) => speakers.map((s) => (s.organisation ? `${s.name} | ${s.organisation}` : s.name)).join('\n');

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
