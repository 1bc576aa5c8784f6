import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The site's one typeface, Atkinson Hyperlegible, self-hosted from its npm package: served to
 * browsers under /static/fonts/ and embedded in the PDFs (sign-in sheets, proceedings).
 * Resolved through Node, so it is found wherever npm installed the package.
 */
export const FONTS_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('@fontsource/atkinson-hyperlegible/package.json')), 'files');

/** The latin subset, regular and bold: what PDFKit embeds. */
export const FONT_FILES = {
  regular: path.join(FONTS_DIR, 'atkinson-hyperlegible-latin-400-normal.woff'),
  bold: path.join(FONTS_DIR, 'atkinson-hyperlegible-latin-700-normal.woff'),
};
