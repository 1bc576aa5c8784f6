import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { FONTS_DIR } from './fonts.ts';
import { ZERO_FONTS, zeroFonts } from './zero-font.ts';

interface Glyph {
  path: { commands: Array<{ command: string; args: number[] }> };
  advanceWidth: number;
}
const fontkit = createRequire(import.meta.url)('fontkit') as {
  create(b: Buffer): { familyName: string; characterSet: number[]; glyphForCodePoint(cp: number): Glyph };
  openSync(f: string): { glyphForCodePoint(cp: number): Glyph };
};

/** Each contour's bounding box, from a glyph's drawing commands. */
function contours(g: Glyph) {
  const out: Array<{ xMin: number; xMax: number; yMin: number; yMax: number }> = [];
  for (const c of g.path.commands) {
    if (c.command === 'moveTo') out.push({ xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity });
    const box = out[out.length - 1];
    for (let i = 0; i < c.args.length; i += 2) {
      box.xMin = Math.min(box.xMin, c.args[i]);
      box.xMax = Math.max(box.xMax, c.args[i]);
      box.yMin = Math.min(box.yMin, c.args[i + 1]);
      box.yMax = Math.max(box.yMax, c.args[i + 1]);
    }
  }
  return out;
}

describe('the digit zero without a slash', () => {
  it('draws Atkinson’s zero with one counter where the slash split it in two, same outline and width', () => {
    for (const v of ZERO_FONTS) {
      const original = fontkit.openSync(path.join(FONTS_DIR, v.source)).glyphForCodePoint(0x30);
      const font = fontkit.create(zeroFonts().get(v.file)!);
      expect(font.familyName).toBe('Palabre Zero');
      // Only the zero: every other character keeps Atkinson's drawing.
      expect(font.characterSet.filter((c) => c !== 0xffff)).toEqual([0x30]);
      const zero = font.glyphForCodePoint(0x30);
      expect(zero.advanceWidth).toBe(original.advanceWidth);
      const [outer, ...inner] = contours(original);
      const mine = contours(zero);
      expect(mine).toHaveLength(2);
      expect(inner).toHaveLength(2);
      expect(mine[0]).toEqual(outer);
      // The counter spans both halves of the slashed one, the slash's band included.
      const union = {
        xMin: Math.min(...inner.map((b) => b.xMin)),
        xMax: Math.max(...inner.map((b) => b.xMax)),
        yMin: Math.min(...inner.map((b) => b.yMin)),
        yMax: Math.max(...inner.map((b) => b.yMax)),
      };
      for (const k of ['xMin', 'xMax', 'yMin', 'yMax'] as const) expect(Math.abs(mine[1][k] - union[k])).toBeLessThanOrEqual(2);
    }
  });

  describe('served to browsers', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp('sqlite');
    });
    afterAll(() => app?.destroy());

    it('serves each face as a font kept a month, and the stylesheet puts it first for U+0030 only', async () => {
      for (const v of ZERO_FONTS) {
        const res = await app.server.inject({ url: `/static/digits/${v.file}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('font/ttf');
        expect(res.headers['cache-control']).toBe('public, max-age=2592000');
      }
      expect((await app.server.inject({ url: '/static/digits/autre.ttf' })).statusCode).toBe(404);
      const css = (await app.server.inject({ url: '/static/palabre.css' })).body;
      expect(css).toMatch(/--font: 'Palabre Zero', 'Atkinson Hyperlegible'/);
      expect(css.match(/font-family: 'Palabre Zero'.*unicode-range: U\+0030; }/g)).toHaveLength(3);
    });
  });
});
