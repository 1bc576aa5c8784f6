import { type Command, UsageError } from './command.ts';

export const backup: Command = {
  name: 'backup',
  summary: 'backup FICHIER.zip    sauvegarde à chaud la base et les fichiers déposés',
  help: `Usage : palabre backup FICHIER.zip

Sauvegarde le site sans arrêter le serveur, dans une archive ZIP : la copie propre au moteur
(SQLite : copie à chaud cohérente ; PostgreSQL : pg_dump, si sa version lit le serveur),
les mêmes tables en JSON (restaurables sur l'autre moteur) et les fichiers déposés.

Restaurer : palabre restore FICHIER.zip (dans un Palabre vide, ou avec --force).`,
  maxPositionals: 1,
  async run({ positionals, config }) {
    const file = positionals[0];
    if (!file) throw new UsageError('Indiquez le fichier de sauvegarde : palabre backup sauvegarde.zip');
    if (!file.toLowerCase().endsWith('.zip')) throw new UsageError('Le nom du fichier doit finir par .zip : palabre backup sauvegarde.zip');
    const [{ exportSite, ArchiveError }, { terminalProgress }] = await Promise.all([import('../platform/archive/index.ts'), import('../platform/archive/progress.ts')]);
    const progress = terminalProgress();
    try {
      const summary = await exportSite(config, file, { native: true, onProgress: progress.update });
      progress.end();
      const native = summary.native
        ? summary.native.kind === 'sqlite'
          ? 'copie SQLite'
          : `pg_dump ${summary.native.version}`
        : summary.nativeError
          ? `pg_dump a échoué (${summary.nativeError}) : tables JSON seulement`
          : 'sans pg_dump (absent, ou plus ancien que le serveur) : tables JSON seulement';
      console.log(`Sauvegarde écrite dans ${file} (${native}) : ${Object.keys(summary.tables).length} tables, ${summary.files} fichiers.`);
    } catch (err) {
      progress.end();
      if (err instanceof ArchiveError) throw new UsageError(err.message);
      throw err;
    }
    return 0;
  },
};
