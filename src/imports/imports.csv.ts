import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CsvTable } from '../platform/csv.ts';
import { column, EMAIL, type ImportItem, isYes, type LineProblem, type ParsedFile, parseDate, themesOf } from './imports.model.ts';

/** The CSV kinds: subscribers (Mailchimp, Brevo), members and organisations, documents with their metadata. */

export interface SubscriberData {
  email: string;
  status: 'confirmed' | 'unsubscribed' | 'bounced';
  /** Null when the export gives no date: the time of the import is used, outside the entry (so that its fingerprint stays the same from one run to the next). */
  requestedAt: string | null;
  confirmedAt: string | null;
  leftAt: string | null;
  consentText: string;
  consentSource: string;
}

const DO_NOT_MAIL = { bounced: 3, unsubscribed: 2, confirmed: 1 } as const;

const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');

/**
 * Mailchimp's "subscribed", "unsubscribed" and "cleaned" exports and Brevo's contact export.
 * Consent is kept as the service recorded it (opt-in and confirmation times and addresses), so
 * nobody is asked to confirm again; unsubscribed and cleaned addresses come in as "do not mail".
 * The same address twice (any case) is one subscriber: the later lines are merged into the first.
 */
export function parseSubscribers(t: CsvTable): ParsedFile<SubscriberData> {
  const h = t.header;
  const mailchimp = column(h, ['Email Address']) >= 0;
  const c = {
    email: column(h, ['Email Address', 'EMAIL', 'E-mail', 'Adresse e-mail', 'Courriel']),
    optinTime: column(h, ['OPTIN_TIME', 'DATE_CREATION', 'ADDED_TIME', 'DATE_AJOUT']),
    optinIp: column(h, ['OPTIN_IP']),
    confirmTime: column(h, ['CONFIRM_TIME', 'DOUBLE_OPT-IN_DATE', 'DOI_DATE']),
    confirmIp: column(h, ['CONFIRM_IP']),
    unsubTime: column(h, ['UNSUB_TIME', 'DATE_DESINSCRIPTION', 'UNSUBSCRIBED_TIME']),
    cleanTime: column(h, ['CLEAN_TIME']),
    blacklisted: column(h, ['EMAIL_BLACKLISTED', 'BLACKLISTED', 'EMAIL_BLACKLISTE', 'BLACKLIST']),
  };
  const flavour = mailchimp ? (c.cleanTime >= 0 ? 'Mailchimp (nettoyé·es)' : c.unsubTime >= 0 ? 'Mailchimp (désinscrit·es)' : 'Mailchimp (abonné·es)') : 'Brevo';
  const service = mailchimp ? 'Mailchimp' : 'Brevo';
  const problems: LineProblem[] = [];
  const byEmail = new Map<string, ImportItem<SubscriberData>>();
  const emailHeader = h[c.email] ?? 'EMAIL';
  if (c.email < 0) problems.push({ line: 1, label: '', outcome: 'error', field: emailHeader, reason: 'imports.reason.noEmailColumn' });
  for (const r of c.email < 0 ? [] : t.records) {
    const raw = cell(r.cells, c.email);
    const email = raw.toLowerCase();
    // A separator left unquoted, or a line cut short: its cells no longer match the header.
    if (r.cells.length > h.length + 1 || r.cells.length <= c.email) {
      problems.push({ line: r.line, label: raw, outcome: 'error', field: null, reason: 'imports.reason.columnCount', params: { found: r.cells.length, expected: h.length } });
      continue;
    }
    if (!EMAIL.test(email)) {
      problems.push({ line: r.line, label: raw, outcome: 'error', field: emailHeader, reason: raw ? 'imports.reason.badEmail' : 'imports.reason.required' });
      continue;
    }
    const at = (i: number) => (i >= 0 ? parseDate(cell(r.cells, i)) : null);
    const optinAt = at(c.optinTime);
    const confirmAt = at(c.confirmTime);
    const cleaned = c.cleanTime >= 0;
    const unsubAt = at(c.unsubTime) ?? at(c.cleanTime);
    const status: SubscriberData['status'] = cleaned ? 'bounced' : unsubAt || (c.unsubTime >= 0 && mailchimp) || isYes(cell(r.cells, c.blacklisted)) ? 'unsubscribed' : 'confirmed';
    const proof = [
      `${service}`,
      optinAt ? `opt-in le ${optinAt}${cell(r.cells, c.optinIp) ? ` depuis ${cell(r.cells, c.optinIp)}` : ''}` : '',
      confirmAt ? `confirmation le ${confirmAt}${cell(r.cells, c.confirmIp) ? ` depuis ${cell(r.cells, c.confirmIp)}` : ''}` : '',
    ].filter(Boolean);
    const data: SubscriberData = {
      email,
      status,
      requestedAt: optinAt ?? confirmAt,
      confirmedAt: confirmAt ?? optinAt,
      leftAt: status === 'confirmed' ? null : unsubAt,
      consentText: `Inscription à la lettre d’information recueillie par ${service} (import)`,
      consentSource: proof.join(' ; '),
    };
    const first = byEmail.get(email);
    if (first) {
      first.data = mergeSubscribers(first.data, data);
      first.merged = [...(first.merged ?? []), r.line];
      first.preview = subscriberPreview(first.data);
      problems.push({ line: r.line, label: raw, outcome: 'skipped', field: emailHeader, reason: 'imports.reason.mergedWith', params: { line: first.line } });
      continue;
    }
    byEmail.set(email, { line: r.line, key: email, label: email, data, preview: subscriberPreview(data) });
  }
  return {
    kind: 'subscribers',
    items: [...byEmail.values()],
    problems,
    flavour,
    columns: ['imports.field.email', 'imports.field.status', 'imports.field.optin', 'imports.field.confirmation'],
    mapping: [
      [c.email, 'imports.field.email'],
      [c.optinTime, 'imports.field.optin'],
      [c.optinIp, 'imports.field.optin'],
      [c.confirmTime, 'imports.field.confirmation'],
      [c.confirmIp, 'imports.field.confirmation'],
      [c.unsubTime, 'imports.field.status'],
      [c.cleanTime, 'imports.field.status'],
      [c.blacklisted, 'imports.field.status'],
    ].flatMap(([i, field]) => (Number(i) >= 0 ? [{ source: h[Number(i)], field: String(field) }] : [])),
  };
}

