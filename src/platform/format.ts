import type { Lang } from './i18n/i18n.ts';

export const TIME_ZONE = 'Europe/Paris';
const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

function parts(iso: string | Date): Date {
  return typeof iso === 'string' ? new Date(iso) : iso;
}

// Building an Intl formatter costs far more than using one; pages and mails format many dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dtf(loc: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = loc + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(loc, options)));
  return f;
}

/** "14 novembre 2019" */
export function formatDate(iso: string | Date, lang: Lang): string {
  const d = parts(iso);
  const text = dtf(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(d);
  // French writes the first day of a month "1er".
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/** "jeudi 28 septembre 2017" */
export function formatLongDate(iso: string | Date, lang: Lang): string {
  const d = parts(iso);
  const text = dtf(locale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(d);
  return lang === 'fr' ? text.replace(/ 1 /, ' 1er ') : text;
}

/** "14h", "9h30" in French; "2:00 pm" style in English. */
export function formatTime(iso: string | Date, lang: Lang): string {
  const d = parts(iso);
  const [h, m] = dtf('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(d).split(':');
  if (lang === 'fr') return `${Number(h)}h${m === '00' ? '' : m}`;
  return dtf('en-GB', { hour: 'numeric', minute: '2-digit', timeZone: TIME_ZONE }).format(d);
}

export function formatDateTime(iso: string | Date, lang: Lang): string {
  return `${formatDate(iso, lang)} ${lang === 'fr' ? 'à' : 'at'} ${formatTime(iso, lang)}`;
}

/** "1,80 Mo", "102,32 ko" (French decimal units, as the network's pages print them). */
export function formatSize(bytes: number, lang: Lang): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: unit === 0 ? 0 : 2, maximumFractionDigits: unit === 0 ? 0 : 2 }).format(value);
  return `${text}\u00a0${units[unit]}`;
}

/** The calendar day in Paris, "2026-11-25", for grouping and comparisons. */
export function parisDay(iso: string | Date): string {
  return dtf('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(parts(iso));
}

/** Converts a wall-clock time in Paris ("2017-09-28", "14:00") into a UTC ISO string. */
export function parisToIso(day: string, time = '00:00'): string {
  const naive = new Date(`${day}T${time}:00Z`);
  // The offset of Paris at that instant (+1h or +2h), found by formatting the guess back.
  const shown = new Date(
    `${dtf('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(naive).replace(' ', 'T')}Z`,
  );
  const offset = shown.getTime() - naive.getTime();
  return new Date(naive.getTime() - offset).toISOString();
}
