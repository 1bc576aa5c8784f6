/**
 * Illustrations Palabre draws itself (the demo's pictures): flat compositions in the site's
 * palette, a motif for the kind of item or its theme, shapes placed by a seed so that two items
 * never look the same. SVG written here, turned into a bitmap by sharp: no file, no network.
 * No text: an illustration says nothing a title does not (they are stored as decorative).
 */

export interface IllustrationSpec {
  /** An event kind ('forum-ouvert', 'webinaire'…), a content kind ('news', 'resource') or a theme slug. */
  motif: string;
  /** Any text: the same seed draws the same picture. */
  seed: string;
}

const W = 1200;
const H = 800;
/** Drawn at 800 pixels wide: sharp then stores 400 and 800 (the demo makes dozens; flat drawings scale well). */
const OUT_WIDTH = 800;

const PALETTES = [
  { bg: ['#1f6f43', '#12422a'], accent: '#f5a300', soft: '#e3f1e8', second: '#1d5fa8' },
  { bg: ['#1d5fa8', '#12345c'], accent: '#f5a300', soft: '#e1ecf8', second: '#1f6f43' },
  { bg: ['#12422a', '#1d5fa8'], accent: '#e3f1e8', soft: '#f2f8f4', second: '#f5a300' },
  { bg: ['#e3f1e8', '#e1ecf8'], accent: '#f5a300', soft: '#1f6f43', second: '#1d5fa8' },
];

