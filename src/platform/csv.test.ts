import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

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
