import path from 'node:path';
import { z } from 'zod';
import type { S3Settings } from './storage/s3.ts';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Palabre <palabre@localhost>'),
  PUBLIC_URL: z.string().url().optional(),
  SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  TRUST_PROXY: bool.default(false),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(25),
  JOBS: z.enum(['on', 'off']).default('on'),
  NETWORK_NAME: z.string().default('Territoires participatifs Hauts-de-France'),
  /** The network's region, as its INSEE code (32: Hauts-de-France): the départements the newsletter offers. */
  NETWORK_REGION: z
    .string()
    .regex(/^\d{2}$/, 'must be an INSEE region code such as 32')
    .default('32'),
  /** How long a dead process's claimed mails and jobs wait before another process takes them over (leases are renewed while work is alive). */
  LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).optional(),
  /** Uploaded files in an S3-compatible bucket (set S3_BUCKET) instead of DATA_DIR/files. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/)
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Opens /metrics to `Authorization: Bearer <token>`; unset, /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** On SIGTERM, how long /readyz answers 503 while requests are still served, so that a load balancer stops sending new ones first. */
  DRAIN_SECONDS: z.coerce.number().int().min(0).max(60).default(0),
});

/** What each variable must look like, in the words the person starting Palabre reads. */
const expected: Record<string, string> = {
  PORT: 'un numéro de port entre 0 et 65535',
  HOST: 'une adresse d’écoute, par exemple 0.0.0.0',
  DATA_DIR: 'un chemin de dossier',
  DATABASE_URL: 'une adresse postgres://… ou postgresql://…, ou sqlite:/chemin/fichier.sqlite',
  DATABASE_POOL_SIZE: 'un nombre de connexions entre 2 et 200',
  SMTP_URL: 'une adresse smtp://… ou smtps://…',
  PUBLIC_URL: 'une adresse complète, par exemple https://reseau.exemple.fr',
  SECRET: 'au moins 32 caractères',
  LOG_LEVEL: 'fatal, error, warn, info, debug, trace ou silent',
  DEMO_DATA: 'auto ou off',
  TRUST_PROXY: 'true ou false',
  UPLOAD_MAX_MB: 'un nombre de mégaoctets positif',
  JOBS: 'on ou off',
  LEASE_SECONDS: 'un nombre de secondes entre 5 et 3600',
  S3_ENDPOINT: 'une adresse complète, par exemple https://s3.fr-par.scw.cloud',
  S3_BUCKET: 'un nom de seau (lettres, chiffres, points, tirets)',
  S3_FORCE_PATH_STYLE: 'true ou false',
  METRICS_TOKEN: 'au moins 16 caractères',
  DRAIN_SECONDS: 'un nombre de secondes entre 0 et 60',
};

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** PostgreSQL connections per instance (one is held by the change bus). */
  poolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  secureCookies: boolean;
  secret: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  demoData: 'auto' | 'off';
  trustProxy: boolean;
  uploadMaxBytes: number;
  jobs: boolean;
  networkName: string;
  /** INSEE code of the network's region. */
  networkRegion: string;
  /** Undefined: the mail sender's and job runner's own defaults. */
  leaseMs: number | undefined;
  /** Where uploaded files live on disk (DATA_DIR/files): the store unless `s3` is set, and `storage migrate`'s other side. */
  filesDir: string;
  /** The object store, when S3_BUCKET is set: then every uploaded file lives there. */
  s3: S3Settings | null;
  /** The bearer token of /metrics; undefined: /metrics is closed. */
  metricsToken: string | undefined;
  /** Time between "not ready" and closing the listener on SIGTERM. */
  drainMs: number;
};

/** What the S3_* variables mean only together. */
function s3Problems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const set = (k: string) => input[k] !== undefined;
  if (!set('S3_BUCKET') && ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].some(set)) problems.push('S3_BUCKET : le nom du seau est requis quand S3_ENDPOINT ou les clés S3 sont définis');
  if (set('S3_ACCESS_KEY_ID') !== set('S3_SECRET_ACCESS_KEY')) problems.push('S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY : définissez les deux, ou aucune');
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The only place that reads the environment; lists every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(input);
  const together = s3Problems(input);
  if (!parsed.success || together.length) {
    throw new ConfigError([
      ...(parsed.error?.issues ?? []).map((i) => {
        const key = String(i.path[0]);
        // Never echo values that may hold a password.
        const shown = ['SECRET', 'DATABASE_URL', 'SMTP_URL', 'METRICS_TOKEN', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].includes(key) ? '' : ` (reçu « ${String(input[key])} »)`;
        return `${key} : ${expected[key] ?? 'valeur invalide'}${shown}`;
      }),
      ...together,
    ]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  let database: Config['database'];
  if (e.DATABASE_URL?.startsWith('postgres')) database = { kind: 'postgres', url: e.DATABASE_URL };
  else if (e.DATABASE_URL?.startsWith('sqlite:')) database = { kind: 'sqlite', file: path.resolve(e.DATABASE_URL.slice(7)) };
  else database = { kind: 'sqlite', file: path.join(dataDir, 'palabre.sqlite') };
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    poolSize: e.DATABASE_POOL_SIZE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    secret: e.SECRET,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA,
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    jobs: e.JOBS === 'on',
    networkName: e.NETWORK_NAME,
    networkRegion: e.NETWORK_REGION,
    leaseMs: e.LEASE_SECONDS === undefined ? undefined : e.LEASE_SECONDS * 1000,
    filesDir: path.join(dataDir, 'files'),
    s3: e.S3_BUCKET
      ? { endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, forcePathStyle: e.S3_FORCE_PATH_STYLE }
      : null,
    metricsToken: e.METRICS_TOKEN,
    drainMs: e.DRAIN_SECONDS * 1000,
  };
}
