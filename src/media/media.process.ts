import sharp, { type Metadata, type Sharp } from 'sharp';

/** Widths stored for every picture (never wider than the original): cards use the small ones, item pages the large. */
export const IMAGE_WIDTHS = [400, 800, 1200, 1600] as const;
export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export const FORMAT_MIME: Record<ImageFormat, string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };
export const FORMAT_EXTENSION: Record<ImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** Smallest picture worth a card; a bigger decoded size is refused before decoding (a "pixel bomb"). */
export const MIN_WIDTH = 320;
export const MAX_PIXELS = 50_000_000;

/** Bitmaps people upload from a phone or a camera. SVG is refused: it may carry scripts, and sharp would fetch nothing but draw anything. */
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'avif', 'heif', 'gif', 'tiff']);

export class ImageRejectedError extends Error {
  constructor(readonly reason: 'type' | 'tooSmall' | 'tooLarge') {
    super(`image refused: ${reason}`);
  }
}

export interface Rendition {
  width: number;
  height: number;
  format: ImageFormat;
  data: Buffer;
}

const ENCODE: { [F in ImageFormat]: (s: Sharp) => Sharp } = {
  // Effort 2: AVIF's slowest step, at a size close to effort 4's.
  avif: (s) => s.avif({ quality: 52, effort: 2 }),
  webp: (s) => s.webp({ quality: 76 }),
  jpeg: (s) => s.jpeg({ quality: 80, mozjpeg: true, progressive: true }),
};

/**
 * For pictures Palabre makes itself (flat drawings, documents' pages), where the demo makes dozens
 * in a row: about three times faster, files a third larger, the same look.
 */
const ENCODE_FAST: { [F in ImageFormat]: (s: Sharp) => Sharp } = {
  avif: (s) => s.avif({ quality: 52, effort: 0 }),
  webp: (s) => s.webp({ quality: 76, effort: 2 }),
  jpeg: (s) => s.jpeg({ quality: 80, progressive: true }),
};

/** The upright size of a bitmap (its bytes, or the path of an uploaded file), or why it is refused. Reads the header only. */
export async function inspectImage(data: Buffer | string): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageRejectedError('type');
  }
  if (!meta.format || !ACCEPTED.has(meta.format) || !meta.width || !meta.height) throw new ImageRejectedError('type');
  if (meta.width * meta.height > MAX_PIXELS) throw new ImageRejectedError('tooLarge');
  // EXIF orientations 5 to 8 turn the picture a quarter: its upright width is its stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  if (width < MIN_WIDTH) throw new ImageRejectedError('tooSmall');
  return { width, height };
}

/** The widths stored for an original this wide. */
export function widthsFor(width: number): number[] {
  const fit = IMAGE_WIDTHS.filter((w) => w <= width);
  return fit.length ? fit : [width];
}

/**
 * Every stored size in every format, made once at upload: turned upright, metadata (GPS
 * position, camera) left out, transparency on white for JPEG. Each width is decoded and resized
 * once, then encoded in the three formats in parallel (sharp works off the event loop).
 */
export async function renditions(data: Buffer | string, opts: { widths?: number[]; fast?: boolean } = {}): Promise<Rendition[]> {
  const encode = opts.fast ? ENCODE_FAST : ENCODE;
  const upright = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
  const { width: full } = await inspectImage(data);
  const out: Rendition[] = [];
  for (const width of opts.widths ?? widthsFor(full)) {
    const { data: pixels, info } = await upright.clone().resize({ width, withoutEnlargement: true }).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const encoded = await Promise.all(
      IMAGE_FORMATS.map(async (format) => {
        const base = sharp(pixels, raw);
        const flat = format === 'jpeg' ? base.flatten({ background: '#ffffff' }) : base;
        return { width: info.width, height: info.height, format, data: await encode[format](flat).toBuffer() };
      }),
    );
    out.push(...encoded);
  }
  return out;
}

/** A drawing of Palabre's own (SVG written by the code, never uploaded) as a bitmap to store like an upload. */
export function rasterize(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png({ compressionLevel: 1 }).toBuffer();
}
