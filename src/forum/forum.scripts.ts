import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FONT_FILES } from '../platform/layout/fonts.ts';

/**
 * Text in every script for the forum's PDFs (0037). PDFKit draws one font per call and lays a
 * string out word by word, left to right: Arabic came out as "?" and right-to-left words in the
 * wrong order. Here each character gets the first font that has it (Atkinson, then Noto Sans
 * Arabic, Noto Sans Hebrew, Noto Emoji); a line is broken into words, its characters put in
 * visual order by the Unicode bidi algorithm (bidi-js), and drawn as runs: a right-to-left word
 * is handed over in logical order so fontkit shapes it (joining forms) and reverses its glyphs.
 * Characters no font has are replaced by "?"; emoji variation selectors and joiners are dropped
 * (the monochrome emoji font draws each emoji on its own).
 */

const require = createRequire(import.meta.url);
interface ShapedRun {
  glyphs: Array<{ path: { toSVG(): string } }>;
  positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
}
interface SourceFont {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): ShapedRun;
}
const fontkit = require('fontkit') as { create(buffer: Buffer): SourceFont };
const fontDir = (pkg: string) => path.dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
const FILES = {
  body: FONT_FILES.regular,
  bold: FONT_FILES.bold,
  arabic: path.join(fontDir('noto-sans-arabic'), '400Regular', 'NotoSansArabic_400Regular.ttf'),
  'arabic-bold': path.join(fontDir('noto-sans-arabic'), '700Bold', 'NotoSansArabic_700Bold.ttf'),
  hebrew: path.join(fontDir('noto-sans-hebrew'), '400Regular', 'NotoSansHebrew_400Regular.ttf'),
  'hebrew-bold': path.join(fontDir('noto-sans-hebrew'), '700Bold', 'NotoSansHebrew_700Bold.ttf'),
  emoji: path.join(fontDir('noto-emoji'), '400Regular', 'NotoEmoji_400Regular.ttf'),
} as const;
type FontName = keyof typeof FILES;

// Read once per process: a PDF embeds only the glyphs it uses.
let loaded: { buffers: Record<FontName, Buffer>; covers: Record<FontName, (cp: number) => boolean>; sources: Record<FontName, SourceFont> } | null = null;
function fonts() {
  if (!loaded) {
    const buffers = {} as Record<FontName, Buffer>;
    const covers = {} as Record<FontName, (cp: number) => boolean>;
    const sources = {} as Record<FontName, SourceFont>;
    for (const name of Object.keys(FILES) as FontName[]) {
      buffers[name] = readFileSync(FILES[name]);
      const font = fontkit.create(buffers[name]);
      sources[name] = font;
      const cache = new Map<number, boolean>();
      covers[name] = (cp) => {
        let has = cache.get(cp);
        if (has === undefined) cache.set(cp, (has = font.hasGlyphForCodePoint(cp)));
        return has;
      };
    }
    loaded = { buffers, covers, sources };
  }
  return loaded;
}

const bidi = (require('bidi-js') as typeof import('bidi-js').default)();
const IGNORED = /[\u200d\ufe0e\ufe0f]/gu;

/** The font that draws a character, in the bold or regular weight. */
function fontFor(cp: number, bold: boolean): FontName | null {
  const { covers } = fonts();
  const order: FontName[] = bold ? ['bold', 'arabic-bold', 'hebrew-bold', 'emoji'] : ['body', 'arabic', 'hebrew', 'emoji'];
  return order.find((f) => covers[f](cp)) ?? null;
}

const isRtlFont = (f: FontName) => f.startsWith('arabic') || f.startsWith('hebrew');
const isSpace = (ch: string) => ch === ' ' || ch === '\u00a0' || ch === '\t';

export interface TextStyle {
  size: number;
  color: string;
  bold?: boolean;
  align?: 'start' | 'center';
}

interface Cell {
  ch: string;
  font: FontName;
  /** A bidi control (isolates, marks): read by the algorithm, never drawn. */
  control?: boolean;
}

const BIDI_CONTROL = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Keeps a name or title in its own direction inside a sentence: "Yasmine بنت · 2" stays in that order. */
export const isolate = (text: string) => (text ? `\u2068${text}\u2069` : text);

