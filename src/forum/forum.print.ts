import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { isolate, scriptWriter } from './forum.scripts.ts';
import { pdfBytes } from '../platform/pdf.ts';

/** What the printed pieces need, already in the reader's language. */
export interface PrintModel {
  title: string;
  question: string;
  date: string;
  place: string;
  labels: { agenda: string; slot: string; sign: string; free: string; join: string; code: string; scan: string; conveners: string; page: string };
  slots: Array<{ id: string; label: string }>;
  spaces: Array<{ id: string; name: string; capacity: string }>;
  themes: Array<{ title: string; conveners: string[]; slotId: string | null; spaceId: string | null }>;
}

const GREEN = '#12422a';
const INK = '#1b1f23';
const MUTED = '#4a5560';

function newDoc(layout: 'portrait' | 'landscape', title: string) {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: title, Creator: 'Palabre' },
    pdfVersion: '1.7',
  });
  const done = pdfBytes(doc);
  return { doc, writer: scriptWriter(doc), done };
}

/** The agenda wall on paper, landscape: slots down, at most six spaces across a page; nothing "live" on it. */
export function agendaPdf(m: PrintModel): Promise<Buffer> {
  const { doc, writer, done } = newDoc('landscape', `${m.labels.agenda} · ${m.title}`);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const perPage = 6;
  const groups: Array<typeof m.spaces> = [];
  for (let i = 0; i < Math.max(1, m.spaces.length); i += perPage) groups.push(m.spaces.slice(i, i + perPage));
  groups.forEach((spaces, g) => {
    if (g > 0) doc.addPage();
    doc.y = doc.page.margins.top;
    writer.paragraph(`${m.labels.agenda} · ${isolate(m.title)}`, { size: 16, color: GREEN, bold: true }, { x: left, width });
    writer.paragraph(`« ${isolate(m.question)} » · ${m.date} · ${m.place}`, { size: 10, color: MUTED }, { x: left, width });
    doc.y += 8;
    const first = 90;
    const col = (width - first) / Math.max(1, spaces.length);
    const rowTop = doc.y;
    writer.paragraph(m.labels.slot, { size: 10, color: INK, bold: true }, { x: left, width: first - 6 });
    let bottom = doc.y;
    spaces.forEach((s, j) => {
      doc.y = rowTop;
      writer.paragraph(`${s.name} (${s.capacity})`, { size: 10, color: INK, bold: true }, { x: left + first + j * col + 4, width: col - 8 });
      bottom = Math.max(bottom, doc.y);
    });
    doc
      .moveTo(left, bottom + 2)
      .lineTo(left + width, bottom + 2)
      .strokeColor(MUTED)
      .lineWidth(0.8)
      .stroke();
    doc.y = bottom + 6;
    for (const slot of m.slots) {
      const top = doc.y;
      if (top > doc.page.height - doc.page.margins.bottom - 60) {
        doc.addPage();
        doc.y = doc.page.margins.top;
      }
      const y0 = doc.y;
      writer.paragraph(slot.label, { size: 10, color: INK, bold: true }, { x: left, width: first - 6 });
      let rowBottom = doc.y;
      spaces.forEach((s, j) => {
        doc.y = y0;
        const theme = m.themes.find((t) => t.slotId === slot.id && t.spaceId === s.id);
        const box = { x: left + first + j * col + 4, width: col - 8 };
        if (theme) {
          writer.paragraph(theme.title, { size: 10, color: INK, bold: true }, box);
          if (theme.conveners.length) writer.paragraph(theme.conveners.map(isolate).join(', '), { size: 8.5, color: MUTED }, box);
        } else writer.paragraph(m.labels.free, { size: 8.5, color: MUTED }, box);
        rowBottom = Math.max(rowBottom, doc.y);
      });
      doc
        .moveTo(left, rowBottom + 3)
        .lineTo(left + width, rowBottom + 3)
        .strokeColor('#c8ced3')
        .lineWidth(0.5)
        .stroke();
      doc.y = rowBottom + 8;
    }
  });
  doc.end();
  return done;
}

/** One sign per room or space, for its door: its name in large type and the sessions held there. */
export function signsPdf(m: PrintModel): Promise<Buffer> {
  const { doc, writer, done } = newDoc('landscape', `${m.labels.sign} · ${m.title}`);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  m.spaces.forEach((space, i) => {
    if (i > 0) doc.addPage();
    doc.y = doc.page.margins.top + 10;
    writer.paragraph(isolate(m.title), { size: 14, color: MUTED, align: 'center' }, { x: left, width });
    doc.y += 10;
    writer.paragraph(space.name, { size: 54, color: GREEN, bold: true, align: 'center' }, { x: left, width });
    writer.paragraph(space.capacity, { size: 16, color: MUTED, align: 'center' }, { x: left, width });
    doc.y += 18;
    for (const slot of m.slots) {
      const theme = m.themes.find((t) => t.slotId === slot.id && t.spaceId === space.id);
      writer.paragraph(`${slot.label} : ${theme ? isolate(theme.title) : m.labels.free}`, { size: 20, color: theme ? INK : MUTED, bold: !!theme }, { x: left + 40, width: width - 80 });
      if (theme?.conveners.length) writer.paragraph(`${m.labels.conveners} : ${theme.conveners.map(isolate).join(', ')}`, { size: 13, color: MUTED }, { x: left + 40, width: width - 80 });
      doc.y += 8;
    }
  });
  if (m.spaces.length === 0) writer.paragraph(m.title, { size: 20, color: INK }, { x: left, width });
  doc.end();
  return done;
}

/** The join poster: the QR code, the address and the code in type readable from a few metres. */
export async function posterPdf(m: PrintModel, joinUrl: string, code: string): Promise<Buffer> {
  const { doc, writer, done } = newDoc('portrait', `${m.labels.join} · ${m.title}`);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const qr = await QRCode.toBuffer(joinUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 800 });
  doc.y = 60;
  writer.paragraph(m.labels.join, { size: 34, color: GREEN, bold: true, align: 'center' }, { x: left, width });
  writer.paragraph(isolate(m.title), { size: 18, color: INK, align: 'center' }, { x: left, width });
  writer.paragraph(`« ${isolate(m.question)} »`, { size: 14, color: MUTED, align: 'center' }, { x: left, width });
  const size = 300;
  doc.image(qr, (doc.page.width - size) / 2, doc.y + 20, { width: size, height: size });
  doc.y += size + 40;
  writer.paragraph(m.labels.scan, { size: 14, color: INK, align: 'center' }, { x: left, width });
  writer.paragraph(joinUrl.replace(/^https?:\/\//, ''), { size: 14, color: INK, align: 'center' }, { x: left, width });
  doc.y += 10;
  writer.paragraph(`${m.labels.code} : ${code}`, { size: 40, color: GREEN, bold: true, align: 'center' }, { x: left, width });
  doc.end();
  return done;
}
