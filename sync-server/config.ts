// Reads the server's configuration from the environment, once, with defaults that let
// `npm start` run with no setup (embedded PGlite, blobs in a local folder, demo data).
import path from 'node:path';
import { z } from 'zod';

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
  CLEARWAY_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Where blobs go: `folder` (CLEARWAY_DATA_DIR/blobs). `s3` is the seam for later. */
  CLEARWAY_BLOB_STORE: z.enum(['folder']).default('folder'),
  /** OpenID Connect sign-in (e.g. Entra ID): read and validated now, not yet used (see README). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
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
  blobStore: 'folder';
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined } | undefined;
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
    blobStore: e.CLEARWAY_BLOB_STORE,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
        : undefined,
    mail: e.SMTP_URL
      ? { smtpUrl: e.SMTP_URL, from: e.CLEARWAY_MAIL_FROM, domain: e.CLEARWAY_MAIL_DOMAIN }
      : undefined,
    digestAt: digestAt(e.CLEARWAY_DIGEST_AT),
  };
}
