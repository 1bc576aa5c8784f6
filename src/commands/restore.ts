import { type Command, UsageError } from './command.ts';

export const restore: Command = {
  name: 'restore',
  summary: 'restore FICHIER.zip   restaure une sauvegarde ou un export dans un Palabre vide',
  help: `Usage : palabre restore FICHIER.zip [--force] [--json]

Restaure une archive écrite par « palabre backup » ou « palabre export » : la base (SQLite ou
PostgreSQL, quel que soit le moteur d'origine) et les fichiers déposés. Arrêtez d'abord les
serveurs Palabre qui utilisent cette base, réservée à Palabre : toutes ses tables sont recréées.

Une base qui contient déjà un site est refusée ; --force la remplace par l'archive.
--json restaure depuis les tables JSON même quand la sauvegarde contient la copie du moteur.`,
  options: { force: { type: 'boolean' }, json: { type: 'boolean' } },
  maxPositionals: 1,
  async run({ values, positionals, config }) {
    const file = positionals[0];
    if (!file) throw new UsageError('Indiquez l’archive à restaurer : palabre restore sauvegarde.zip');
    const [{ restoreSiteArchive, ArchiveError }, { terminalProgress }] = await Promise.all([import('../platform/archive/index.ts'), import('../platform/archive/progress.ts')]);
    const progress = terminalProgress();
    try {
      const summary = await restoreSiteArchive(config, file, { force: values.force === true, json: values.json === true, onProgress: progress.update });
      progress.end();
      const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
      if (summary.nativeError) console.log(`La copie native de la sauvegarde n’a pas pu être relue (${summary.nativeError}) : restauration depuis les tables JSON de la même archive.`);
      const how = summary.native ? 'copie native de la base' : 'tables JSON';
      console.log(`Site restauré depuis ${file} (${how}) : ${rows} lignes, ${summary.files} fichiers.`);
    } catch (err) {
      progress.end();
      if (err instanceof ArchiveError) throw new UsageError(err.message);
      throw err;
    }
    return 0;
  },
};
