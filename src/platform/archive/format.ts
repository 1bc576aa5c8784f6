import type { PortableType } from './schema.ts';

/** What `schema.json` says an archive is; written last, read first. */
export const ARCHIVE_FORMAT = 'palabre-site-archive';
export const NATIVE_SQLITE = 'native/palabre.sqlite';
export const NATIVE_PG = 'native/postgres.dump';

/** A problem the person running the command can act on; its message is French and shown as it is. */
export class ArchiveError extends Error {}

/** Where a long export or restore is; `total` when known. */
export interface ArchiveProgress {
  phase: 'tables' | 'files' | 'native' | 'index';
  /** The table being read or written (phase `tables`). */
  table?: string;
  done: number;
  total?: number;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: 1;
  createdAt: string;
  /** The engine the archive was written from (any engine can restore it). */
  engine: 'sqlite' | 'postgres';
  /** The migrations the data was at: a restore brings the target to exactly these, writes the rows, then applies newer ones. */
  migrations: string[];
  /** How each column type is written in the table files. */
  types: Record<Exclude<PortableType, 'derived'>, string>;
  tables: Array<{
    name: string;
    file: string;
    rows: number;
    primaryKey: string[];
    references: string[];
    columns: Array<{ name: string; type: PortableType; declared: string; nullable: boolean }>;
  }>;
  files: { folder: string; count: number; bytes: number };
  /** Backups only: the engine's own dump, used by a restore on the same engine. */
  native: { kind: 'sqlite' | 'pg_dump'; file: string; version: string } | null;
}

export const TYPE_NOTES: ArchiveManifest['types'] = {
  text: 'JSON string',
  integer: 'JSON number',
  real: 'JSON number',
  boolean: 'true or false',
  timestamp: 'ISO-8601 text (UTC), e.g. 2026-11-27T09:30:00.000Z',
  json: 'the JSON document as text (a JSON string to parse again)',
  blob: 'base64 text',
};

export const ARCHIVE_README = `# Archive d'un site Palabre

Cette archive contient tout le site : chaque table de la base, chaque fichier déposé et les réglages.

- \`schema.json\` : les tables, leurs colonnes et leurs types, le nombre de lignes, les migrations
  auxquelles les données correspondent, et la façon dont chaque type est écrit.
- \`tables/<table>.json\` : un tableau JSON, une ligne par enregistrement (objet colonne → valeur).
  Les dates sont du texte ISO-8601 (UTC), les binaires du base64 ; Palabre range ses booléens en
  entiers 0 ou 1 (une colonne de type booléen s'écrirait true ou false). \`schema.json\` donne le type
  de chaque colonne.
- \`files/<clé>\` : les fichiers déposés (documents, images), nommés par leur empreinte SHA-256.
- \`native/\` (sauvegardes seulement) : la copie propre au moteur (fichier SQLite ou pg_dump).

Restaurer : \`palabre restore ARCHIVE.zip\` (ou \`palabre import ARCHIVE.zip\`) dans un Palabre vide,
SQLite ou PostgreSQL.

# Palabre site archive

Every table as JSON (one row per line), every uploaded file, the settings; \`schema.json\` describes
tables, columns, types and the migrations the data is at. Restore with \`palabre restore FILE.zip\`.
`;
