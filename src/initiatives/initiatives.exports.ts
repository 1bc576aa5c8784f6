/** The payments' exports for the accounts, and the Région's action sheet (project, theme, neighbourhood, amount, participants, self-evaluation), as CSV and XLSX. */
import { csvLine } from '../platform/csv.ts';
import type { Lang, Translate } from '../platform/i18n/i18n.ts';
import type { actionSheetRows } from './initiatives.committee.repo.ts';
import { centsToInput } from './initiatives.model.ts';
import type { PaymentsVM } from './initiatives.payments.ts';
import { communeName } from './initiatives.territories.ts';

export type Table = string[][];

/** Amounts as a French spreadsheet reads them ("720,50"); dates as YYYY-MM-DD, which every spreadsheet sorts. */
export function accountsTable(vm: PaymentsVM, t: Translate): Table {
  const header = ['reference', 'project', 'holder', 'commune', 'granted', 'tranche', 'amount', 'condition', 'status', 'paidOn', 'paymentReference'].map((k) => t(`initiatives.export.${k}`));
  return [
    header,
    ...vm.rows.map((r) => [
      r.reference,
      r.title,
      r.holder_name,
      communeName(r.commune_code),
      centsToInput(r.granted_cents ?? 0),
      String(r.position),
      centsToInput(r.amount_cents),
      t(`initiatives.tranche.condition.${r.condition}`),
      t(`initiatives.tranche.status.${r.status}`),
      r.paid_on ?? '',
      r.payment_reference,
    ]),
  ];
}

export function actionSheetTable(rows: Awaited<ReturnType<typeof actionSheetRows>>, themeNames: Map<string, string>, t: Translate): Table {
  const header = ['reference', 'project', 'holder', 'theme', 'commune', 'neighbourhood', 'amount', 'participants', 'selfEvaluation'].map((k) => t(`initiatives.export.${k}`));
  return [
    header,
    ...rows.map((r) => [
      r.reference,
      r.title,
      r.holder_name,
      (JSON.parse(r.themes) as string[]).map((s) => themeNames.get(s) ?? s).join(', '),
      communeName(r.commune_code),
      r.neighbourhood,
      centsToInput(r.granted_cents ?? 0),
      String(r.participants ?? r.expected_participants ?? ''),
      r.self_evaluation ?? '',
    ]),
  ];
}

/** Semicolons and a BOM: what a French spreadsheet opens correctly with a double click. */
export const toCsv = (table: Table) => `\uFEFF${table.map((r) => csvLine(r, ';')).join('\r\n')}\r\n`;

/** Columns holding amounts in euros: numbers in the workbook, so that the accounts can add them up. */
export const ACCOUNTS_AMOUNTS = [4, 6];
export const SHEET_AMOUNTS = [6];

export async function toXlsx(table: Table, sheet: string, _lang: Lang, amounts: readonly number[] = []): Promise<Buffer> {
  // exceljs is heavy and used by exports only: loaded on the first one, not at boot.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Palabre';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRows(table.map((row, r) => (r === 0 ? row : row.map((cell, c) => (amounts.includes(c) && cell !== '' ? Number(cell.replace(',', '.')) : cell)))));
  for (const c of amounts) ws.getColumn(c + 1).numFmt = '#,##0.00 "€"';
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    c.width = Math.min(60, Math.max(10, ...table.map((r) => (r[i] ?? '').length + 2)));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
