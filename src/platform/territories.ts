import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * France's communes, EPCI, départements and regions, from @etalab/decoupage-administratif (INSEE
 * codes, postcodes), read once: the network's territory picker, the newsletter's areas, the
 * communes of citizen-initiative calls, the territories of imported members.
 */

/** A French administrative division, from @etalab/decoupage-administratif (INSEE codes, postcodes). */
export interface Territory {
  /** "commune:80021", "epci:200093201", "departement:59", "region:32". */
  code: string;
  kind: 'commune' | 'epci' | 'departement' | 'region';
  name: string;
  /** What the picker shows: "Amiens (80000) · Somme". */
  label: string;
  departement: string | null;
  postcodes: string[];
  population: number;
}

interface Indexed extends Territory {
  key: string;
}

let cache: Indexed[] | null = null;
/** Département code → region code. */
const regionOf = new Map<string, string>();

/** A place name as typed, for comparing: no accents, no case, hyphens and apostrophes as spaces ("Saint-Omer" = "saint omer"). */
export const foldPlaceName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function load(): Indexed[] {
  if (cache) return cache;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/package.json')), 'data');
  const read = <T>(name: string) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as T[];
  const departements = read<{ code: string; nom: string; region: string }>('departements');
  const depName = new Map(departements.map((d) => [d.code, d.nom]));
  for (const d of departements) regionOf.set(d.code, d.region);
  const regions = read<{ code: string; nom: string }>('regions');
  const out: Indexed[] = [];
  for (const r of regions) out.push({ code: `region:${r.code}`, kind: 'region', name: r.nom, label: r.nom, departement: null, postcodes: [], population: 1e9, key: foldPlaceName(r.nom) });
  for (const d of departements) {
    out.push({ code: `departement:${d.code}`, kind: 'departement', name: d.nom, label: `${d.nom} (${d.code})`, departement: d.code, postcodes: [], population: 1e8, key: foldPlaceName(d.nom) });
  }
  for (const e of read<{ code: string; nom: string; populationTotale?: number; membres: Array<{ code: string }> }>('epci')) {
    const first = e.membres[0]?.code ?? '';
    const dep = first.startsWith('97') ? first.slice(0, 3) : first.slice(0, 2);
    out.push({
      code: `epci:${e.code}`,
      kind: 'epci',
      name: e.nom,
      label: `${e.nom} · ${depName.get(dep) ?? dep}`,
      departement: dep || null,
      postcodes: [],
      population: e.populationTotale ?? 0,
      key: foldPlaceName(e.nom),
    });
  }
  for (const c of read<{ code: string; nom: string; type: string; departement: string; codesPostaux?: string[]; population?: number }>('communes')) {
    if (c.type !== 'commune-actuelle') continue;
    const postcodes = c.codesPostaux ?? [];
    const cp = postcodes.length ? ` (${postcodes[0]})` : '';
    out.push({
      code: `commune:${c.code}`,
      kind: 'commune',
      name: c.nom,
      label: `${c.nom}${cp} · ${depName.get(c.departement) ?? c.departement}`,
      departement: c.departement,
      postcodes,
      population: c.population ?? 0,
      key: foldPlaceName(c.nom),
    });
  }
  cache = out;
  return out;
}

/** Finds divisions by name (accents and case ignored) or by postcode; exact names first, then the most populous. */
export function searchTerritories(query: string, limit = 15): Territory[] {
  const q = foldPlaceName(query);
  if (q.length < 2) return [];
  const all = load();
  const byPostcode = /^\d{2,5}$/.test(q);
  const scored: Array<{ t: Indexed; score: number }> = [];
  for (const t of all) {
    let score = -1;
    if (byPostcode) {
      if (t.postcodes.some((p) => p.startsWith(q))) score = 2;
      else if (t.kind === 'departement' && t.departement === q) score = 3;
    } else if (t.key === q) score = 3;
    else if (t.key.startsWith(q)) score = 2;
    else if (t.key.includes(q)) score = 1;
    if (score >= 0) scored.push({ t, score });
  }
  scored.sort((a, b) => b.score - a.score || b.t.population - a.t.population);
  return scored.slice(0, limit).map(({ t: { key: _key, ...rest } }) => rest);
}

export function territoryByCode(code: string): Territory | null {
  const found = load().find((t) => t.code === code);
  if (!found) return null;
  const { key: _key, ...rest } = found;
  return rest;
}

export function departementName(code: string | null): string | null {
  if (!code) return null;
  return territoryByCode(`departement:${code}`)?.name ?? code;
}

/** The départements of a region (INSEE region code, "32" for Hauts-de-France), by code. */
export function departementsOfRegion(region: string): Array<{ code: string; name: string }> {
  return load()
    .filter((t) => t.kind === 'departement' && regionOf.get(t.departement ?? '') === region)
    .map((t) => ({ code: t.departement!, name: t.name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export const isDepartement = (code: string): boolean => territoryByCode(`departement:${code}`) !== null;

/**
 * What a person typed for a place, as a commune when it says one: a postcode ("59100", the most
 * populous commune having it), an INSEE code ("59512") or a name ("Roubaix", "roubaix",
 * "Saint-Omer"); otherwise any division whose name matches exactly. Five digits are read as a
 * postcode first (people write those), as an INSEE code when no commune has that postcode or
 * when `as: 'insee'` says so (a column named "code INSEE"). Null when nothing fits.
 */
export function resolveTerritory(text: string, opts: { as?: 'insee' | 'postcode' } = {}): Territory | null {
  const q = text.trim().toUpperCase();
  if (!q) return null;
  const byInsee = () => (/^(\d{5}|2[AB]\d{3})$/.test(q) ? territoryByCode(`commune:${q}`) : null);
  const byPostcode = () => (/^\d{5}$/.test(q) ? (searchTerritories(q, 50).find((t) => t.kind === 'commune' && t.postcodes.includes(q)) ?? null) : null);
  if (/^(\d{5}|2[AB]\d{3})$/.test(q)) {
    if (opts.as === 'insee') return byInsee();
    if (opts.as === 'postcode') return byPostcode();
    return byPostcode() ?? byInsee();
  }
  const key = foldPlaceName(q);
  const candidates = searchTerritories(q, 50);
  return candidates.find((t) => t.kind === 'commune' && foldPlaceName(t.name) === key) ?? candidates.find((t) => foldPlaceName(t.name) === key) ?? null;
}