/** Registers the fonts on a document and returns a writer of paragraphs in any script. */
export function scriptWriter(doc: PDFKit.PDFDocument) {
  const { buffers } = fonts();
  for (const name of Object.keys(FILES) as FontName[]) doc.registerFont(name, buffers[name]);

  /** Characters with their font: a space or mark takes the font of the character before it when that font has it. */
  function cells(text: string, bold: boolean): Cell[] {
    const out: Cell[] = [];
    let lastDrawn: Cell | undefined;
    for (const raw of text.normalize('NFC').replace(IGNORED, '')) {
      const cp = raw.codePointAt(0)!;
      if (BIDI_CONTROL.test(raw)) {
        out.push({ ch: raw, font: bold ? 'bold' : 'body', control: true });
        continue;
      }
      const prev = lastDrawn;
      const neutral = isSpace(raw) || /[\p{M}\p{P}\p{Zs}]/u.test(raw);
      // Not after an emoji: its font's space and punctuation are as wide as a picture.
      let font = neutral && prev && prev.font !== 'emoji' && fonts().covers[prev.font](cp) ? prev.font : fontFor(cp, bold);
      let ch = raw;
      if (!font) {
        ch = '?';
        font = bold ? 'bold' : 'body';
      }
      lastDrawn = { ch, font };
      out.push(lastDrawn);
    }
    return out;
  }

  const widthOf = (cellsOfRun: Cell[], size: number) => {
    const run = cellsOfRun.filter((c) => !c.control);
    let w = 0;
    let i = 0;
    while (i < run.length) {
      let j = i;
      while (j < run.length && run[j].font === run[i].font) j++;
      w += doc
        .font(run[i].font)
        .fontSize(size)
        .widthOfString(
          run
            .slice(i, j)
            .map((c) => c.ch)
            .join(''),
        );
      i = j;
    }
    return w;
  };

  /** Greedy line breaking at spaces; a word wider than the line is cut where it must be. */
  function breakLines(all: Cell[], size: number, width: number): Array<[number, number]> {
    const lines: Array<[number, number]> = [];
    let start = 0;
    let lastBreak = -1;
    for (let i = 0; i <= all.length; i++) {
      if (i < all.length && !isSpace(all[i].ch)) continue;
      // [start, i) fits?
      if (widthOf(all.slice(start, i), size) <= width || lastBreak < start) {
        if (widthOf(all.slice(start, i), size) > width && lastBreak < start) {
          // One long word: cut it by characters.
          let k = start + 1;
          while (k < i && widthOf(all.slice(start, k + 1), size) <= width) k++;
          lines.push([start, k]);
          start = k;
          i = k - 1;
          continue;
        }
        lastBreak = i;
        if (i === all.length) lines.push([start, i]);
        continue;
      }
      lines.push([start, lastBreak]);
      start = lastBreak + 1;
      lastBreak = -1;
      i = start - 1;
    }
    return lines.length ? lines : [[0, 0]];
  }

  /**
   * Draws one paragraph (lines separated by "\n" are paragraphs too) at the current position,
   * breaking pages as needed, and moves the cursor under it.
   */
  function paragraph(text: string, style: TextStyle, box: { x: number; width: number }) {
    for (const para of text.split('\n')) {
      const all = cells(para, !!style.bold);
      const plain = all.map((c) => c.ch).join('');
      // bidi-js counts UTF-16 units: map each cell to its first unit.
      const units: number[] = [];
      let u = 0;
      for (const c of all) {
        units.push(u);
        u += c.ch.length;
      }
      // bidi-js reads the two halves of an astral character (emoji) as left-to-right letters: they
      // stand in as two neutral characters, which keeps the UTF-16 offsets.
      const levels = bidi.getEmbeddingLevels(plain.replace(/[\u{10000}-\u{10ffff}]/gu, '**'));
      const base = levels.paragraphs[0]?.level ?? 0;
      const rtl = base === 1;
      const lineHeight = style.size * 1.35;
      for (const [start, end] of breakLines(all, style.size, box.width)) {
        if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
        // Rule L1: spaces ending the line take the paragraph's level; rule L2: reverse from the highest level down.
        const lv = Array.from({ length: end - start }, (_, k) => levels.levels[units[start + k]]);
        for (let k = lv.length - 1; k >= 0 && isSpace(all[start + k].ch); k--) lv[k] = base;
        const order = lv.map((_, k) => start + k);
        const lvOf = new Map(order.map((i, k) => [i, lv[k]]));
        const top = Math.max(0, ...lv);
        const lowestOdd = Math.min(...lv.filter((l) => l % 2 === 1), top + 1);
        for (let level = top; level >= lowestOdd && level > 0; level--) {
          let k = 0;
          while (k < order.length) {
            if ((lvOf.get(order[k]) ?? 0) < level) {
              k++;
              continue;
            }
            let m = k;
            while (m < order.length && (lvOf.get(order[m]) ?? 0) >= level) m++;
            order.splice(k, m - k, ...order.slice(k, m).reverse());
            k = m;
          }
        }
        const charAt = (i: number) => ((lvOf.get(i) ?? 0) % 2 === 1 ? (bidi.getMirroredCharacter(all[i].ch) ?? all[i].ch) : all[i].ch);
        const runs: Array<{ text: string; font: FontName }> = [];
        let k = 0;
        while (k < order.length) {
          const first = all[order[k]];
          if (first.control) {
            k++;
            continue;
          }
          if (isSpace(first.ch)) {
            runs.push({ text: ' ', font: first.font });
            k++;
            continue;
          }
          let m = k + 1;
          const backwards = order[k + 1] === order[k] - 1;
          while (m < order.length && !isSpace(all[order[m]].ch) && !all[order[m]].control && all[order[m]].font === first.font && order[m] === order[m - 1] + (backwards ? -1 : 1)) m++;
          const group = order.slice(k, m);
          const chars = group.map(charAt);
          if (isRtlFont(first.font) && backwards) runs.push({ text: chars.reverse().join(''), font: first.font });
          else if (isRtlFont(first.font)) for (const c of chars) runs.push({ text: c, font: first.font });
          else runs.push({ text: chars.join(''), font: first.font });
          k = m;
        }
        const lineWidth = runs.reduce((w, r) => w + doc.font(r.font).fontSize(style.size).widthOfString(r.text), 0);
        let x = box.x;
        if (style.align === 'center') x += Math.max(0, (box.width - lineWidth) / 2);
        else if (rtl) x += Math.max(0, box.width - lineWidth);
        const y = doc.y;
        doc.fillColor(style.color);
        // One baseline for every font of the line.
        const baseline = y + style.size;
        for (const r of runs) {
          if (r.text === ' ') x += doc.font(r.font).fontSize(style.size).widthOfString(' ');
          else if (r.font.startsWith('arabic')) x += arabicWord(r.text, r.font, x, baseline, style.size);
          else {
            doc.font(r.font).fontSize(style.size).text(r.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
            x += doc.widthOfString(r.text);
          }
        }
        doc.x = box.x;
        doc.y = y + lineHeight;
      }
    }
  }

  /**
   * An Arabic word: Noto Sans Arabic joins letters by drawing shared dotless shapes plus dots,
   * so one glyph stands for several letters and a PDF's one-letter-per-glyph map would read
   * "بتن" for "بين". The shaped word is drawn as outlines, and the same word is written beneath
   * as transparent text in unjoined forms, which a reader's search, copy and text extraction find.
   */
  function arabicWord(word: string, font: FontName, x: number, baseline: number, size: number) {
    const source = fonts().sources[font];
    const run = source.layout(word);
    const scale = size / source.unitsPerEm;
    let cx = x;
    for (let i = 0; i < run.glyphs.length; i++) {
      const p = run.positions[i];
      const d = run.glyphs[i].path.toSVG();
      if (d) {
        doc.save();
        doc.translate(cx + p.xOffset * scale, baseline - p.yOffset * scale);
        doc.scale(scale, -scale);
        doc.path(d).fill();
        doc.restore();
      }
      cx += p.xAdvance * scale;
    }
    // Stretched to the drawn word's width, so a reader selects what it sees and finds the spaces between words.
    const plainWidth = doc
      .font(font)
      .fontSize(size)
      .widthOfString(word, { features: { ccmp: false } } as unknown as PDFKit.Mixins.TextOptions);
    doc.save();
    doc.fillOpacity(0);
    doc.text(word, x, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      features: { ccmp: false },
      horizontalScaling: plainWidth > 0 ? ((cx - x) / plainWidth) * 100 : 100,
    } as unknown as PDFKit.Mixins.TextOptions);
    doc.restore();
    return cx - x;
  }

  return { paragraph, fontFor };
}
