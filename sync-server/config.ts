// Reads the server's configuration from the environment, once, with defaults that let
// `npm start` run with no setup (embedded PGlite, blobs in a local folder, demo data).
import path from 'node:path';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../src/domain/passwordRule';
import type { S3Settings } from './blobs/s3BlobStore';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  CLEARWAY_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** PostgreSQL schema to use (default: the connection's search_path, normally `public`). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  CLEARWAY_MODE: z.enum(['demo', 'production']).default('demo'),
  CLEARWAY_STATIC_DIR: z.string().default('./dist'),
  /** Largest JSON request body, in bytes (pushes of many events); file uploads are not limited. */
  CLEARWAY_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /** First administrator, created at start in production mode when no account has that name. */
  CLEARWAY_ADMIN_USERNAME: z.string().min(1).optional(),
  CLEARWAY_ADMIN_PASSWORD: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .optional(),
  /** Where blobs go: `folder` (CLEARWAY_DATA_DIR/blobs) or `s3` (an S3-compatible bucket). */
  CLEARWAY_BLOB_STORE: z.enum(['folder', 's3']).default('folder'),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3–63 lower-case letters, digits, dots, dashes)',
    )
    .optional(),
  S3_REGION: z.string().min(1).default('eu-west-2'),
  /** Only for stores other than AWS itself (MinIO, Ceph): e.g. http://minio.internal:9000. */
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Keys start with this, so one bucket can hold several environments. */
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or end with /')
    .default(''),
  /** OpenID Connect sign-in (e.g. Entra ID), beside passwords, when issuer and client id are set. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  /** The ID token claim matched (case-insensitively) with a Clearway username. */
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  /** The words on the sign-in button. */
  OIDC_LABEL: z.string().min(1).max(80).default('Sign in with your organisation account'),
  /** Outgoing e-mail (weekly chase digests), e.g. smtp://mail.example.gov.uk:587; unset: none sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start smtp:// or smtps://')
    .optional(),
  CLEARWAY_MAIL_FROM: z.string().default('Clearway <clearway@localhost>'),
  /** For people with no e-mail address of their own: username@this domain. */
  CLEARWAY_MAIL_DOMAIN: z.string().optional(),
  /** When the weekly digest goes, in UK time: "monday 08:00" (default), or "off". */
  CLEARWAY_DIGEST_AT: z
    .string()
    .regex(
      /^(off|(monday|tuesday|wednesday|thursday|friday|saturday|sunday) ([01]\d|2[0-3]):[0-5]\d)$/i,
      'must be like "monday 08:00", or "off"',
    )
    .default('monday 08:00'),
});

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function digestAt(setting: string): { isoWeekday: number; time: string } | undefined {
  const [day = '', time = ''] = setting.toLowerCase().split(' ');
  return day === 'off' ? undefined : { isoWeekday: WEEKDAYS.indexOf(day) + 1, time };
}

function s3Settings(e: z.infer<typeof envSchema>): S3Settings {
  if (!e.S3_BUCKET)
    throw new Error(
      "The server's settings are not valid: S3_BUCKET: must be set when CLEARWAY_BLOB_STORE is s3",
    );
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw new Error(
      "The server's settings are not valid: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together",
    );
  return {
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    // A custom endpoint is almost always a self-hosted store that wants path-style addresses.
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'true' : Boolean(e.S3_ENDPOINT),
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    prefix: e.S3_PREFIX,
  };
}

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  usernameClaim: string;
  label: string;
};

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  mode: 'demo' | 'production';
  staticDir: string;
  bodyLimit: number;
  admin: { username: string; password: string } | undefined;
  blobStore: { kind: 'folder' } | ({ kind: 's3' } & S3Settings);
  oidc: OidcSettings | undefined;
  mail: { smtpUrl: string; from: string; domain: string | undefined } | undefined;
  /** The weekly chase digest's weekday (1 = Monday) and UK time; undefined when turned off. */
  digestAt: { isoWeekday: number; time: string } | undefined;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`The server's settings are not valid: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CLEARWAY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    mode: e.CLEARWAY_MODE,
    staticDir: path.resolve(e.CLEARWAY_STATIC_DIR),
    bodyLimit: e.CLEARWAY_BODY_LIMIT,
    admin:
      e.CLEARWAY_ADMIN_USERNAME && e.CLEARWAY_ADMIN_PASSWORD
        ? { username: e.CLEARWAY_ADMIN_USERNAME, password: e.CLEARWAY_ADMIN_PASSWORD }
        : undefined,
    blobStore: e.CLEARWAY_BLOB_STORE === 's3' ? { kind: 's3', ...s3Settings(e) } : { kind: 'folder' },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            usernameClaim: e.OIDC_USERNAME_CLAIM,
            label: e.OIDC_LABEL,
          }
        : undefined,
    mail: e.SMTP_URL
      ? { smtpUrl: e.SMTP_URL, from: e.CLEARWAY_MAIL_FROM, domain: e.CLEARWAY_MAIL_DOMAIN }
      : undefined,
    digestAt: digestAt(e.CLEARWAY_DIGEST_AT),
  };
}
