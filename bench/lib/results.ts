import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'RESULTS.md');

const HEADER = '# Benchmark results\n\nEach benchmark writes its own `## ` section; re-running one replaces only its section.\n';

/**
 * Replaces the `## title` section of bench/RESULTS.md (from its heading to the next `## `
 * heading) with `body`, or appends it; the other sections are left exactly as they were.
 */
export function writeResultsSection(title: string, body: string, file = RESULTS_FILE): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n').trimEnd();
    const after = lines.slice(end).join('\n').trim();
    next = `${before}\n\n${section}${after ? `\n${after}\n` : ''}`;
  }
  fs.writeFileSync(file, next);
}
