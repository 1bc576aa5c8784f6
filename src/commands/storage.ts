import { type Command, UsageError } from './command.ts';

const S3_VARIABLES = 'S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY et S3_FORCE_PATH_STYLE';

export const storage: Command = {
  name: 'storage',
  summary: 'storage migrate --to s3|disk   copie les fichiers déposés vers l’autre stockage',
  help: `Usage : palabre storage migrate --to s3
        palabre storage migrate --to disk

Copie chaque fichier déposé (documents, images) du dossier DATA_DIR/files vers le stockage
objet S3 (--to s3), ou du stockage objet vers le dossier (--to disk). Le seau est celui des
variables ${S3_VARIABLES}, à définir dans les deux sens.

Chaque copie est vérifiée par sa somme SHA-256. Les fichiers déjà copiés sont laissés : une
copie interrompue reprend où elle s'était arrêtée, et une seconde exécution ne copie que les
fichiers arrivés entre-temps. Rien n'est supprimé de l'ancien stockage.`,
  options: { to: { type: 'string' } },
  maxPositionals: 1,
  async run({ positionals, values, config }) {
    if (positionals[0] !== 'migrate') throw new UsageError('Usage : palabre storage migrate --to s3 (ou --to disk). Tapez « palabre storage --help ».');
    const to = values.to;
    if (to !== 's3' && to !== 'disk') throw new UsageError('Indiquez où copier les fichiers : --to s3 ou --to disk.');
    if (!config.s3) {
      throw new UsageError(
        'Le stockage objet n’est pas configuré : définissez S3_BUCKET et, selon le service, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY et S3_FORCE_PATH_STYLE, puis relancez.',
      );
    }
    const { createDiskStorage, createS3Storage } = await import('../platform/storage/index.ts');
    const { migrateObjects } = await import('../platform/storage/migrate.ts');
    const { formatSize } = await import('../platform/format.ts');
    const disk = createDiskStorage(config.filesDir);
    const s3 = createS3Storage(config.s3);
    const [from, target] = to === 's3' ? [disk, s3] : [s3, disk];
    try {
      await from.check();
      await target.check();
      console.log(`Copie de ${from.location} vers ${target.location}…`);
      let last = 0;
      const report = await migrateObjects(from, target, {
        progress(r, done) {
          if (done < r.total && Date.now() - last < 1000) return;
          last = Date.now();
          console.log(`  ${done}/${r.total} fichiers vus : ${r.copied} copiés (${formatSize(r.bytes, 'fr')}), ${r.present} déjà présents${r.failed.length ? `, ${r.failed.length} en échec` : ''}`);
        },
      });
      if (report.total === 0) console.log('Aucun fichier à copier.');
      if (report.failed.length) {
        const reasons = { checksum: 'somme SHA-256 différente de son nom (fichier abîmé à la source)', size: 'déjà présent avec une autre taille', error: 'erreur' };
        console.error(`${report.failed.length} fichier(s) non copié(s) :`);
        for (const f of report.failed.slice(0, 20)) console.error(`  ${f.key} : ${reasons[f.reason]}${f.detail ? ` (${f.detail})` : ''}`);
        console.error('Corrigez puis relancez la commande : les fichiers déjà copiés ne le seront pas deux fois.');
        return 1;
      }
      console.log(
        to === 's3'
          ? `Tous les fichiers sont dans ${target.location}.
Pour que Palabre les lise là, mettez ${S3_VARIABLES} dans l’environnement du service (les mêmes valeurs qu’ici), puis redémarrez-le.
Relancez cette commande juste avant le redémarrage : elle ne copiera que les fichiers déposés entre-temps.
Le dossier ${config.filesDir} n’est plus lu ensuite ; gardez-le le temps de vérifier.`
          : `Tous les fichiers sont dans ${target.location}.
Pour que Palabre les lise là, retirez S3_BUCKET (et les autres variables S3_*) de l’environnement du service, puis redémarrez-le.
Relancez cette commande juste avant le redémarrage : elle ne copiera que les fichiers déposés entre-temps.
Le seau n’est plus lu ensuite ; gardez-le le temps de vérifier.`,
      );
      return 0;
    } finally {
      await s3.close();
    }
  },
};
