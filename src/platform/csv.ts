/**
 * CSV cells for the exports animators open in a spreadsheet (RFC 4180, quoted only when needed),
 * and the reader of the files they bring in (imports: encoding and separator detected).
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

/** A record read from a CSV file: `line` is the line number a spreadsheet shows (the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvTable {
  encoding: 'utf-8' | 'windows-1252';
  separator: CsvSeparator;
  header: string[];
  records: CsvRecord[];
}

/**
 * Text of a CSV file as spreadsheets and mailing services write them: UTF-8 with or without its
 * byte order mark, or Windows-1252 (Excel's "CSV" on a French Windows), told apart by trying
 * UTF-8 strictly first (Windows-1252 accented letters are never valid UTF-8 sequences).
 */
export function decodeCsv(data: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const bytes = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The separator of the header line: the one of `,` `;` TAB found most often outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvSeparator]++;
  }
  return (Object.entries(counts) as Array<[CsvSeparator, number]>).reduce((best, c) => (c[1] > best[1] ? c : best), [',', 0] as [CsvSeparator, number])[0];
}

/** RFC 4180 records (quoted cells may hold separators, quotes and line breaks), each with the line it starts on; blank lines are left out. */
export function parseCsvRecords(text: string, separator: CsvSeparator): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1 || cell !== '') records.push({ line: start, cells });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length || touched) endRecord();
  return records;
}

/** A whole CSV file: encoding and separator detected, the first record as header (trimmed). */
export function readCsv(data: Uint8Array): CsvTable {
  const { text, encoding } = decodeCsv(data);
  const separator = detectSeparator(text);
  const [head, ...records] = parseCsvRecords(text, separator);
  return { encoding, separator, header: (head?.cells ?? []).map((h) => h.trim()), records };
}