/** A small deterministic generator (mulberry32) seeded by the text's hash. */
function randomFrom(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Palette = (typeof PALETTES)[number];
type Draw = (p: Palette, r: () => number) => string;

const people = (cx: number, cy: number, radius: number, n: number, fill: string, r: () => number) =>
  Array.from({ length: n }, (_, i) => {
    const a = (i / n) * Math.PI * 2 + r() * 0.2;
    const x = cx + Math.cos(a) * radius;
    const y = cy + Math.sin(a) * radius * 0.62;
    return `<circle cx="${x.toFixed(0)}" cy="${(y - 34).toFixed(0)}" r="22" fill="${fill}"/><path d="M${(x - 34).toFixed(0)} ${(y + 30).toFixed(0)}q34-62 68 0z" fill="${fill}"/>`;
  }).join('');

const MOTIFS: Record<string, Draw> = {
  // People around a table.
  rencontre: (p, r) => `<ellipse cx="600" cy="470" rx="260" ry="120" fill="${p.soft}" opacity=".9"/>${people(600, 470, 340, 8, p.accent, r)}`,
  // A ring of chairs around the open centre, sheets of paper on the floor.
  'forum-ouvert': (p, r) =>
    `${people(600, 430, 330, 12, p.soft, r)}<rect x="520" y="380" width="70" height="92" rx="6" fill="${p.accent}" transform="rotate(-8 555 426)"/><rect x="610" y="392" width="70" height="92" rx="6" fill="${p.second}" transform="rotate(7 645 438)"/>`,
  // A road through the region with stops along it.
  'voyage-apprenant': (p) =>
    `<path d="M-20 640C260 520 300 300 600 360s380 40 640-160" fill="none" stroke="${p.soft}" stroke-width="46" stroke-linecap="round"/><path d="M-20 640C260 520 300 300 600 360s380 40 640-160" fill="none" stroke="${p.accent}" stroke-width="6" stroke-dasharray="30 26"/>${[
      [240, 470],
      [600, 360],
      [930, 330],
    ]
      .map(
        ([x, y]) =>
          `<circle cx="${x}" cy="${y - 70}" r="34" fill="${p.accent}"/><path d="M${x - 34} ${y - 64}L${x} ${y}L${x + 34} ${y - 64}z" fill="${p.accent}"/><circle cx="${x}" cy="${y - 70}" r="13" fill="${p.bg[1]}"/>`,
      )
      .join('')}`,
  // A screen with faces in a grid.
  webinaire: (p) =>
    `<rect x="300" y="170" width="600" height="390" rx="24" fill="${p.soft}"/><rect x="540" y="560" width="120" height="60" fill="${p.soft}"/><rect x="450" y="615" width="300" height="22" rx="11" fill="${p.soft}"/>${[
      0, 1, 2,
    ]
      .flatMap((c) =>
        [0, 1].map(
          (row) =>
            `<rect x="${330 + c * 185}" y="${200 + row * 170}" width="170" height="150" rx="12" fill="${(c + row) % 2 ? p.second : p.bg[0]}"/><circle cx="${415 + c * 185}" cy="${255 + row * 170}" r="30" fill="${p.accent}"/><path d="M${370 + c * 185} ${340 + row * 170}q45-60 90 0z" fill="${p.accent}"/>`,
        ),
      )
      .join('')}`,
  // A day of the region: the map of a territory with places joined.
  'journee-regionale': (p) =>
    `<path d="M330 190l190-40 160 70 200-30 70 170-60 170-210 90-170-40-190 40-60-200z" fill="${p.soft}"/>${[
      [450, 300],
      [700, 260],
      [820, 470],
      [560, 520],
      [420, 560],
    ]
      .map(([x, y], i, all) => `<line x1="${x}" y1="${y}" x2="${all[(i + 1) % all.length][0]}" y2="${all[(i + 1) % all.length][1]}" stroke="${p.second}" stroke-width="8"/>`)
      .join('')}${[
      [450, 300],
      [700, 260],
      [820, 470],
      [560, 520],
      [420, 560],
    ]
      .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="26" fill="${p.accent}"/>`)
      .join('')}`,
  // A board with steps and a marker.
  formation: (p) =>
    `<rect x="300" y="160" width="600" height="380" rx="18" fill="${p.soft}"/><path d="M360 480h120v-80h120v-80h120v-80h120" fill="none" stroke="${p.second}" stroke-width="22" stroke-linejoin="round"/><circle cx="840" cy="240" r="30" fill="${p.accent}"/><rect x="430" y="540" width="24" height="120" fill="${p.soft}"/><rect x="746" y="540" width="24" height="120" fill="${p.soft}"/>`,
  // A lab of citizens' projects: a bulb and tiles.
  'pic-lab': (p, r) =>
    `${Array.from({ length: 12 }, (_, i) => `<rect x="${250 + (i % 4) * 190}" y="${170 + Math.floor(i / 4) * 160}" width="150" height="130" rx="16" fill="${i === Math.floor(r() * 12) ? p.accent : p.soft}" opacity="${i % 3 ? 0.9 : 0.6}"/>`).join('')}`,
  // Speech bubbles: news of the network.
  news: (p) =>
    `<path d="M300 220h380a40 40 0 0 1 40 40v170a40 40 0 0 1-40 40H440l-90 70v-70h-50a40 40 0 0 1-40-40V260a40 40 0 0 1 40-40z" fill="${p.soft}"/><path d="M610 360h300a36 36 0 0 1 36 36v140a36 36 0 0 1-36 36h-30v60l-80-60H610a36 36 0 0 1-36-36V396a36 36 0 0 1 36-36z" fill="${p.accent}"/><rect x="330" y="280" width="300" height="24" rx="12" fill="${p.second}"/><rect x="330" y="330" width="220" height="24" rx="12" fill="${p.second}"/>`,
  // Stacked documents.
  resource: (p) =>
    `<rect x="420" y="200" width="340" height="440" rx="18" fill="${p.soft}" transform="rotate(-9 590 420)"/><rect x="460" y="180" width="340" height="440" rx="18" fill="#fff"/>${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="510" y="${250 + i * 56}" width="${i % 3 === 2 ? 160 : 240}" height="22" rx="11" fill="${i === 0 ? p.accent : p.second}"/>`).join('')}`,
  // Themes
  'pcaet-climat': (p) =>
    `<circle cx="820" cy="250" r="110" fill="${p.accent}"/><path d="M0 620q300-120 600 0t600 0V800H0z" fill="${p.soft}"/><rect x="392" y="300" width="16" height="330" fill="#fff"/><g transform="translate(400 300)" fill="#fff"><path d="M0 0L-16-170 16-170z"/><path d="M0 0L-16-170 16-170z" transform="rotate(120)"/><path d="M0 0L-16-170 16-170z" transform="rotate(240)"/></g>`,
  'energie-citoyenne': (p) =>
    `<path d="M0 640q300-80 600 0t600 0V800H0z" fill="${p.soft}"/>${[0, 1, 2]
      .map(
        (i) =>
          `<g transform="translate(${320 + i * 260} 620) skewX(-14)"><rect x="-100" y="-70" width="200" height="70" fill="${p.second}" stroke="#fff" stroke-width="6"/><line x1="-33" y1="-70" x2="-33" y2="0" stroke="#fff" stroke-width="4"/><line x1="33" y1="-70" x2="33" y2="0" stroke="#fff" stroke-width="4"/></g>`,
      )
      .join('')}<circle cx="600" cy="240" r="90" fill="${p.accent}"/>`,
  'participation-citoyenne': (p, r) => `${people(600, 440, 300, 10, p.soft, r)}<circle cx="600" cy="400" r="70" fill="${p.accent}"/>`,
  democratie: (p) =>
    `<rect x="420" y="330" width="360" height="300" rx="18" fill="${p.soft}"/><rect x="520" y="320" width="160" height="22" rx="8" fill="${p.bg[1]}"/><rect x="540" y="150" width="120" height="200" rx="8" fill="#fff" transform="rotate(6 600 250)"/><path d="M560 240l30 30 60-70" fill="none" stroke="${p.accent}" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>`,
  'cooperation-territoriale': (p, r) => {
    const pts = Array.from({ length: 7 }, () => [220 + r() * 760, 160 + r() * 480]);
    return `${pts
      .map(([x, y], i) =>
        pts
          .slice(i + 1, i + 3)
          .map(([x2, y2]) => `<line x1="${x.toFixed(0)}" y1="${y.toFixed(0)}" x2="${x2.toFixed(0)}" y2="${y2.toFixed(0)}" stroke="${p.soft}" stroke-width="10"/>`)
          .join(''),
      )
      .join('')}${pts.map(([x, y], i) => `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${i % 2 ? 34 : 48}" fill="${i % 3 ? p.soft : p.accent}"/>`).join('')}`;
  },
  'politique-de-la-ville-dsu': (p, r) =>
    `${Array.from({ length: 7 }, (_, i) => {
      const h = 180 + Math.floor(r() * 300);
      return `<rect x="${160 + i * 130}" y="${650 - h}" width="110" height="${h}" fill="${i % 2 ? p.soft : p.second}"/>${Array.from({ length: Math.floor(h / 70) }, (_, k) => `<rect x="${180 + i * 130}" y="${670 - h + k * 70}" width="28" height="34" fill="${p.accent}" opacity=".85"/><rect x="${232 + i * 130}" y="${670 - h + k * 70}" width="28" height="34" fill="${p.accent}" opacity=".6"/>`).join('')}`;
    }).join('')}<rect x="0" y="650" width="1200" height="150" fill="${p.bg[1]}"/>`,
};

/** The SVG of an illustration; an unknown motif falls back to people meeting. */
export function illustration(spec: IllustrationSpec): string {
  const r = randomFrom(`${spec.motif}:${spec.seed}`);
  const p = PALETTES[Math.floor(r() * PALETTES.length)];
  const draw = MOTIFS[spec.motif] ?? MOTIFS.rencontre;
  const blobs = Array.from(
    { length: 5 },
    () => `<circle cx="${(r() * W).toFixed(0)}" cy="${(r() * H).toFixed(0)}" r="${(90 + r() * 200).toFixed(0)}" fill="${r() < 0.5 ? p.second : p.soft}" opacity="${(0.08 + r() * 0.12).toFixed(2)}"/>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OUT_WIDTH}" height="${(OUT_WIDTH * H) / W}" viewBox="0 0 ${W} ${H}"><defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.bg[0]}"/><stop offset="1" stop-color="${p.bg[1]}"/></linearGradient></defs><rect width="${W}" height="${H}" fill="url(#bg)"/>${blobs}${draw(p, r)}</svg>`;
}

/** Whether a motif has its own drawing (else the kind's, else people meeting). */
export const hasMotif = (motif: string) => motif in MOTIFS;
