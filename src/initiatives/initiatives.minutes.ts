/** The committee's minutes as a PDF (pdfkit, the site's typeface): attendance, quorum, each file's decision and votes, the chair's sign-off. */
import PDFDocument from 'pdfkit';
import { formatDate, formatDateTime, formatTime } from '../platform/format.ts';
import type { Lang, Translate } from '../platform/i18n/i18n.ts';
import { FONT_FILES } from '../platform/layout/fonts.ts';
import { paragraphs } from '../platform/text.ts';
import type { CommitteeService } from './initiatives.committee.ts';
import { formatEuros } from './initiatives.model.ts';
import { pdfBytes } from '../platform/pdf.ts';

export type SessionVM = Awaited<ReturnType<CommitteeService['sessionView']>>;

export function minutesPdf(input: { vm: SessionVM; t: Translate; lang: Lang; siteName: string; signer: string | null }): Promise<Buffer> {
  const { vm, t, lang } = input;
  const { committee, call } = vm;
  const title = t('initiatives.minutes.title', { call: call.title, date: formatDate(committee.meets_at, lang) });
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: call.operator_name || input.siteName } });
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  const done = pdfBytes(doc);
  const width = doc.page.width - 100;
  const heading = (text: string) => doc.moveDown(0.6).font('bold').fontSize(12).text(text, { width }).font('body').fontSize(10);

  doc.font('bold').fontSize(16).text(title, { width });
  doc
    .font('body')
    .fontSize(10)
    .text([call.fund_name, call.operator_name].filter(Boolean).join(' · '), { width })
    .text(`${formatDateTime(committee.meets_at, lang)}${committee.place ? ` · ${committee.place}` : ''}`, { width });
  if (!committee.minutes_signed_at) doc.font('bold').text(t('initiatives.minutes.draft'), { width }).font('body');

  heading(t('initiatives.minutes.attendance'));
  const present = vm.attendance.filter((a) => a.present === 1);
  const absent = vm.attendance.filter((a) => a.present !== 1);
  doc.text(`${t('initiatives.minutes.present')} : ${present.map((a) => `${a.name} (${t(`initiatives.attendance.role.${a.role}`)})`).join(', ') || '—'}`, { width });
  if (absent.length) doc.text(`${t('initiatives.minutes.absent')} : ${absent.map((a) => a.name).join(', ')}`, { width });
  doc.text(t(vm.quorumReached ? 'initiatives.quorum.reached' : 'initiatives.quorum.missing', { present: vm.presentCount, quorum: vm.quorum }), { width });

  heading(t('initiatives.minutes.decisions'));
  for (const item of vm.items) {
    doc.moveDown(0.4).font('bold').text(`${item.reference} — ${item.title}`, { width }).font('body');
    doc.text(`${t('initiatives.session.holder')} : ${item.holder_name} · ${t('initiatives.session.requested')} : ${formatEuros(item.requested_cents, lang)}`, { width });
    if (item.hearing_at) doc.text(`${t('initiatives.session.hearing')} : ${formatTime(item.hearing_at, lang)}${item.heard ? ` (${t('initiatives.session.heard')})` : ''}`, { width });
    const d = item.decision;
    if (!d) {
      doc.text(t('initiatives.minutes.undecided'), { width });
      continue;
    }
    const outcome = d.outcome === 'granted' ? t('initiatives.decision.grantedAmount', { amount: formatEuros(d.amount_cents, lang) }) : t(`initiatives.decision.outcome.${d.outcome}`);
    doc
      .font('bold')
      .text(`${t('initiatives.minutes.decision')} : ${outcome}`, { width })
      .font('body');
    doc.text(t('initiatives.minutes.votes', { for: d.votes_for, against: d.votes_against, abstain: d.votes_abstain }), { width });
    if (d.conditions) doc.text(`${t('initiatives.decision.conditions')} : ${d.conditions}`, { width });
    if (d.reason) doc.text(`${t('initiatives.decision.reason')} : ${d.reason}`, { width });
  }

  if (committee.minutes_notes.trim()) {
    heading(t('initiatives.minutes.notes'));
    for (const p of paragraphs(committee.minutes_notes)) doc.text(p, { width }).moveDown(0.3);
  }

  heading(t('initiatives.minutes.signature'));
  doc.text(
    committee.minutes_signed_at && input.signer
      ? t('initiatives.minutes.signedBy', { name: input.signer, date: formatDateTime(committee.minutes_signed_at, lang) })
      : t('initiatives.minutes.unsigned'),
    { width },
  );
  doc.end();
  return done;
}
