import { parseArgs } from 'node:util';
import { commands } from './commands/index.ts';
import { UsageError } from './commands/command.ts';
import { ConfigError, loadConfig } from './platform/config.ts';

const overview = `Palabre, la plateforme des territoires participatifs.

Usage : palabre <commande> [options]

Commandes :
${commands.map((c) => `  ${c.summary}`).join('\n')}

« palabre <commande> --help » détaille chaque commande.
La configuration vient des variables d'environnement (voir README).`;

async function main(argv: string[]): Promise<number> {
  const name = argv[0] && !argv[0].startsWith('-') ? argv[0] : '';
  const command = commands.find((c) => c.name === name);
  if (name && !command) throw new UsageError(`Commande inconnue : « ${name} ». Tapez « palabre --help ».`);
  const { values, positionals } = parseArgs({
    args: name ? argv.slice(1) : argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, ...command?.options },
  });
  if (!command || values.help) {
    console.log(command ? command.help : overview);
    return 0;
  }
  const expected = command.maxPositionals ?? 0;
  if (positionals.length > expected) {
    throw new UsageError(`Argument en trop : « ${positionals[expected]} ». Tapez « palabre ${name} --help ».`);
  }
  return command.run({ values, positionals, config: loadConfig() });
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
