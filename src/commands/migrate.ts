import { type Command, load } from './command.ts';

export const migrate: Command = {
  name: 'migrate',
  summary: 'migrate               applique les migrations en attente',
  help: `Usage : palabre migrate

Applique les migrations en attente sur la base (SQLite par défaut, DATABASE_URL sinon).`,
  async run({ config }) {
    const { openDatabase, migrateToLatest, migrations } = await load.db();
    const db = openDatabase<unknown>(config.database);
    try {
      const applied = await migrateToLatest(db.kysely, migrations);
      console.log(applied.length ? `Migrations appliquées :\n  ${applied.join('\n  ')}` : 'La base est déjà à jour.');
    } finally {
      await db.close();
    }
    return 0;
  },
};
