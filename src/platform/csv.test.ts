import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, decodeCsv, readCsv } from './csv.ts';

describe('csvCell', () => {
  it('leaves a plain value as it is', () => {
    expect(csvCell('Mairie d’Amiens')).toBe('Mairie d’Amiens');
    expect(csvCell('')).toBe('');
  });

  it('quotes a value holding the separator, a quote or a line break, doubling its quotes', () => {
    expect(csvCell('Dupont, "Jo"')).toBe('"Dupont, ""Jo"""');
    expect(csvCell('ligne 1\r\nligne 2')).toBe('"ligne 1\r\nligne 2"');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a,b', ';')).toBe('a,b');
  });

  it('defuses every value a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","clic")')).toBe(`"'=HYPERLINK(""http://x"",""clic"")"`);
    expect(csvCell('+33 6 12 34 56 78')).toBe("'+33 6 12 34 56 78");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('=CMD()', ';')).toBe("'=CMD()");
  });

  it('leaves a formula sign inside the value alone', () => {
    expect(csvCell('Jean-Pierre = élu')).toBe('Jean-Pierre = élu');
    expect(csvCell('contact@exemple.fr')).toBe('contact@exemple.fr');
  });
});

describe('csvLine', () => {
  it('joins the cells with the separator', () => {
    expect(csvLine(['a', 'b;c', '=1'], ';')).toBe('a;"b;c";\'=1');
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"');
  });
});

describe('readCsv', () => {
  it('reads a Brevo export: semicolons, a byte order mark, quoted cells with line breaks, and line numbers', () => {
    const text = '\ufeffEMAIL;NOM\r\n"a@b.fr";"Dupont; Jean"\r\n\r\n"c@d.fr";"sur\r\ndeux lignes"\r\ne@f.fr;"dit ""Jo"""\r\n';
    const t = readCsv(new TextEncoder().encode(text));
    expect(t.separator).toBe(';');
    expect(t.encoding).toBe('utf-8');
    expect(t.header).toEqual(['EMAIL', 'NOM']);
    expect(t.records).toEqual([
      { line: 2, cells: ['a@b.fr', 'Dupont; Jean'] },
      { line: 4, cells: ['c@d.fr', 'sur\r\ndeux lignes'] },
      { line: 6, cells: ['e@f.fr', 'dit "Jo"'] },
    ]);
  });

  it('tells Windows-1252 from UTF-8, and commas from semicolons', () => {
    const latin = Buffer.from([0x6e, 0x6f, 0x6d, 0x2c, 0x76, 0x69, 0x6c, 0x6c, 0x65, 0x0a, 0x4c, 0xe9, 0x61, 0x2c, 0x41, 0x6d, 0x69, 0x65, 0x6e, 0x73]);
    const t = readCsv(latin);
    expect(t.encoding).toBe('windows-1252');
    expect(t.separator).toBe(',');
    expect(t.records[0].cells).toEqual(['Léa', 'Amiens']);
    expect(decodeCsv(new TextEncoder().encode('Léa')).encoding).toBe('utf-8');
  });
});
