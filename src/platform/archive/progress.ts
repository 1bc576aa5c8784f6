import type { ArchiveProgress } from './format.ts';

/**
 * Progress of an export or a restore on the terminal: one line rewritten in place on a terminal,
 * one line per table or phase otherwise (logs, CI).
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): { update(p: ArchiveProgress): void; end(): void } {
  const tty = Boolean(stream.isTTY);
  let last = '';
  let shown = '';
  const label = (p: ArchiveProgress) => (p.phase === 'tables' ? `Table ${p.table}` : p.phase === 'files' ? 'Fichiers' : p.phase === 'native' ? 'Copie native de la base' : 'Index de recherche');
  return {
    update(p) {
      const bar = p.total ? ` ${'█'.repeat(Math.round((20 * p.done) / Math.max(p.total, 1))).padEnd(20, '░')}` : '';
      const line = `${label(p)}${bar} ${p.done}${p.total !== undefined ? `/${p.total}` : ''}`;
      if (tty) {
        if (line !== shown) stream.write(`\r\x1b[2K${line}`);
        shown = line;
      } else if (label(p) !== last) stream.write(`${label(p)}…\n`);
      last = label(p);
    },
    end() {
      if (tty && shown) stream.write('\r\x1b[2K');
    },
  };
}