/** Two lines of the same address: "do not mail" wins, the earliest request and the first confirmation are kept. */
export function mergeSubscribers(a: SubscriberData, b: SubscriberData): SubscriberData {
  const worse = DO_NOT_MAIL[b.status] > DO_NOT_MAIL[a.status] ? b : a;
  return {
    ...a,
    status: worse.status,
    leftAt: worse.leftAt,
    requestedAt: !a.requestedAt || (b.requestedAt && b.requestedAt < a.requestedAt) ? b.requestedAt : a.requestedAt,
    confirmedAt: a.confirmedAt ?? b.confirmedAt,
    consentSource: a.consentSource.length >= b.consentSource.length ? a.consentSource : b.consentSource,
  };
}

function subscriberPreview(d: SubscriberData): Record<string, string> {
  return {
    'imports.field.email': d.email,
    'imports.field.status': `imports.status.${d.status}`,
    'imports.field.optin': d.requestedAt ?? '',
    'imports.field.confirmation': d.confirmedAt ?? '',
  };
}

// ---- Members and organisations ------------------------------------------------------------

export interface MemberData {
  email: string;
  name: string;
  organisation: string;
  orgType: string;
  role: string;
  territoryCode: string;
  territoryLabel: string;
  themes: string[];
  directory: boolean;
}

export type TerritoryAnswer = { code: string; label: string } | { ambiguous: string[] } | null;

const ROLE_WORDS: Array<[RegExp, string]> = [
  [/^[ée]lu/i, 'elu'],
  [/^(technicien|agent|charg[ée])/i, 'technicien'],
  [/^habitant/i, 'habitant'],
  [/^salari[ée]/i, 'salarie-associatif'],
];
const ORG_WORDS: Array<[RegExp, string]> = [
  [/^(commune|mairie|collectivit|d[ée]partement|r[ée]gion)/i, 'collectivite'],
  [/^(epci|communaut[ée]|m[ée]tropole|intercommunalit)/i, 'epci'],
  [/^association/i, 'association'],
  [/^(entreprise|soci[ée]t[ée]|scop|scic)/i, 'entreprise'],
  [/^collectif/i, 'collectif'],
  [/^([ée]tablissement|[ée]tat|agence)/i, 'etablissement-public'],
];
const pick = (words: Array<[RegExp, string]>, v: string, known: readonly string[]) => (known.includes(v) ? v : (words.find(([re]) => re.test(v))?.[1] ?? 'autre'));

/**
 * A members spreadsheet: name (or first and last name), e-mail, organisation, role, territory
 * (INSEE code, postcode or name, resolved by the network module), themes, directory consent.
 */
