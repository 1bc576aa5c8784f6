import PDFDocument from 'pdfkit';
import { csvLine } from '../platform/csv.ts';
import type { Translate } from '../platform/i18n/i18n.ts';
import type { Lang } from '../platform/i18n/i18n.ts';
import { formatDate, formatTime } from '../platform/format.ts';
import { FONT_FILES } from '../platform/layout/fonts.ts';
import type { EventModel, RegistrationModel } from './events.service.ts';
import type { EventSignaturesTable } from './events.tables.ts';
import { qrPng } from './events.qr.ts';
import { pdfBytes } from '../platform/pdf.ts';

type Row = RegistrationModel & { position: number | null };

/** The columns of the registrations export: fixed ones, then one per custom question. */
function table(event: EventModel, rows: Row[], t: Translate, lang: Lang): string[][] {
  const header = ['name', 'organisation', 'email', 'places', 'status', 'position', 'registeredAt', 'checkedIn', 'source'].map((k) => t(`events.export.${k}`));
  header.push(...event.questions.map((q) => q.label));
  const body = rows.map((r) => [
    r.name,
    r.organisation,
    r.email ?? '',
    String(r.places),
    t(`events.regStatus.${r.status}`),
    r.position ? String(r.position) : '',
    `${formatDate(r.createdAt, lang)} ${formatTime(r.createdAt, lang)}`,
    r.checkedInAt ? formatTime(r.checkedInAt, lang) : '',
    t(`events.source.${r.source}`),
    ...event.questions.map((q) => r.answers[q.id] ?? ''),
  ]);
  return [header, ...body];
}

/** Semicolons and a BOM: what a French spreadsheet opens correctly with a double click. */
export function registrationsCsv(event: EventModel, rows: Row[], t: Translate, lang: Lang): string {
  return (
    '\uFEFF' +
    table(event, rows, t, lang)
      .map((r) => csvLine(r, ';'))
      .join('\r\n') +
    '\r\n'
  );
}

