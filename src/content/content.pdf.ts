/**
 * Small real PDFs (the demo's proceedings and programme, test files), written by hand:
 * Helvetica with WinAnsi encoding, so French letters work; pages of plain text.
 */
export function makePdf(text: string, opts: { title?: string } = {}): Buffer {
  // Characters outside Latin-1 are spelled plainly (WinAnsi is Latin-1 for letters).
  const plain = (s: string) =>
    s
      .replace(/[’‘]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/œ/g, 'oe')
      .replace(/Œ/g, 'OE')
      .replace(/[\u2009\u202f\u00a0]/g, ' ')
      .replace(/[–—]/g, '-')
      .replace(/…/g, '...')
      .replace(/·/g, '.');
  const escapePdf = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const lines: string[] = [];
  for (const paragraph of plain(text).split('\n')) {
    const wrapped = paragraph.match(/.{1,85}(\s|$)/g) ?? [''];
    lines.push(...wrapped.map((l) => l.trimEnd()), '');
  }
  const perPage = 52;
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));

  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const catalogId = add('');
  const pagesId = add('');
  const fontId = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  for (const page of pages) {
    const stream = Buffer.from(`BT /F1 11 Tf 56 790 Td 14.5 TL ${page.map((l) => `(${escapePdf(l)}) '`).join(' ')} ET`, 'latin1');
    const contentId = add(Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream', 'latin1')]));
    pageIds.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${contentId} 0 R >>`));
  }
  objects[catalogId - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`, 'latin1');
  objects[pagesId - 1] = Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`, 'latin1');
  const infoId = add(`<< /Title (${escapePdf(plain(opts.title ?? ''))}) /Producer (Palabre) >>`);

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0].length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root ${catalogId} 0 R /Info ${infoId} 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
