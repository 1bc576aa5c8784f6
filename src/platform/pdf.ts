/**
 * The bytes of a pdfkit document, once its `end()` is called. Call it right after creating the
 * document: pdfkit streams pages as they are drawn, so the listener must be there from the start.
 */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