export function parseMembers(
  t: CsvTable,
  opts: { resolveTerritory: (text: string) => TerritoryAnswer; themes: Map<string, string>; roles: readonly string[]; orgTypes: readonly string[] },
): ParsedFile<MemberData> {
  const h = t.header;
  const c = {
    email: column(h, ['email', 'e-mail', 'courriel', 'adresse e-mail', 'adresse electronique', 'mail']),
    name: column(h, ['nom complet', 'name', 'nom et prenom', 'prenom nom']),
    last: column(h, ['nom', 'last name']),
    first: column(h, ['prenom', 'first name']),
    org: column(h, ['organisation', 'structure', 'organization', 'employeur']),
    orgType: column(h, ['type organisation', 'type de structure', 'type structure', 'type']),
    role: column(h, ['role', 'fonction', 'qualite']),
    territory: column(h, ['territoire', 'commune', 'code insee', 'code postal', 'territory', 'ville']),
    themes: column(h, ['thematiques', 'themes', 'thematique', 'centres d interet']),
    directory: column(h, ['annuaire', 'directory', 'consentement annuaire', 'visible dans l annuaire']),
  };
  const problems: LineProblem[] = [];
  const items = new Map<string, ImportItem<MemberData>>();
  const need: Array<[keyof typeof c, string]> = [
    ['email', 'email'],
    ['org', 'organisation'],
    ['territory', 'territoire'],
  ];
  for (const [k, name] of need) if (c[k] < 0) problems.push({ line: 1, label: '', outcome: 'error', field: name, reason: 'imports.reason.missingColumn' });
  if (c.name < 0 && c.last < 0) problems.push({ line: 1, label: '', outcome: 'error', field: 'nom', reason: 'imports.reason.missingColumn' });
  if (problems.length) return { kind: 'members', items: [], problems, flavour: 'CSV', columns: [], mapping: [] };
  for (const r of t.records) {
    const email = cell(r.cells, c.email).toLowerCase();
    const name = c.name >= 0 ? cell(r.cells, c.name) : [cell(r.cells, c.first), cell(r.cells, c.last)].filter(Boolean).join(' ');
    const label = name || email;
    const fail = (col: number, reason: string, params?: Record<string, string | number>) => problems.push({ line: r.line, label, outcome: 'error', field: h[col] ?? null, reason, params });
    if (!EMAIL.test(email)) {
      fail(c.email, email ? 'imports.reason.badEmail' : 'imports.reason.required');
      continue;
    }
    if (!name) {
      fail(c.name >= 0 ? c.name : c.last, 'imports.reason.required');
      continue;
    }
    const organisation = cell(r.cells, c.org);
    if (!organisation) {
      fail(c.org, 'imports.reason.required');
      continue;
    }
    const typed = cell(r.cells, c.territory);
    const territory = typed ? opts.resolveTerritory(typed) : null;
    if (!territory || 'ambiguous' in territory) {
      if (!typed) fail(c.territory, 'imports.reason.required');
      else if (territory) fail(c.territory, 'imports.reason.territoryAmbiguous', { value: typed, choices: territory.ambiguous.join(', ') });
      else fail(c.territory, 'imports.reason.territoryUnknown', { value: typed });
      continue;
    }
    if (items.has(email)) {
      problems.push({ line: r.line, label, outcome: 'skipped', field: h[c.email], reason: 'imports.reason.mergedWith', params: { line: items.get(email)!.line } });
      continue;
    }
    const themes: string[] = [];
    const unknown: string[] = [];
    for (const th of themesOf(cell(r.cells, c.themes))) {
      const slug = opts.themes.get(th.slug);
      if (slug) themes.push(slug);
      else unknown.push(th.name);
    }
    const data: MemberData = {
      email,
      name,
      organisation,
      orgType: pick(ORG_WORDS, cell(r.cells, c.orgType), opts.orgTypes),
      role: pick(ROLE_WORDS, cell(r.cells, c.role), opts.roles),
      territoryCode: territory.code,
      territoryLabel: territory.label,
      themes,
      directory: isYes(cell(r.cells, c.directory)),
    };
    items.set(email, {
      line: r.line,
      key: email,
      label,
      data,
      note: unknown.length ? { field: h[c.themes], reason: 'imports.reason.unknownThemes', params: { names: unknown.join(', ') } } : undefined,
      preview: {
        'imports.field.name': name,
        'imports.field.email': email,
        'imports.field.organisation': organisation,
        'imports.field.role': `imports.role.${data.role}`,
        'imports.field.territory': territory.label,
        'imports.field.directory': data.directory ? 'imports.yes' : 'imports.no',
      },
    });
  }
  const fields: Array<[number, string]> = [
    [c.name, 'imports.field.name'],
    [c.first, 'imports.field.name'],
    [c.last, 'imports.field.name'],
    [c.email, 'imports.field.email'],
    [c.org, 'imports.field.organisation'],
    [c.orgType, 'imports.field.organisation'],
    [c.role, 'imports.field.role'],
    [c.territory, 'imports.field.territory'],
    [c.themes, 'imports.field.themes'],
    [c.directory, 'imports.field.directory'],
  ];
  return {
    kind: 'members',
    items: [...items.values()],
    problems,
    flavour: t.encoding === 'windows-1252' ? 'CSV (Windows-1252)' : 'CSV',
    columns: ['imports.field.name', 'imports.field.email', 'imports.field.organisation', 'imports.field.role', 'imports.field.territory', 'imports.field.directory'],
    mapping: fields.flatMap(([i, field]) => (i >= 0 ? [{ source: h[i], field }] : [])),
  };
}

