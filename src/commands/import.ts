import fs from 'node:fs';
import path from 'node:path';
import { type Command, load, UsageError } from './command.ts';

const KINDS = ['subscribers', 'members', 'events', 'wordpress', 'documents', 'site'] as const;
type Kind = (typeof KINDS)[number];

/** A bar on the terminal, redrawn in place; nothing when the output is not a terminal (a log, a pipe). */
function progressBar(stream: NodeJS.WriteStream) {
  if (!stream.isTTY) return { update: (_done: number, _total: number) => {}, end: () => {} };
  let last = '';
  return {
    update(done: number, total: number) {
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
      if (line !== last) stream.write(`\r${line}`);
      last = line;
    },
    end: () => last && stream.write('\n'),
  };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import FICHIER        importe abonné·es, membres, agendas, documents, un site WordPress ou Palabre',
  help: `Usage : palabre import FICHIER [--kind subscribers|members|events|wordpress|documents|site] [--dry-run]
                      [--fichiers DOSSIER] [--force]

Importe FICHIER dans Palabre et affiche à la fin un compte rendu ligne par ligne (numéro de ligne,
champ, raison). Le type est reconnu pour un .ics (rencontres), un export WordPress .xml (wordpress)
et un .zip de « palabre export » (site) ; un fichier CSV demande --kind :
  subscribers  abonné·es d'une lettre : export Mailchimp (abonné·es, désinscrit·es, nettoyé·es) ou Brevo
  members      membres et structures : nom, e-mail, organisation, rôle, territoire, thématiques, annuaire
  documents    un CSV décrivant des documents (fichier, titre, date, thématiques, réservé aux membres),
               les fichiers étant à côté du CSV ; FICHIER peut aussi être le dossier ou un .zip

  --dry-run    montre ce que l'import ferait, sans rien écrire
  --fichiers   dossier des fichiers joints d'un export WordPress (par défaut : wp-content/uploads ou
               uploads à côté du .xml)
  --force      (site) remplace un site existant

Importer deux fois le même fichier ne change rien la seconde fois ; un import interrompu reprend là
où il s'était arrêté quand on relance la même commande. Les membres importé·es ne reçoivent aucun
courriel : le courriel de bienvenue s'envoie depuis /admin/import.`,
  options: { kind: { type: 'string' }, 'dry-run': { type: 'boolean' }, fichiers: { type: 'string' }, force: { type: 'boolean' } },
  maxPositionals: 1,
  async run({ values, positionals, config }) {
    const file = positionals[0];
    if (!file) throw new UsageError('Indiquez le fichier à importer : palabre import abonnes.csv --kind subscribers');
    if (!fs.existsSync(file)) throw new UsageError(`Le fichier ${file} n’existe pas.`);
    const typed = values.kind;
    if (typed !== undefined && !KINDS.includes(typed as Kind)) throw new UsageError(`Type inconnu « ${String(typed)} » : choisissez parmi ${KINDS.join(', ')}.`);
    const filesDir = typeof values.fichiers === 'string' ? path.resolve(values.fichiers) : undefined;
    if (filesDir && !fs.existsSync(filesDir)) throw new UsageError(`Le dossier ${filesDir} n’existe pas.`);
    const dryRun = values['dry-run'] === true;
    const isDir = fs.statSync(file).isDirectory();
    const { guessKind } = await import('../imports/imports.model.ts');
    const head = isDir ? '' : fs.readFileSync(file).subarray(0, 4096).toString('utf8');
    const kind = (typed as Kind | undefined) ?? (isDir ? 'documents' : guessKind(file, head));
    if (!kind) {
      throw new UsageError('Ce fichier CSV peut contenir des abonné·es, des membres ou la description de documents : précisez-le avec --kind subscribers, --kind members ou --kind documents.');
    }

    if (kind === 'site') {
      if (dryRun) throw new UsageError('--dry-run ne s’applique pas à une archive de site : elle se restaure entière, dans un Palabre vide.');
      const { restoreSiteArchive, ArchiveError } = await import('../platform/archive/index.ts');
      const bar = progressBar(process.stderr);
      try {
        const summary = await restoreSiteArchive(config, path.resolve(file), { force: values.force === true, onProgress: (p) => bar.update(p.done, p.total ?? p.done) });
        bar.end();
        const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
        console.log(`Site restauré : ${Object.keys(summary.tables).length} tables (${rows} lignes), ${summary.files} fichiers.`);
        return 0;
      } catch (err) {
        bar.end();
        if (err instanceof ArchiveError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    }

    const [{ buildApp }, { createI18n }, { importsCatalogue }] = await Promise.all([load.app(), import('../platform/i18n/i18n.ts'), import('../imports/imports.i18n.ts')]);
    const t = createI18n([importsCatalogue]).t('fr');
    const app = await buildApp(config);
    try {
      const imports = app.services.imports.service;
      let report: Awaited<ReturnType<typeof imports.report>>;
      if (dryRun) {
        report = await imports.dryRunFile(file, kind, { filesDir });
        console.log('Simulation (--dry-run) : rien n’a été écrit.');
      } else {
        const { run, resumed } = await imports.createRun({ file, filename: path.basename(file), kind, startedBy: null, move: false, resume: true });
        if (resumed) console.log(`Reprise de l’import commencé le ${new Date(run.created_at).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} (${run.processed} lignes déjà traitées).`);
        const bar = progressBar(process.stderr);
        report = await imports.execute(run.id, { filesDir, onProgress: (p) => bar.update(p.processed, p.total) });
        bar.end();
      }
      if (report.failure) {
        console.error(t(report.failure));
        return 1;
      }
      for (const l of report.lines) {
        const why = [l.field ? `champ ${l.field}` : '', l.reason ? t(l.reason, l.params) : ''].filter(Boolean).join(' : ');
        console.log(`ligne ${l.line} · ${l.label || '—'} · ${t(`imports.outcome.${l.outcome}`)}${why ? ` · ${why}` : ''}`);
      }
      console.log(t('imports.report.counts', report.counts));
      return 0;
    } finally {
      await app.close();
    }
  },
};
