/**
 * Search benchmark (issue 3): 100,000 catalogue items generated in French, then p50 and p95
 * latency of a full search (ranked page, count and the five facets, as /recherche runs it),
 * on SQLite and on PostgreSQL. Writes the "## Search" section of bench/RESULTS.md.
 *
 *   npm run bench:search                         # 100,000 items, both databases
 *   BENCH_ITEMS=5000 npx tsx bench/search.ts     # smoke run (does not touch RESULTS.md)
 *   BENCH_DB=sqlite npx tsx bench/search.ts      # one database
 */
import os from 'node:os';
import { createTestApp, type DbKind, type TestApp } from '../test/harness.ts';
import { postgresAvailable } from '../test/environment.ts';
import { transact } from '../src/platform/db/transaction.ts';
import { SESSION_COOKIE } from '../src/platform/http/server.ts';
import type { CatalogItem } from '../src/catalog/catalog.types.ts';
import { machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

// A deterministic generator (mulberry32): the same corpus on both databases. The LCG used before
// repeated itself every few hundred items, which made the corpus far less varied than real text.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];

const topics = [
  'participation citoyenne',
  'transition énergétique',
  'plan climat',
  'forum ouvert',
  'budget participatif',
  'mobilité douce',
  'jardins partagés',
  'rénovation énergétique',
  'coopération territoriale',
  'démocratie locale',
  'conseil de développement',
  'énergie renouvelable',
  'qualité de l’air',
  'sobriété foncière',
  'tiers-lieu',
  'éducation populaire',
  'économie circulaire',
  'alimentation durable',
  'politique de la ville',
  'concertation préalable',
];
const nouns = [
  'habitants',
  'élus',
  'associations',
  'collectivités',
  'entreprises',
  'jeunes',
  'agents',
  'citoyennes',
  'intercommunalités',
  'quartiers',
  'bailleurs',
  'écoles',
  'agriculteurs',
  'commerçants',
  'bénévoles',
  'syndicats',
  'universités',
  'médiathèques',
  'centres sociaux',
  'régies de quartier',
];
const objects = [
  'diagnostic',
  'atelier',
  'questionnaire',
  'balade urbaine',
  'jury citoyen',
  'comité de suivi',
  'appel à projets',
  'cahier des charges',
  'retour d’expérience',
  'formation',
  'webinaire',
  'étude',
  'cartographie',
  'charte',
  'assemblée',
  'convention',
  'feuille de route',
  'observatoire',
  'programme',
  'évaluation',
  'budget',
  'marché public',
  'schéma directeur',
  'réseau de chaleur',
  'centrale solaire',
  'parc éolien',
  'piste cyclable',
  'composteur',
  'potager',
  'friche',
];
const verbs = [
  'accompagner',
  'mobiliser',
  'évaluer',
  'animer',
  'financer',
  'co-construire',
  'expérimenter',
  'partager',
  'organiser',
  'renforcer',
  'former',
  'informer',
  'consulter',
  'associer',
  'outiller',
];
const places = ['Amiens', 'Arras', 'Lille', 'Saint-Quentin', 'Dunkerque', 'Beauvais', 'Valenciennes', 'Calais', 'Laon', 'Compiègne', 'Roubaix', 'Lens', 'Douai', 'Abbeville', null];
const kinds = ['news', 'resource', 'resource', 'event', 'document'];
const themes = ['participation-citoyenne', 'politique-de-la-ville-dsu', 'pcaet-climat', 'cooperation-territoriale', 'democratie', 'energie-citoyenne'];
const formats = ['PDF', 'ODT', 'DOCX', null, null];

function sentence(topic: string) {
  return `${pick(verbs).replace(/^./, (c) => c.toUpperCase())} les ${pick(nouns)} avec un ${pick(objects)} sur la ${topic} à ${pick(places) ?? 'l’échelle régionale'}.`;
}

async function fill(app: TestApp) {
  const catalog = app.services.catalog.service;
  const batch = 5000;
  for (let start = 0; start < ITEMS; start += batch) {
    const items: CatalogItem[] = [];
    for (let i = start; i < Math.min(ITEMS, start + batch); i++) {
      const topic = pick(topics);
      const day = new Date(Date.UTC(2015 + Math.floor(rand() * 12), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))).toISOString();
      items.push({
        kind: pick(kinds),
        id: `bench-${i}`,
        url: `/bench/${i}`,
        title: `${topic.replace(/^./, (c) => c.toUpperCase())} : ${pick(objects)} des ${pick(nouns)}`,
        summary: sentence(topic),
        body: Array.from({ length: 5 }, () => sentence(rand() < 0.7 ? topic : pick(topics))).join(' '),
        themes: [pick(themes), pick(themes)],
        territory: pick(places),
        format: pick(formats),
        membersOnly: rand() < 0.1,
        publishedAt: day,
        updatedAt: day,
        startsAt: null,
      });
    }
    // Multi-row statements, one transaction per 5,000 items.
    await transact(app.platform.db, (trx) => catalog.upsertMany(trx, items));
    process.stdout.write(`  ${Math.min(ITEMS, start + batch)} items\r`);
  }
  process.stdout.write('\n');
}

