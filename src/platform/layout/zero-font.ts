import { createRequire } from 'node:module';
import path from 'node:path';
import { FONTS_DIR } from './fonts.ts';

/** What is read of a font with fontkit (PDFKit's font reader, installed with it; it ships no types). */
interface SourceFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  xHeight: number;
  capHeight: number;
  'OS/2': Record<string, number>;
  glyphForCodePoint(cp: number): { id: number };
  getGlyph(id: number): { advanceWidth: number; _decode(): { points: Array<Point & { endContour?: boolean }> } };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(file: string): SourceFont };

/**
 * Atkinson Hyperlegible draws its zero with a slash, and has no OpenType feature to turn it off
 * (its features: ccmp, frac, pnum, tnum, kern, mark, mkmk); Atkinson Hyperlegible Next is not
 * packaged here. So Palabre draws its own zero from Atkinson's: the same outline, with the two
 * halves of the slashed counter joined into one (their convex hull: a zero's counter is convex).
 * The result is a tiny TrueType font of one glyph, "Palabre Zero" (a derivative under the SIL
 * Open Font License, not named after the original), which the stylesheet puts first in the font
 * stack for U+0030 only: every other character stays Atkinson's.
 */

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
}

type Contour = Point[];

/** The variants the stylesheet declares: file name, source file, weight, italic. */
export const ZERO_FONTS = [
  { file: 'palabre-zero-400.ttf', source: 'atkinson-hyperlegible-latin-400-normal.woff', weight: 400, italic: false },
  { file: 'palabre-zero-700.ttf', source: 'atkinson-hyperlegible-latin-700-normal.woff', weight: 700, italic: false },
  { file: 'palabre-zero-400-italic.ttf', source: 'atkinson-hyperlegible-latin-400-italic.woff', weight: 400, italic: true },
] as const;

