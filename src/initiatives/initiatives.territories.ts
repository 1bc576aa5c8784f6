import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { foldPlaceName } from '../platform/territories.ts';

/** A commune of Hauts-de-France, from @etalab/decoupage-administratif (INSEE code, name, postcodes). */
export interface Commune {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
}

const HAUTS_DE_FRANCE = '32';
let cache: Map<string, Commune> | null = null;

/** Current communes of the region, read once from the package's data (a few hundred kilobytes kept). */
export function regionCommunes(): Map<string, Commune> {
  if (cache) return cache;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json')), 'data');
  const rows = JSON.parse(fs.readFileSync(path.join(dir, 'communes.json'), 'utf8')) as Array<{
    code: string;
    nom: string;
    type: string;
    region?: string;
    departement?: string;
    codesPostaux?: string[];
  }>;
  cache = new Map(
    rows
      .filter((c) => c.type === 'commune-actuelle' && c.region === HAUTS_DE_FRANCE)
      .map((c) => [c.code, { code: c.code, name: c.nom, departement: c.departement ?? '', postcodes: c.codesPostaux ?? [] }]),
  );
  return cache;
}

export const communeByCode = (code: string | null | undefined): Commune | null => (code ? (regionCommunes().get(code) ?? null) : null);

export const communeName = (code: string | null | undefined): string => communeByCode(code)?.name ?? '';

/**
 * Codes typed by staff, one per line or separated by commas; a name is accepted when exactly one
 * commune of the region has it ("Croix" is in the Nord only). Returns the codes and what was not found.
 */
export function parseCommunes(text: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  const byName = new Map<string, string[]>();
  for (const c of regionCommunes().values()) {
    const k = foldPlaceName(c.name);
    byName.set(k, [...(byName.get(k) ?? []), c.code]);
  }
  for (const raw of text.split(/[\n,;]+/)) {
    const item = raw.trim();
    if (!item) continue;
    const direct = /^\d[0-9AB]\d{3}$/.test(item) && regionCommunes().has(item) ? item : null;
    const named = byName.get(foldPlaceName(item));
    const code = direct ?? (named?.length === 1 ? named[0] : null);
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(item);
  }
  return { codes, unknown };
}
