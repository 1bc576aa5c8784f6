import { z } from 'zod';

/**
 * NUL is refused by PostgreSQL in any text value ("invalid byte sequence for encoding UTF8: 0x00")
 * while SQLite keeps it, and a lone surrogate has no UTF-8 form at all: neither is ever typed by a
 * person, so they are removed from every request input once, here, rather than in each module.
 */
const UNSAFE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

export function cleanText(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, '') : s;
}

/** Also the prototype-less objects of the router and the query-string parser (`NullObject`, `Empty`). */
const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
};

// JSON bodies are bounded by bodyLimit, but a deeply nested one would still cost a deep recursion.
const MAX_DEPTH = 32;

/**
 * Cleans the strings of a parsed input (params, query, form, JSON or multipart fields) in place
 * and returns it. Buffers and other objects (uploaded files) keep their bytes; only plain objects
 * and arrays are walked, and their keys are cleaned too.
 */
export function cleanInput<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanInput(value[i], depth + 1);
    return value;
  }
  if (!isPlainObject(value)) {
    // An uploaded file described as { filename, ... }: its name is text like any field.
    const file = value as { filename?: unknown };
    if (typeof file.filename === 'string') file.filename = cleanText(file.filename);
    return value;
  }
  const fields: Record<string, unknown> = value;
  for (const key of Object.keys(fields)) {
    const cleanKey = cleanText(key);
    const cleaned = cleanInput(fields[key], depth + 1);
    if (cleanKey !== key) delete fields[key];
    fields[cleanKey] = cleaned;
  }
  return value;
}

/** The largest value of a PostgreSQL `integer` column; a bigger one is an error there, not in SQLite. */
export const INT4_MAX = 2_147_483_647;

/**
 * An integer typed in a form or a URL, within bounds the database can store: digits only (no
 * "1e3", no "0x10", no empty string read as 0), at most `max` (a PostgreSQL integer by default).
 */
export function boundedInt(min = 0, max = INT4_MAX) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d{1,16}\s*$/.test(v) ? Number(v) : typeof v === 'number' ? v : Number.NaN),
    z.number({ message: 'form.invalid' }).int({ message: 'form.invalid' }).min(min, { message: 'form.invalid' }).max(max, { message: 'form.invalid' }),
  );
}