function contoursOf(points: Array<Point & { endContour?: boolean }>): Contour[] {
  const out: Contour[] = [];
  let current: Contour = [];
  for (const p of points) {
    current.push({ x: p.x, y: p.y, onCurve: p.onCurve });
    if (p.endContour) {
      out.push(current);
      current = [];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** Points along a quadratic TrueType contour (implied on-curve points between two off-curve ones). */
function flatten(c: Contour, steps = 8): Array<[number, number]> {
  const n = c.length;
  const on = (i: number): Point => {
    const p = c[(i + n) % n];
    if (p.onCurve) return p;
    const q = c[(i - 1 + n) % n];
    return { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2, onCurve: true };
  };
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const p = c[i];
    if (p.onCurve) {
      out.push([p.x, p.y]);
      continue;
    }
    const a = on(i - 1);
    const nx = c[(i + 1) % n];
    const b = nx.onCurve ? nx : { x: (p.x + nx.x) / 2, y: (p.y + nx.y) / 2 };
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      out.push([(1 - t) * (1 - t) * a.x + 2 * (1 - t) * t * p.x + t * t * b.x, (1 - t) * (1 - t) * a.y + 2 * (1 - t) * t * p.y + t * t * b.y]);
    }
  }
  return out;
}

/** Andrew's monotone chain; counter-clockwise. */
function hull(points: Array<[number, number]>): Array<[number, number]> {
  const pts = [...new Map(points.map(([x, y]) => [`${Math.round(x)},${Math.round(y)}`, [Math.round(x), Math.round(y)] as [number, number]])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Array<[number, number]> = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Array<[number, number]> = [];
  for (const p of [...pts].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

const signedArea = (c: Array<{ x: number; y: number }>) => c.reduce((s, p, i) => s + p.x * c[(i + 1) % c.length].y - c[(i + 1) % c.length].x * p.y, 0) / 2;

/** The zero's contours without its slash: the outline, and one counter. */
export function unslashedZero(contours: Contour[]): Contour[] {
  const areas = contours.map((c) => Math.abs(signedArea(c)));
  const outer = contours[areas.indexOf(Math.max(...areas))];
  const inner = contours.filter((c) => c !== outer);
  // A counter runs the other way round from the outline (TrueType fills by winding).
  let counter: Contour = hull(inner.flatMap((c) => flatten(c))).map(([x, y]) => ({ x, y, onCurve: true }));
  if (Math.sign(signedArea(counter)) === Math.sign(signedArea(outer))) counter = counter.reverse();
  return [outer, counter];
}

// --- A minimal TrueType writer: one empty .notdef and the zero, mapped from U+0030.

class Out {
  private parts: Buffer[] = [];
  u8(v: number) {
    const b = Buffer.alloc(1);
    b.writeUInt8(v & 0xff);
    this.parts.push(b);
    return this;
  }
  u16(v: number) {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v & 0xffff);
    this.parts.push(b);
    return this;
  }
  i16(v: number) {
    const b = Buffer.alloc(2);
    b.writeInt16BE(Math.round(v));
    this.parts.push(b);
    return this;
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
    return this;
  }
  bytes(b: Buffer) {
    this.parts.push(b);
    return this;
  }
  done() {
    return Buffer.concat(this.parts);
  }
}

const pad4 = (b: Buffer) => (b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b);

function checksum(b: Buffer): number {
  const p = pad4(b);
  let sum = 0;
  for (let i = 0; i < p.length; i += 4) sum = (sum + p.readUInt32BE(i)) >>> 0;
  return sum;
}

function glyf(contours: Contour[]): { data: Buffer; box: { xMin: number; yMin: number; xMax: number; yMax: number }; points: number } {
  const pts = contours.flat();
  const box = { xMin: Math.min(...pts.map((p) => p.x)), yMin: Math.min(...pts.map((p) => p.y)), xMax: Math.max(...pts.map((p) => p.x)), yMax: Math.max(...pts.map((p) => p.y)) };
  const o = new Out().i16(contours.length).i16(box.xMin).i16(box.yMin).i16(box.xMax).i16(box.yMax);
  let end = -1;
  for (const c of contours) o.u16((end += c.length));
  o.u16(0); // no instructions
  for (const p of pts) o.u8(p.onCurve ? 1 : 0);
  let x = 0;
  for (const p of pts) {
    o.i16(Math.round(p.x) - x);
    x = Math.round(p.x);
  }
  let y = 0;
  for (const p of pts) {
    o.i16(Math.round(p.y) - y);
    y = Math.round(p.y);
  }
  return { data: pad4(o.done()), box, points: pts.length };
}

function nameTable(names: Record<number, string>): Buffer {
  const entries = Object.entries(names).map(([id, text]) => ({ id: Number(id), data: Buffer.from(text, 'utf16le').swap16() }));
  const o = new Out()
    .u16(0)
    .u16(entries.length)
    .u16(6 + 12 * entries.length);
  let offset = 0;
  for (const e of entries) {
    o.u16(3).u16(1).u16(0x409).u16(e.id).u16(e.data.length).u16(offset);
    offset += e.data.length;
  }
  for (const e of entries) o.bytes(e.data);
  return o.done();
}

/** The one-glyph font for one of Atkinson's files. */
export function buildZeroFont(variant: (typeof ZERO_FONTS)[number]): Buffer {
  const font = fontkit.openSync(path.join(FONTS_DIR, variant.source));
  const source = font.getGlyph(font.glyphForCodePoint(0x30).id);
  const contours = unslashedZero(contoursOf(source._decode().points));
  const g = glyf(contours);
  const advance = source.advanceWidth;
  const upm = font.unitsPerEm;
  const style = variant.italic ? 'Italic' : variant.weight === 700 ? 'Bold' : 'Regular';

  const head = new Out()
    .u32(0x00010000)
    .u32(0x00010000)
    .u32(0) // checkSumAdjustment, set below
    .u32(0x5f0f3cf5)
    .u16(0b1011)
    .u16(upm)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .i16(g.box.xMin)
    .i16(g.box.yMin)
    .i16(g.box.xMax)
    .i16(g.box.yMax)
    .u16((variant.weight === 700 ? 1 : 0) | (variant.italic ? 2 : 0))
    .u16(8)
    .i16(2)
    .i16(1) // long offsets in loca
    .i16(0)
    .done();
  const hhea = new Out()
    .u32(0x00010000)
    .i16(font.ascent)
    .i16(font.descent)
    .i16(font.lineGap)
    .u16(advance)
    .i16(0)
    .i16(0)
    .i16(g.box.xMax)
    .i16(variant.italic ? 1000 : 1)
    .i16(variant.italic ? 212 : 0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .i16(0)
    .u16(2)
    .done();
  const maxp = new Out().u32(0x00010000).u16(2).u16(g.points).u16(2).u16(0).u16(0).u16(2).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).done();
  const os2Source = font['OS/2'];
  const os2 = new Out()
    .u16(4)
    .i16(advance)
    .u16(variant.weight)
    .u16(5)
    .u16(0)
    .i16(os2Source.ySubscriptXSize ?? 650)
    .i16(os2Source.ySubscriptYSize ?? 600)
    .i16(0)
    .i16(os2Source.ySubscriptYOffset ?? 75)
    .i16(os2Source.ySuperscriptXSize ?? 650)
    .i16(os2Source.ySuperscriptYSize ?? 600)
    .i16(0)
    .i16(os2Source.ySuperscriptYOffset ?? 350)
    .i16(os2Source.yStrikeoutSize ?? 50)
    .i16(os2Source.yStrikeoutPosition ?? 300)
    .i16(0)
    .bytes(Buffer.alloc(10)) // panose
    .u32(1) // Basic Latin
    .u32(0)
    .u32(0)
    .u32(0)
    .bytes(Buffer.from('PLBR', 'latin1'))
    .u16(variant.italic ? 0x01 : variant.weight === 700 ? 0x20 : 0x40)
    .u16(0x30)
    .u16(0x30)
    .i16(font.ascent)
    .i16(font.descent)
    .i16(font.lineGap)
    .u16(font.ascent)
    .u16(-font.descent)
    .u32(1)
    .u32(0)
    .i16(font.xHeight || 0)
    .i16(font.capHeight || 0)
    .u16(0)
    .u16(0x30)
    .u16(0)
    .done();
  const hmtx = new Out().u16(advance).i16(0).u16(advance).i16(g.box.xMin).done();
  const cmapSub = new Out()
    .u16(4)
    .u16(32)
    .u16(0)
    .u16(4) // segCountX2
    .u16(4)
    .u16(1)
    .u16(0)
    .u16(0x30)
    .u16(0xffff)
    .u16(0)
    .u16(0x30)
    .u16(0xffff)
    .i16(1 - 0x30)
    .i16(1)
    .u16(0)
    .u16(0)
    .done();
  const cmap = new Out().u16(0).u16(1).u16(3).u16(1).u32(12).bytes(cmapSub).done();
  const loca = new Out().u32(0).u32(0).u32(g.data.length).done();
  const name = nameTable({
    0: 'Copyright 2020 Braille Institute of America, Inc. Zero without a slash drawn by Palabre from Atkinson Hyperlegible.',
    1: 'Palabre Zero',
    2: style,
    3: `Palabre Zero ${style} 1.0`,
    4: `Palabre Zero ${style}`,
    5: 'Version 1.0',
    6: `PalabreZero-${style}`,
    13: 'This Font Software is licensed under the SIL Open Font License, Version 1.1.',
    14: 'https://openfontlicense.org',
  });
  const post = new Out()
    .u32(0x00030000)
    .u32(variant.italic ? (-12 * 65536) >>> 0 : 0)
    .i16(-100)
    .i16(50)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .u32(0)
    .done();

  const tables: Array<[string, Buffer]> = (
    [
      ['OS/2', os2],
      ['cmap', cmap],
      ['glyf', g.data],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
      ['name', name],
      ['post', post],
    ] as Array<[string, Buffer]>
  ).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const dir = new Out()
    .u32(0x00010000)
    .u16(n)
    .u16(searchRange)
    .u16(entrySelector)
    .u16(n * 16 - searchRange);
  let offset = 12 + 16 * n;
  const bodies: Buffer[] = [];
  for (const [tag, data] of tables) {
    dir.bytes(Buffer.from(tag, 'latin1')).u32(checksum(data)).u32(offset).u32(data.length);
    bodies.push(pad4(data));
    offset += pad4(data).length;
  }
  const file = Buffer.concat([dir.done(), ...bodies]);
  // The whole file sums to 0xB1B0AFBA once head.checkSumAdjustment is set.
  const headOffset =
    12 +
    16 * n +
    bodies
      .slice(
        0,
        tables.findIndex(([t]) => t === 'head'),
      )
      .reduce((s, b) => s + b.length, 0);
  file.writeUInt32BE((0xb1b0afba - checksum(file)) >>> 0, headOffset + 8);
  return file;
}

let built: Map<string, Buffer> | null = null;

/** The fonts by file name, built once per process (a few milliseconds). */
export function zeroFonts(): Map<string, Buffer> {
  built ??= new Map(ZERO_FONTS.map((v) => [v.file, buildZeroFont(v)]));
  return built;
}
