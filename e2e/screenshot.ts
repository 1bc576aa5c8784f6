/**
 * Regenerates docs/screenshot.png: the home page with the demo data, 1280×900, as a visitor
 * sees it in French. Not a test: run it with `npx tsx e2e/screenshot.ts [path] [out.png]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './browser.ts';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = process.argv[2] ?? '/';
const out = path.resolve(process.argv[3] ?? path.join(root, 'docs', 'screenshot.png'));

const site = await startSite({ demo: true });
try {
  const page = await site.newPage({ width: 1280, height: 900 });
  const res = await page.goto(target);
  if (res?.status() !== 200) throw new Error(`${target} answered ${res?.status()}`);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: out, fullPage: false });
  console.log(`screenshot of ${target} written to ${path.relative(process.cwd(), out)}`);
} finally {
  await site.close();
}
