import type { ColumnInfo, PortableType } from './schema.ts';

/**
 * Values between an engine and the archive (documented in the archive's schema.json): blobs as
 * base64, timestamps as ISO-8601 text, booleans as true/false, JSON columns as their JSON text.
 */
export function toArchive(value: unknown, type: PortableType): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  // PostgreSQL's bigint arrives as text.
  if (type === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  if (type === 'boolean') return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
  if (type === 'json' && typeof value !== 'string') return JSON.stringify(value);
  return value;
}

/** A value of the archive as the target column takes it; `from` is the column as the archive describes it. */
export function fromArchive(value: unknown, from: PortableType | undefined, to: ColumnInfo, engine: 'sqlite' | 'postgres'): unknown {
  if (value === null || value === undefined) return null;
  if (to.type === 'blob') return typeof value === 'string' ? Buffer.from(value, from === 'blob' ? 'base64' : 'utf8') : value;
  if (to.type === 'boolean') {
    const truth = value === true || value === 1 || value === '1' || value === 't' || value === 'true';
    return engine === 'postgres' ? truth : truth ? 1 : 0;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
