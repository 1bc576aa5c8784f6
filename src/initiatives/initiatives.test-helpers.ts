import { expect } from 'vitest';
import { type Agent, csrfFrom } from '../../test/agent.ts';
import type { TestApp } from '../../test/harness.ts';
import { browser, createAccount, signIn, unique } from '../accounts/accounts.test-helpers.ts';

/** A signed-in browser without JavaScript, for a new account of the given role. */
export async function person(app: TestApp, role: 'user' | 'animator' = 'user', name = 'Camille Test') {
  const acc = await createAccount(app, { role, name, email: unique(role).email });
  const agent = browser(app);
  await signIn(agent, acc.email, acc.password);
  return { ...acc, agent };
}

export const inAYear = () => new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);
export const inAWeek = () => new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);

/** The call form as staff fill it in. */
export function callForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Fonds PIC de test',
    slug: '',
    reference_prefix: 'PICT',
    summary: 'Un fonds pour les projets des habitant·es.',
    description: 'Soutenir les initiatives.',
    fund_name: 'Fonds de participation des habitants',
    funders: 'Région Hauts-de-France 70\nVille de Roubaix 30',
    operator_name: 'Association gestionnaire test',
    operator_contact: 'contact@exemple.fr',
    eligible_holders: ['informal_group', 'association'],
    eligibility: '',
    communes: 'Roubaix\n59163',
    neighbourhoods: 'Alma\nEpeule',
    project_ceiling: '900',
    repeat_project_ceiling: '400',
    yearly_envelope: '20000',
    eligible_costs: 'Frais de fonctionnement.',
    ineligible_costs: 'Investissement.',
    status: 'open',
    opens_on: '',
    closes_on: inAYear(),
    deadline_days_before: '15',
    quorum: '7',
    documents: 'Règlement | /documents/reglement',
    first_tranche_percent: '80',
    report_due_days: '30',
    checklist: 'Budget équilibré\nRIB fourni',
    criteria: 'Participation des habitant·es | 3 | 5\nFaisabilité | 1 | 5',
    ...overrides,
  };
}

/** A complete project with a balanced budget (500 € of expenses, 400 € asked, 100 € in kind). */
export function projectForm(revision: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    revision,
    title: 'Fête des voisins de la rue de l’Alma',
    summary: 'Un repas partagé et des jeux pour les enfants.',
    holder_kind: 'informal_group',
    holder_name: 'Les voisins de l’Alma',
    holder_people: 'Inès, Karim, Jeanne',
    contact_phone: '06 12 34 56 78',
    commune_code: '59512',
    neighbourhood: 'Alma',
    place: 'Square de l’Alma',
    starts_on: inAYear(),
    ends_on: '',
    audience: 'Les habitant·es du quartier, enfants compris.',
    expected_participants: '80',
    exp_kind_0: 'food',
    exp_label_0: 'Repas partagé',
    exp_amount_0: '300',
    exp_kind_1: 'rental',
    exp_label_1: 'Location de tables',
    exp_amount_1: '100',
    exp_kind_2: 'in_kind',
    exp_label_2: 'Bénévolat',
    exp_amount_2: '100',
    res_kind_0: 'requested',
    res_label_0: 'Fonds PIC',
    res_amount_0: '400',
    res_kind_1: 'in_kind',
    res_label_1: 'Bénévolat valorisé',
    res_amount_1: '100',
    action: 'save',
    ...overrides,
  };
}

export const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)?.[1] ?? '1';

/** Posts the file form as the page shows it (its CSRF token and revision). */
export async function postFile(agent: Agent, id: string, fields: (revision: string) => Record<string, string | string[]>) {
  const page = await agent.get(`/initiatives/dossiers/${id}`);
  expect(page.statusCode, page.body.slice(0, 200)).toBe(200);
  return agent.post(`/initiatives/dossiers/${id}`, { _csrf: csrfFrom(page.body)!, ...fields(revisionIn(page.body)) });
}

/** Uploads one file through the attachments form (multipart, CSRF first). */
export async function upload(app: TestApp, agent: Agent, id: string, filename: string, data: Buffer, kind = 'quote') {
  const page = await agent.get(`/initiatives/dossiers/${id}`);
  const token = csrfFrom(page.body)!;
  const boundary = '----palabre-test-boundary';
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(part('_csrf', token) + part('kind', kind)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.server.inject({ method: 'POST', url: `/initiatives/dossiers/${id}/pieces`, payload, headers: { ...agent.headers, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
