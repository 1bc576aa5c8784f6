import fs from 'node:fs';
import path from 'node:path';
import { type Command, load, UsageError } from './command.ts';

export const backup: Command = {
  name: 'backup',
  summary: 'backup FICHIER        sauvegarde à chaud de la base SQLite',
  help: `Usage : palabre backup FICHIER

Copie à chaud la base SQLite dans FICHIER, sans arrêter le serveur.
Sur PostgreSQL, utilisez pg_dump.`,
  maxPositionals: 1,
  async run({ positionals, config }) {
    const file = positionals[0];
    if (!file) throw new UsageError('Indiquez le fichier de sauvegarde : palabre backup sauvegarde.sqlite');
    if (config.database.kind === 'postgres') {
      throw new UsageError('La base est PostgreSQL : utilisez pg_dump, par exemple « pg_dump --format=custom --file=palabre.dump "$DATABASE_URL" ».');
    }
    if (!fs.existsSync(config.database.file)) throw new UsageError(`Aucune base SQLite à sauvegarder dans ${config.database.file}.`);
    const target = path.resolve(file);
    if (fs.existsSync(target)) throw new UsageError(`${target} existe déjà ; choisissez un autre nom de fichier.`);
    if (!fs.existsSync(path.dirname(target))) throw new UsageError(`Le dossier ${path.dirname(target)} n’existe pas.`);
    const { openDatabase } = await load.db();
    const db = openDatabase<unknown>(config.database);
    try {
      await db.sqlite!.backup(target);
      console.log(`Sauvegarde écrite dans ${target} (${Math.round(fs.statSync(target).size / 1024)} ko).`);
    } finally {
      await db.close();
    }
    return 0;
  },
};