const queries = [
  'participation',
  'energie renouvelable',
  'forum ouvert',
  '"plan climat"',
  'jury citoyen',
  'jardins partagés Lille',
  'sobriete fonciere',
  'centrale solaire',
  'conseil de développement Arras',
  'xylophone',
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(kind: DbKind) {
  const app = await createTestApp(kind);
  try {
    const t0 = Date.now();
    await fill(app);
    await app.services.catalog.service.analyze();
    const fillSeconds = (Date.now() - t0) / 1000;
    const s = app.services.catalog.service;
    // Each query gets every variant in turn: a theme filter, the date order, pages 1 to 3.
    const variant = (i: number) => {
      const v = Math.floor(i / queries.length);
      return { q: queries[i % queries.length], theme: v % 4 === 3 ? 'pcaet-climat' : undefined, date: v % 5 === 4, page: 1 + (v % 3) };
    };
    const run = (i: number) => {
      const v = variant(i);
      return s.search(v.q, v.theme ? { theme: v.theme } : {}, { user: null, sort: v.date ? 'date' : 'relevance', page: v.page, perPage: 12 });
    };
    const url = (i: number) => {
      const v = variant(i);
      const usp = new URLSearchParams({ q: v.q, page: String(v.page) });
      if (v.theme) usp.set('theme', v.theme);
      if (v.date) usp.set('tri', 'date');
      return `/recherche?${usp}`;
    };
    for (let i = 0; i < 30; i++) await run(i);
    const times: number[] = [];
    const pageTimes: number[] = [];
    let hits = 0;
    let capped = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      const r = await run(i);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      hits += r.total;
      if (r.capped) capped++;
    }
    // The whole page as a visitor gets it: search, cards, excerpts, HTML. An unknown session
    // cookie keeps the reader anonymous but out of the anonymous page cache.
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      const res = await app.server.inject({ method: 'GET', url: url(i), headers: { cookie: `${SESSION_COOKIE}=bench-not-a-session` } });
      pageTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode}`);
    }
    times.sort((a, b) => a - b);
    pageTimes.sort((a, b) => a - b);
    return {
      kind,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1],
      pageP50: percentile(pageTimes, 50),
      pageP95: percentile(pageTimes, 95),
      fillSeconds,
      avgHits: Math.round(hits / RUNS),
      cappedShare: capped / RUNS,
    };
  } finally {
    await app.destroy();
  }
}

const dbs: DbKind[] = process.env.BENCH_DB ? [process.env.BENCH_DB as DbKind] : (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
process.env.PALABRE_TEST_PG = dbs.includes('postgres') ? '1' : '0';
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const results = [];
for (const kind of dbs) {
  console.log(`${kind}: generating ${ITEMS} items…`);
  const r = await measure(kind);
  console.log(
    `${kind}: search p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (max ${r.max.toFixed(1)} ms); page p50 ${r.pageP50.toFixed(1)} ms, p95 ${r.pageP95.toFixed(1)} ms; ${r.avgHits} counted matches on average, ${Math.round(r.cappedShare * 100)} % over the window; filled in ${r.fillSeconds.toFixed(0)} s`,
  );
  results.push(r);
}

if (ITEMS >= 100_000) {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const rows = results.map(
    (r) =>
      `| ${r.kind === 'sqlite' ? 'SQLite (FTS5, light French stemmer)' : 'PostgreSQL (french, unaccent)'} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.p95 < 50 ? 'yes' : '**no**'} | ${ms(r.pageP50)} | ${ms(r.pageP95)} | ${Math.round(r.cappedShare * 100)} % | ${r.fillSeconds.toFixed(0)} s |`,
  );
  writeResultsSection(
    'Search',
    `Measured ${today()} on ${machineLine()} with \`npm run bench:search\`; load average ${loadAtStart} at the start, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end (the machine is shared with other test runs: figures move by a factor of two between runs).

${ITEMS.toLocaleString('en')} catalogue items generated in French (news, resources, events, documents; 10 % members-only), loaded with multi-row inserts, then ${RUNS} searches for an anonymous visitor: the search itself (\`service.search\`: window of matches, count, five facets, ranked page of 12 with its rows) and the whole \`/recherche\` page (cards, excerpts, HTML; an unknown session cookie keeps it out of the page cache). Each query comes plain, with a theme filter, sorted by date, on pages 1 to 3. Queries: ${queries.map((q) => `\`${q}\``).join(', ')}; all but the last match 4 to 21 % of the catalogue. Target: p95 under 50 ms.

| database | search p50 | search p95 | p95 < 50 ms | page p50 | page p95 | searches past the window | fill |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

A search reads at most 1,000 matches, newest first; past that it says "Plus de 1 000 résultats" and ranks and counts those (docs/decisions/0010-search-window.md). Before the window (and with the previous generator, whose corpus repeated itself every few hundred items) searches took 478 ms p50 / 1,146 ms p95 on SQLite, and filling PostgreSQL row by row took about 10 minutes.`,
  );
  console.log('bench/RESULTS.md updated (## Search).');
}