export async function registrationsXlsx(event: EventModel, rows: Row[], t: Translate, lang: Lang): Promise<Buffer> {
  // exceljs weighs 23 MB and is used by this export only: loaded on the first one, not at boot.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Palabre';
  const ws = wb.addWorksheet(t('events.export.sheet'));
  const data = table(event, rows, t, lang);
  ws.addRows(data);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    c.width = Math.min(50, Math.max(10, ...data.map((r) => (r[i] ?? '').length + 2)));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function slotLabel(slot: string, lang: Lang, t: Translate): string {
  const day = slot.slice(0, 10);
  const date = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Europe/Paris' }).format(new Date(`${day}T12:00:00Z`));
  return `${date} ${t(slot.endsWith('-am') ? 'events.sheet.morning' : 'events.sheet.afternoon')}`;
}

const ROWS_PER_PAGE = 25;

/**
 * The feuille d'émargement: confirmed people sorted by name, about 25 a page, one signature column
 * per half-day; signatures made on the tablet are printed in their cell with the time.
 */
export function signInSheetPdf(input: {
  event: EventModel;
  rows: RegistrationModel[];
  slots: string[];
  signatures: EventSignaturesTable[];
  t: Translate;
  lang: Lang;
  siteName: string;
  place: string;
  when: string;
  /** Lines other modules print on the sheet (the forum's join code), each with a QR code. */
  notes?: Array<{ text: string; url: string }>;
}): Promise<Buffer> {
  const { event, t, lang, slots } = input;
  const people = [...input.rows].sort((a, b) => a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }) || a.organisation.localeCompare(b.organisation, 'fr'));
  const sigs = new Map(input.signatures.map((s) => [`${s.registration_id}:${s.slot}`, s]));
  const landscape = slots.length > 2;
  const doc = new PDFDocument({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: 36, info: { Title: `${t('events.sheet.title')} — ${event.title}`, Author: input.siteName } });
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  const done = pdfBytes(doc);

  const pageWidth = doc.page.width - 72;
  const nameW = Math.min(170, pageWidth * 0.3);
  const orgW = Math.min(150, pageWidth * 0.25);
  const slotW = (pageWidth - 24 - nameW - orgW) / Math.max(1, slots.length);
  // A note line costs about 12 points: landscape rows give them back so that 25 rows still fit.
  const rowH = landscape ? ((input.notes ?? []).length ? 17.5 : 18) : 26;
  const pages = Math.max(1, Math.ceil(people.length / ROWS_PER_PAGE));

  const notes = (input.notes ?? []).slice(0, 2);
  const qrs = notes.map((n) => qrPng(n.url, { scale: 4, margin: 1 }));
  // The codes sit in the top right corner so that the table keeps its 25 rows a page.
  const qrSide = 54;
  const headW = notes.length ? pageWidth - notes.length * (qrSide + 6) : pageWidth;

  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    for (const [i, png] of qrs.entries()) doc.image(png, 36 + pageWidth - (i + 1) * qrSide - i * 6, 30, { width: qrSide, height: qrSide });
    doc
      .font('bold')
      .fontSize(14)
      .text(`${t('events.sheet.title')} — ${event.title}`, 36, 36, { width: headW });
    doc.font('body').fontSize(10).text([input.when, input.place].filter(Boolean).join(' · '), { width: headW });
    for (const n of notes) doc.font('bold').fontSize(9).text(n.text, { width: headW });
    doc
      .font('body')
      .fontSize(10)
      .text(t('events.sheet.page', { page: p + 1, pages }), 36, doc.y, { width: pageWidth, align: 'right' });
    let y = Math.max(doc.y + 6, notes.length ? 30 + qrSide + 4 : 0);
    const cols = [
      { x: 36, w: 24, label: t('events.sheet.number') },
      { x: 60, w: nameW, label: t('events.export.name') },
      { x: 60 + nameW, w: orgW, label: t('events.export.organisation') },
      ...slots.map((s, i) => ({ x: 60 + nameW + orgW + i * slotW, w: slotW, label: slotLabel(s, lang, t) })),
    ];
    doc.font('bold').fontSize(9);
    const headH = 30;
    for (const c of cols) {
      doc.rect(c.x, y, c.w, headH).stroke();
      doc.text(c.label, c.x + 3, y + 4, { width: c.w - 6, height: headH - 4 });
    }
    y += headH;
    doc.font('body').fontSize(9);
    const slice = people.slice(p * ROWS_PER_PAGE, (p + 1) * ROWS_PER_PAGE);
    slice.forEach((r, i) => {
      const values = [String(p * ROWS_PER_PAGE + i + 1), r.name, r.organisation];
      cols.forEach((c, ci) => {
        doc.rect(c.x, y, c.w, rowH).stroke();
        if (ci < 3) {
          doc.text(values[ci], c.x + 3, y + 4, { width: c.w - 6, height: rowH - 4, ellipsis: true, lineBreak: false });
          return;
        }
        const sig = sigs.get(`${r.id}:${slots[ci - 3]}`);
        if (!sig) return;
        const time = formatTime(sig.signed_at, lang);
        if (sig.png) {
          try {
            doc.image(Buffer.from(sig.png, 'base64'), c.x + 2, y + 1, { fit: [c.w - 40, rowH - 2] });
          } catch {
            // An unreadable drawing still leaves the time as proof of presence.
          }
          doc
            .fontSize(7)
            .text(time, c.x + c.w - 36, y + rowH - 10, { width: 34, align: 'right', lineBreak: false })
            .fontSize(9);
        } else {
          doc.text(t('events.sheet.typed', { name: sig.typed_name ?? '', time }), c.x + 3, y + 4, { width: c.w - 6, height: rowH - 4, ellipsis: true, lineBreak: false });
        }
      });
      y += rowH;
    });
  }
  doc.end();
  return done;
}
