import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './platform/config.ts';

// The rest of Palabre is imported by the commands that need it, so that --help and
// usage errors answer at once.
const load = {
  app: () => import('./app.ts'),
  demo: () => import('./demo/demo.ts'),
  db: async () => ({ ...(await import('./platform/db/migrate.ts')), ...(await import('./platform/db/database.ts')), ...(await import('./migrations.ts')) }),
};

const help: Record<string, string> = {
  '': `Palabre, la plateforme des territoires participatifs.

Usage : palabre <commande> [options]

Commandes :
  serve                 démarre le serveur (migre la base, charge la démo si elle est vide)
  migrate               applique les migrations en attente
  demo                  charge le jeu de données de démonstration
  create-admin EMAIL    crée (ou promeut) un compte administrateur
  backup FICHIER        sauvegarde à chaud de la base SQLite

« palabre <commande> --help » détaille chaque commande.
La configuration vient des variables d'environnement (voir README).`,
  serve: `Usage : palabre serve

Démarre le serveur HTTP sur PORT (3000 par défaut). Applique les migrations, charge la
démo si la base est vide (DEMO_DATA=off pour l'éviter), lance l'envoi des courriels et
les tâches de fond. S'arrête proprement sur SIGTERM ou SIGINT.`,
  migrate: `Usage : palabre migrate

Applique les migrations en attente sur la base (SQLite par défaut, DATABASE_URL sinon).`,
  demo: `Usage : palabre demo

Charge le jeu de données de démonstration (rencontres, ressources, forum d'Arras...).
Ne fait rien si la base contient déjà des comptes.`,
  'create-admin': `Usage : palabre create-admin EMAIL [--name NOM] [--password MOT_DE_PASSE]

Crée un compte administrateur pour EMAIL, ou donne le rôle d'administrateur au compte
existant. Sans mot de passe, la personne se connecte par lien envoyé par courriel.`,
  backup: `Usage : palabre backup FICHIER

Copie à chaud la base SQLite dans FICHIER, sans arrêter le serveur.
Sur PostgreSQL, utilisez pg_dump.`,
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : '';
  const rest = command ? argv.slice(1) : argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  if (!(command in help)) throw new UsageError(`Commande inconnue : « ${command} ». Tapez « palabre --help ».`);
  if (values.help || command === '') {
    console.log(help[command]);
    return 0;
  }
  const expected = command === 'create-admin' || command === 'backup' ? 1 : 0;
  if (positionals.length > expected) {
    throw new UsageError(`Argument en trop : « ${positionals[expected]} ». Tapez « palabre ${command} --help ».`);
  }
  const config = loadConfig();

  switch (command) {
    case 'serve': {
      const [{ buildApp }, { isEmpty, loadDemo }] = await Promise.all([load.app(), load.demo()]);
      const app = await buildApp(config);
      if (config.demoData === 'auto' && (await isEmpty(app))) {
        await loadDemo(app);
        app.platform.log.info('demo data loaded');
      }
      app.startWorkers();
      await app.server.listen({ port: config.port, host: config.host });
      // Stop taking requests, end live streams (browsers reconnect elsewhere), finish the
      // requests in flight, the job and the mail batch in flight, then close the database.
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) {
          app.platform.log.warn({ signal }, 'second signal: exiting now');
          process.exit(1);
        }
        stopping = true;
        app.platform.log.info({ signal }, 'shutting down: finishing requests in flight');
        const force = setTimeout(() => {
          app.platform.log.error('requests still running after 15 s: exiting anyway');
          process.exit(1);
        }, 15_000);
        force.unref();
        try {
          await app.close();
          process.exit(0);
        } catch (err) {
          app.platform.log.error({ err }, 'shutdown failed');
          process.exit(1);
        }
      };
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      process.on('SIGINT', () => void shutdown('SIGINT'));
      return -1;
    }
    case 'migrate': {
      const { openDatabase, migrateToLatest, migrations } = await load.db();
      const db = openDatabase<unknown>(config.database);
      try {
        const applied = await migrateToLatest(db.kysely, migrations);
        console.log(applied.length ? `Migrations appliquées :\n  ${applied.join('\n  ')}` : 'La base est déjà à jour.');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'demo': {
      const [{ buildApp }, { isEmpty, loadDemo }] = await Promise.all([load.app(), load.demo()]);
      const app = await buildApp(config);
      try {
        if (!(await isEmpty(app))) {
          console.log('La base contient déjà des comptes : la démonstration n’est pas rechargée.');
          return 0;
        }
        await loadDemo(app);
        console.log('Données de démonstration chargées.');
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'create-admin': {
      const email = positionals[0];
      if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('Indiquez une adresse e-mail valide : palabre create-admin prenom.nom@exemple.fr');
      if (values.password !== undefined && values.password.length < 10) throw new UsageError('Le mot de passe doit contenir au moins 10 caractères.');
      const [{ buildApp }, { default: argon2 }] = await Promise.all([load.app(), import('argon2')]);
      const app = await buildApp(config);
      try {
        const passwordHash = values.password ? await argon2.hash(values.password, { type: argon2.argon2id }) : null;
        const { created } = await app.services.accounts.service.ensureUser({ email, name: values.name ?? email.split('@')[0], role: 'admin', membership: 'approved', passwordHash });
        console.log(created ? `Compte administrateur créé pour ${email}.` : `${email} est maintenant administrateur·rice.`);
        console.log(`Connexion : ${config.publicUrl}/connexion`);
      } finally {
        await app.close();
      }
      return 0;
    }
    case 'backup': {
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
    }
  }
  return 0;
}

/** The usual ways a database is out of reach, said as sentences (the error may be wrapped, e.g. by the migrator). */
function databaseProblem(err: unknown): string | null {
  const e = err as { code?: string; message?: string } | null;
  const said = `${e?.code ?? ''} ${e?.message ?? ''}`;
  if (/ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH/.test(said)) return 'Impossible de joindre la base de données : vérifiez DATABASE_URL et que PostgreSQL est démarré.';
  if (/ENOTFOUND|EAI_AGAIN/.test(said)) return 'Le serveur de base de données indiqué dans DATABASE_URL est introuvable : vérifiez son nom.';
  if (/28P01|28000|password authentication failed/.test(said)) return 'PostgreSQL refuse la connexion : vérifiez l’utilisateur et le mot de passe de DATABASE_URL.';
  if (/3D000|does not exist/.test(said) && /database/.test(said)) return 'La base indiquée dans DATABASE_URL n’existe pas : créez-la (createdb) ou corrigez son nom.';
  return null;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError) console.error(err.message);
    else if (err instanceof Error && (err as { code?: string }).code === 'EADDRINUSE') console.error('Le port est déjà utilisé : choisissez-en un autre avec PORT=3001.');
    else if (databaseProblem(err)) console.error(databaseProblem(err));
    else if (['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'].includes((err as { code?: string }).code ?? '')) {
      const option = /'(-[^']*)'/.exec((err as Error).message)?.[1];
      console.error(`Option inconnue ou incomplète${option ? ` : « ${option} »` : ''}. Tapez « palabre --help ».`);
    } else console.error(`Erreur : ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
