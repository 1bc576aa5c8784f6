import { type Command, UsageError } from './command.ts';

export const exportSite: Command = {
  name: 'export',
  summary: 'export FICHIER.zip    exporte tout le site (tables en JSON, fichiers, réglages)',
  help: `Usage : palabre export FICHIER.zip

Écrit tout le site dans une archive ZIP : chaque table en JSON (schema.json décrit tables,
colonnes et types), chaque fichier déposé, les réglages. Le serveur peut tourner pendant
l'export : les tables sont lues d'un même instant.

L'archive se restaure dans un Palabre vide, SQLite ou PostgreSQL :
  palabre restore FICHIER.zip   (ou palabre import FICHIER.zip)`,
  maxPositionals: 1,
  async run({ positionals, config }) {
    const file = positionals[0];
    if (!file) throw new UsageError('Indiquez le fichier à écrire : palabre export site.zip');
    if (!file.toLowerCase().endsWith('.zip')) throw new UsageError('Le nom du fichier doit finir par .zip : palabre export site.zip');
    const [{ exportSite, ArchiveError }, { terminalProgress }] = await Promise.all([import('../platform/archive/index.ts'), import('../platform/archive/progress.ts')]);
    const progress = terminalProgress();
    try {
      const summary = await exportSite(config, file, { onProgress: progress.update });
      progress.end();
      const rows = Object.values(summary.tables).reduce((a, b) => a + b, 0);
      console.log(`Site exporté dans ${file} : ${Object.keys(summary.tables).length} tables (${rows} lignes), ${summary.files} fichiers.`);
    } catch (err) {
      progress.end();
      if (err instanceof ArchiveError) throw new UsageError(err.message);
      throw err;
    }
    return 0;
  },
};
