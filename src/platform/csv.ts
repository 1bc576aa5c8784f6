/**
 * CSV cells for the exports animators open in a spreadsheet (RFC 4180, quoted only when needed).
 *
 * A cell starting with =, +, -, @, TAB or CR would be run as a formula by Excel or LibreOffice
 * (`=HYPERLINK(…)` from a name typed in a public form): it gets a leading apostrophe, which the
 * spreadsheet shows as text (OWASP "CSV injection").
 */
export type CsvSeparator = ',' | ';' | '\t';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string, separator: CsvSeparator = ','): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, without its line ending. */
export function csvLine(values: readonly string[], separator: CsvSeparator = ','): string {
  return values.map((v) => csvCell(v, separator)).join(separator);
}