// ---- Documents with a metadata CSV ---------------------------------------------------------

export interface DocumentData {
  file: string;
  filename: string;
  sha256: string;
  title: string;
  /** Null when the CSV gives none: published at the time of the import. */
  date: string | null;
  themes: Array<{ slug: string; name: string }>;
  membersOnly: boolean;
  summary: string;
  oldUrl: string | null;
}

/** A folder of documents and the CSV describing them (file, title, date, themes, members-only); files are found beside the CSV. */
export function parseDocuments(t: CsvTable, baseDir: string): ParsedFile<DocumentData> {
  const h = t.header;
  const c = {
    file: column(h, ['fichier', 'file', 'nom du fichier', 'filename', 'chemin']),
    title: column(h, ['titre', 'title']),
    date: column(h, ['date', 'date de publication', 'publie le']),
    themes: column(h, ['thematiques', 'themes', 'thematique', 'mots cles']),
    members: column(h, ['reserve aux membres', 'reserve membres', 'membres', 'members only', 'acces']),
    summary: column(h, ['resume', 'summary', 'description']),
    oldUrl: column(h, ['ancienne adresse', 'url', 'old url', 'adresse']),
  };
  const problems: LineProblem[] = [];
  if (c.file < 0) problems.push({ line: 1, label: '', outcome: 'error', field: 'fichier', reason: 'imports.reason.missingColumn' });
  if (c.title < 0) problems.push({ line: 1, label: '', outcome: 'error', field: 'titre', reason: 'imports.reason.missingColumn' });
  const items: ImportItem<DocumentData>[] = [];
  const root = path.resolve(baseDir);
  for (const r of problems.length ? [] : t.records) {
    const name = cell(r.cells, c.file);
    const title = cell(r.cells, c.title) || name;
    const fail = (col: number, reason: string, params?: Record<string, string | number>) => problems.push({ line: r.line, label: title, outcome: 'error', field: h[col] ?? null, reason, params });
    const file = path.resolve(root, name);
    // A path in the CSV may not leave the import's folder.
    if (!name || !file.startsWith(root + path.sep)) {
      fail(c.file, name ? 'imports.reason.fileOutside' : 'imports.reason.required', { value: name });
      continue;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      fail(c.file, 'imports.reason.fileMissing', { value: name });
      continue;
    }
    const typedDate = cell(r.cells, c.date);
    const date = typedDate ? parseDate(typedDate, 'paris') : null;
    if (typedDate && !date) {
      fail(c.date, 'imports.reason.badDate', { value: typedDate });
      continue;
    }
    const data: DocumentData = {
      file,
      filename: path.basename(file),
      sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
      title,
      date,
      themes: themesOf(cell(r.cells, c.themes)),
      membersOnly: isYes(cell(r.cells, c.members)) || /membres/i.test(cell(r.cells, c.members)),
      summary: cell(r.cells, c.summary),
      oldUrl: cell(r.cells, c.oldUrl) || null,
    };
    items.push({
      line: r.line,
      key: path.relative(root, file).split(path.sep).join('/'),
      label: title,
      data,
      stable: { ...data, file: null },
      preview: {
        'imports.field.title': title,
        'imports.field.file': name,
        'imports.field.date': date ?? '',
        'imports.field.themes': data.themes.map((x) => x.name).join(', '),
        'imports.field.membersOnly': data.membersOnly ? 'imports.yes' : 'imports.no',
      },
    });
  }
  const fields: Array<[number, string]> = [
    [c.file, 'imports.field.file'],
    [c.title, 'imports.field.title'],
    [c.date, 'imports.field.date'],
    [c.themes, 'imports.field.themes'],
    [c.members, 'imports.field.membersOnly'],
    [c.summary, 'imports.field.summary'],
    [c.oldUrl, 'imports.field.oldUrl'],
  ];
  return {
    kind: 'documents',
    items,
    problems,
    flavour: 'CSV',
    columns: ['imports.field.title', 'imports.field.file', 'imports.field.date', 'imports.field.themes', 'imports.field.membersOnly'],
    mapping: fields.flatMap(([i, field]) => (i >= 0 ? [{ source: h[i], field }] : [])),
  };
}
