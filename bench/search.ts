/**
 * Search benchmark (issue 3): 100,000 catalogue items generated in French, then p50 and p95
 * latency of a full search (ranked page, count and the five facets, as /recherche runs it),
 * on SQLite and on PostgreSQL. Writes the "## Search" section of bench/RESULTS.md.
 *
 *   npx tsx bench/search.ts                      # 100,000 items, both databases
 *   BENCH_ITEMS=5000 npx tsx bench/search.ts     # smoke run (does not touch RESULTS.md)
 *   BENCH_DB=sqlite npx tsx bench/search.ts      # one database
 */
import { createTestApp, type DbKind, type TestApp } from '../test/harness.ts';
import { postgresAvailable } from '../test/environment.ts';
import { transact } from '../src/platform/db/transaction.ts';
import { machineLine, today } from './lib/machine.ts';
import { writeResultsSection } from './lib/results.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

// A deterministic generator: the same corpus on both databases.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];

const topics = ['participation citoyenne', 'transition énergétique', 'plan climat', 'forum ouvert', 'budget participatif', 'mobilité douce', 'jardins partagés', 'rénovation énergétique', 'coopération territoriale', 'démocratie locale', 'conseil de développement', 'énergie renouvelable', 'qualité de l’air', 'sobriété foncière', 'tiers-lieu', 'éducation populaire', 'économie circulaire', 'alimentation durable', 'politique de la ville', 'concertation préalable'];
const nouns = ['habitants', 'élus', 'associations', 'collectivités', 'entreprises', 'jeunes', 'agents', 'citoyennes', 'intercommunalités', 'quartiers', 'bailleurs', 'écoles', 'agriculteurs', 'commerçants', 'bénévoles', 'syndicats', 'universités', 'médiathèques', 'centres sociaux', 'régies de quartier'];
const objects = ['diagnostic', 'atelier', 'questionnaire', 'balade urbaine', 'jury citoyen', 'comité de suivi', 'appel à projets', 'cahier des charges', 'retour d’expérience', 'formation', 'webinaire', 'étude', 'cartographie', 'charte', 'assemblée', 'convention', 'feuille de route', 'observatoire', 'programme', 'évaluation', 'budget', 'marché public', 'schéma directeur', 'réseau de chaleur', 'centrale solaire', 'parc éolien', 'piste cyclable', 'composteur', 'potager', 'friche'];
const verbs = ['accompagner', 'mobiliser', 'évaluer', 'animer', 'financer', 'co-construire', 'expérimenter', 'partager', 'organiser', 'renforcer', 'former', 'informer', 'consulter', 'associer', 'outiller'];
const places = ['Amiens', 'Arras', 'Lille', 'Saint-Quentin', 'Dunkerque', 'Beauvais', 'Valenciennes', 'Calais', 'Laon', 'Compiègne', 'Roubaix', 'Lens', 'Douai', 'Abbeville', null];
const kinds = ['news', 'resource', 'resource', 'event', 'document'];
const themes = ['participation-citoyenne', 'politique-de-la-ville-dsu', 'pcaet-climat', 'cooperation-territoriale', 'democratie', 'energie-citoyenne'];
const formats = ['PDF', 'ODT', 'DOCX', null, null];

function sentence(topic: string) {
  return `${pick(verbs).replace(/^./, (c) => c.toUpperCase())} les ${pick(nouns)} avec un ${pick(objects)} sur la ${topic} à ${pick(places) ?? 'l’échelle régionale'}.`;
}

async function fill(app: TestApp) {
  const catalog = app.services.content.service.catalog;
  const batch = 1000;
  for (let start = 0; start < ITEMS; start += batch) {
    await transact(app.platform.db, async (trx) => {
      for (let i = start; i < Math.min(ITEMS, start + batch); i++) {
        const topic = pick(topics);
        const day = new Date(Date.UTC(2015 + Math.floor(rand() * 12), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))).toISOString();
        await catalog.upsert(trx, {
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
    });
    if ((start / batch) % 10 === 0) process.stdout.write(`  ${start + batch} items\r`);
  }
  process.stdout.write('\n');
}

const queries = ['participation', 'energie renouvelable', 'forum ouvert', '"plan climat"', 'jury citoyen', 'jardins partagés Lille', 'sobriete fonciere', 'centrale solaire', 'conseil de développement Arras', 'xylophone'];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(kind: DbKind) {
  const app = await createTestApp(kind);
  try {
    const t0 = Date.now();
    await fill(app);
    const fillSeconds = (Date.now() - t0) / 1000;
    const s = app.services.content.service;
    const run = (q: string, i: number) =>
      s.search(q, i % 4 === 3 ? { theme: 'pcaet-climat' } : {}, { user: null, sort: i % 5 === 4 ? 'date' : 'relevance', page: 1 + (i % 3), perPage: 12 });
    for (let i = 0; i < 30; i++) await run(queries[i % queries.length], i);
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      const r = await run(queries[i % queries.length], i);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      hits += r.total;
    }
    times.sort((a, b) => a - b);
    return { kind, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], fillSeconds, avgHits: Math.round(hits / RUNS) };
  } finally {
    await app.destroy();
  }
}

const dbs: DbKind[] = process.env.BENCH_DB ? [process.env.BENCH_DB as DbKind] : (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
process.env.PALABRE_TEST_PG = dbs.includes('postgres') ? '1' : '0';
const results = [];
for (const kind of dbs) {
  console.log(`${kind}: generating ${ITEMS} items…`);
  const r = await measure(kind);
  console.log(`${kind}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (max ${r.max.toFixed(1)} ms, ${r.avgHits} matches on average, filled in ${r.fillSeconds.toFixed(0)} s)`);
  results.push(r);
}

if (ITEMS >= 100_000) {
  const rows = results.map((r) => `| ${r.kind === 'sqlite' ? 'SQLite (FTS5)' : 'PostgreSQL (french, unaccent)'} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.p95 < 50 ? 'yes' : '**no**'} | ${r.avgHits} |`);
  writeResultsSection(
    'Search',
    `Measured ${today()} on ${machineLine()} with \`npx tsx bench/search.ts\`.

${ITEMS.toLocaleString('en')} catalogue items generated in French (news, resources, events, documents; 10 % members-only), then ${RUNS} searches as \`/recherche\` runs them for an anonymous visitor: ranked page of 12 with excerpts' text, total count and the five facets (kind, theme, territory, format, year), sometimes filtered by theme, sorted by date or on pages 2 and 3. Queries: ${queries.map((q) => `\`${q}\``).join(', ')}. Target: p95 under 50 ms.

| database | p50 | p95 | p95 < 50 ms | matches per query (mean) |
|---|---|---|---|---|
${rows.join('\n')}`,
  );
  console.log('bench/RESULTS.md updated (## Search).');
}
