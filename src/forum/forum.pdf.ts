import PDFDocument from 'pdfkit';
import { isolate, scriptWriter } from './forum.scripts.ts';
import { pdfBytes } from '../platform/pdf.ts';

export interface ProceedingsInput {
  labels: Record<
    | 'title'
    | 'question'
    | 'figures'
    | 'grid'
    | 'reports'
    | 'actionPlan'
    | 'comments'
    | 'vote'
    | 'conveners'
    | 'carrier'
    | 'partners'
    | 'due'
    | 'initiator'
    | 'nextSteps'
    | 'votes'
    | 'page'
    | 'empty'
    | 'proposal'
    | 'present'
    | 'carriedBy',
    string
  >;
  forum: { title: string; question: string; date: string; place: string };
  figures: Array<{ label: string; value: string }>;
  grid: { slots: string[]; spaces: string[]; cells: string[][] };
  reports: Array<{
    title: string;
    description: string;
    conveners: string[];
    size: number;
    present: string[];
    where: string;
    sections: Array<{ label: string; body: string }>;
    actions: Array<{ kind: 'action' | 'proposal'; title: string; carrier: string; partners: string; due: string; owner: string; carried: boolean }>;
    comments: Array<{ author: string; body: string }>;
  }>;
  ranking: Array<{ label: string; votes: number; initiator: string; nextSteps: string; items: string[] }>;
}

const GREEN = '#12422a';
const INK = '#1b1f23';
const MUTED = '#4a5560';

/** The proceedings of a forum as a tagged, text-extractable PDF: cover, figures, grid, every report, the vote. */
export function buildProceedingsPdf(m: ProceedingsInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: m.labels.title, Subject: m.forum.question, Creator: 'Palabre' },
    pdfVersion: '1.7',
    tagged: true,
  } as PDFKit.PDFDocumentOptions);
  const writer = scriptWriter(doc);
  const done = pdfBytes(doc);

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const box = { x: doc.page.margins.left, width };
  const gap = (lines: number) => {
    doc.y += lines * 12;
  };
  const heading = (text: string, size: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - size * 4) doc.addPage();
    writer.paragraph(text, { size, color: GREEN, bold: true }, box);
    gap(0.3);
  };
  const para = (text: string, opts: { size?: number; color?: string; bold?: boolean } = {}) => {
    writer.paragraph(text, { size: opts.size ?? 11, color: opts.color ?? INK, bold: opts.bold }, box);
  };

  // Cover
  gap(4);
  writer.paragraph(m.labels.title, { size: 26, color: GREEN, bold: true }, box);
  gap(1);
  para(m.labels.question, { size: 12, color: MUTED });
  writer.paragraph(`« ${m.forum.question} »`, { size: 18, color: INK, bold: true }, box);
  gap(1);
  para(`${m.forum.date} · ${m.forum.place}`, { size: 13 });
  gap(2);
  heading(m.labels.figures, 15);
  for (const f of m.figures) para(`${f.label} : ${f.value}`, { size: 12 });

  // Agenda grid, as a list per slot: 60 spaces do not fit across an A4 page.
  doc.addPage();
  heading(m.labels.grid, 18);
  m.grid.slots.forEach((slot, i) => {
    const row = m.grid.cells[i].map((title, j) => (title ? `${isolate(m.grid.spaces[j])} : ${isolate(title)}` : '')).filter(Boolean);
    if (!row.length) return;
    heading(slot, 12);
    for (const line of row) para(`• ${line}`, { size: 10 });
    gap(0.4);
  });

  // Reports
  doc.addPage();
  heading(m.labels.reports, 18);
  m.reports.forEach((r, index) => {
    if (index > 0) gap(1);
    heading(`${index + 1}. ${isolate(r.title)}`, 14);
    const meta = [r.where, r.conveners.length ? `${m.labels.conveners} : ${r.conveners.map(isolate).join(', ')}` : '', r.size ? `${r.size} participant·e·s` : ''].filter(Boolean).join(' · ');
    if (meta) para(meta, { size: 9.5, color: MUTED });
    if (r.present.length) para(`${m.labels.present} : ${r.present.map(isolate).join(', ')}`, { size: 9.5, color: MUTED });
    if (r.description) para(r.description, { size: 10, color: MUTED });
    gap(0.3);
    if (!r.sections.length && !r.actions.length) para(m.labels.empty, { size: 10, color: MUTED });
    for (const s of r.sections) {
      para(s.label, { bold: true, size: 11 });
      para(s.body, { size: 10.5 });
      gap(0.3);
    }
    if (r.actions.length) {
      para(m.labels.actionPlan, { bold: true, size: 11 });
      for (const a of r.actions) {
        const details = [
          a.carrier && `${m.labels.carrier} : ${isolate(a.carrier)}`,
          a.carried && a.owner && `${m.labels.carriedBy} : ${isolate(a.owner)}`,
          a.partners && `${m.labels.partners} : ${a.partners}`,
          a.due && `${m.labels.due} : ${a.due}`,
        ]
          .filter(Boolean)
          .join(' ; ');
        para(`• ${a.kind === 'proposal' ? `[${m.labels.proposal}] ` : ''}${isolate(a.title)}${details ? ` (${details})` : ''}`, { size: 10.5 });
      }
      gap(0.3);
    }
    if (r.comments.length) {
      para(m.labels.comments, { bold: true, size: 11 });
      for (const c of r.comments) para(`${isolate(c.author)} : ${c.body}`, { size: 10 });
    }
  });

  // Vote
  if (m.ranking.length) {
    doc.addPage();
    heading(m.labels.vote, 18);
    m.ranking.forEach((r, i) => {
      heading(`${i + 1}. ${isolate(r.label)} — ${r.votes} ${m.labels.votes}`, 12);
      if (r.initiator) para(`${m.labels.initiator} : ${isolate(r.initiator)}`, { size: 10.5 });
      for (const item of r.items) para(`• ${isolate(item)}`, { size: 10 });
      if (r.nextSteps) para(`${m.labels.nextSteps} : ${r.nextSteps}`, { size: 10.5 });
    });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.y = doc.page.height - 40;
    writer.paragraph(`${isolate(m.forum.title)} · ${m.labels.page} ${i + 1}/${range.count}`, { size: 9, color: MUTED, align: 'center' }, box);
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
