import type { Kysely } from 'kysely';
import { csvLine } from '../platform/csv.ts';
import type { Lang, Translate } from '../platform/i18n/i18n.ts';
import { formatDate, formatTime } from '../platform/format.ts';
import * as repo from './forum.repo.ts';
import type { ForumReader } from './forum.read.ts';
import { hourText } from './forum.rules.ts';
import type { ForumsTable, ForumTables } from './forum.tables.ts';
import type { ExportName } from './forum.control.schema.ts';

/**
 * The day as spreadsheets (issue 12, item 7): themes, groups with who took part, report
 * sections, actions with who carries them, and dot-votes counted per action (who gave a dot
 * is not exported: the vote is anonymous on the wall, it stays so in the file).
 */
export async function exportTable(db: Kysely<ForumTables>, reader: ForumReader, forum: ForumsTable, what: ExportName, t: Translate, lang: Lang): Promise<string[][]> {
  const when = (iso: string | null | undefined) => (iso ? `${formatDate(iso, lang)} ${formatTime(iso, lang)}` : '');
  const state = await reader.wallState(forum);
  const slotOf = (id: string | null) => {
    const s = state.slots.find((x) => x.id === id);
    return s ? `${s.day} ${hourText(s.startsAt, lang)}–${hourText(s.endsAt, lang)}` : '';
  };
  const spaceOf = (id: string | null) => state.spaces.find((x) => x.id === id)?.name ?? '';
  const head = (keys: string[]) => keys.map((k) => t(`forum.export.col.${k}`));
  switch (what) {
    case 'themes':
      return [
        head(['theme', 'description', 'conveners', 'slot', 'space', 'interest', 'size']),
        ...state.themes.map((th) => [th.title, th.description, th.conveners.join(', '), slotOf(th.slotId), spaceOf(th.spaceId), String(th.interest), String(th.size)]),
      ];
    case 'groupes': {
      const presence = await repo.groupPresence(db, forum.id);
      return [
        head(['theme', 'slot', 'space', 'participant', 'organisation']),
        ...state.themes.flatMap((th) => presence.filter((p) => p.theme_id === th.id).map((p) => [th.title, slotOf(th.slotId), spaceOf(th.spaceId), p.name, p.organisation ?? ''])),
      ];
    }
    case 'comptes-rendus': {
      const sections = await repo.listSections(
        db,
        state.themes.map((th) => th.id),
      );
      return [
        head(['theme', 'section', 'text', 'writer', 'at']),
        ...state.themes.flatMap((th) => sections.filter((s) => s.theme_id === th.id && s.body).map((s) => [th.title, t(`forum.section.${s.section}`), s.body, s.updated_by ?? '', when(s.updated_at)])),
      ];
    }
    case 'actions': {
      const actions = await reader.actionViews(forum);
      return [
        head(['theme', 'kind', 'action', 'carrier', 'partners', 'due', 'status', 'owner', 'since', 'votes']),
        ...actions.map((a) => [
          a.themeTitle,
          t(`forum.action.kind.${a.kind}`),
          a.title,
          a.carrier,
          a.partners,
          a.due,
          t(`forum.status.${a.status}`),
          a.carried ? a.owner : '',
          when(a.ownerSince),
          String(a.votes),
        ]),
      ];
    }
    case 'votes': {
      const ranking = await reader.ranking(forum);
      const actions = await reader.actionViews(forum);
      return [head(['action', 'theme', 'votes', 'cluster']), ...actions.map((a) => [a.title, a.themeTitle, String(a.votes), ranking.find((r) => r.cluster && r.items.includes(a.title))?.label ?? ''])];
    }
  }
}

/** Semicolons and a BOM: what a French spreadsheet opens correctly with a double click (as the events' exports). */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((r) => csvLine(r, ';')).join('\r\n')}\r\n`;
}

export async function toXlsx(rows: string[][], sheet: string): Promise<Buffer> {
  // exceljs is heavy and used by exports only: loaded on the first one, not at boot.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Palabre';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRows(rows);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    c.width = Math.min(60, Math.max(10, ...rows.map((r) => (r[i] ?? '').length + 2)));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
