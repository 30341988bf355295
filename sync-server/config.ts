// Reads the server's configuration from the environment, once, with defaults that let
// `npm start` run with no setup (embedded PGlite, blobs in a local folder, demo data).
import path from 'node:path';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../src/domain/passwordRule';
import type { S3Settings } from './blobs/s3BlobStore';
import { CHARS_PER_MB } from './replication/streamSize';

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
  /**
   * The address people open Clearway at (https://clearway.dept.gov.uk). The organisation sign-in's
   * redirect URI and the cookies' Secure flag come from it, never from a request's headers.
   */
  CLEARWAY_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an address like https://clearway.dept.gov.uk' })
    .refine((value) => {
      // zod runs this even when the value is no URL at all (that is reported above).
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    }, 'must be only the scheme and host (and port), like https://clearway.dept.gov.uk')
    .optional(),
  /**
   * The reverse proxies whose X-Forwarded-For (the address sign-in limits count by) and
   * X-Forwarded-Proto are believed: addresses, CIDR ranges, or loopback / linklocal /
   * uniquelocal, comma-separated; or `none` when people connect to Clearway directly. Unset: none
   * in a demo; production refuses to start (see trustProxyOf).
   */
  CLEARWAY_TRUST_PROXY: z
    .union([
      z.literal('none').transform(() => false as const),
      z
        .string()
        .transform((value) => value.split(',').map((entry) => entry.trim()))
        .pipe(
          z.array(
            z.union(
              [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])],
              {
                error:
                  'must be addresses or ranges of the proxies in front, like 10.0.0.0/8 or loopback, or none',
              },
            ),
          ),
        ),
    ])
    .optional(),
  /**
   * Signs the organisation sign-in's state cookie, so a sign-in started on one server process may
   * come back to another. At least 32 random characters, the same for every process.
   */
  CLEARWAY_COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Largest JSON request body, in bytes (pushes of many events); file uploads are not limited. */
  CLEARWAY_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /**
   * How long an unfinished file upload is kept for its sender to resume, in days (fractions
   * allowed): long enough for someone offline for days to come back to it. Then it is removed.
   */
  CLEARWAY_UPLOAD_EXPIRY_DAYS: z.coerce
    .number({ error: 'must be a number of days, like 7' })
    .positive('must be more than 0 days')
    .default(7),
  /**
   * A device session not used for this many days (fractions allowed) is refused and the person
   * signs in again. Long: officials go on leave with a tablet offline in a drawer.
   */
  CLEARWAY_SESSION_IDLE_DAYS: z.coerce
    .number({ error: 'must be a number of days, like 90' })
    .positive('must be more than 0 days')
    .default(90),
  /**
   * The most a case or an organisation stream (templates, directory, calendar) may grow to, in MB
   * of the document a device pulls: a change that would take it over is refused, with the reason.
   */
  CLEARWAY_MAX_STREAM_MB: z.coerce
    .number({ error: 'must be a number of MB, like 16' })
    .positive('must be more than 0 MB')
    // A pull sends each document as one text, and PostgreSQL's texts end at 1 GB.
    .max(512, 'must be at most 512 MB')
    .default(16),
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

const DAY_MS = 24 * 60 * 60 * 1000;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function digestAt(setting: string): { isoWeekday: number; time: string } | undefined {
  const [day = '', time = ''] = setting.toLowerCase().split(' ');
  return day === 'off' ? undefined : { isoWeekday: WEEKDAYS.indexOf(day) + 1, time };
}

function invalid(problem: string): Error {
  return new Error(`The server's settings are not valid: ${problem}`);
}

function s3Settings(e: z.infer<typeof envSchema>): S3Settings {
  if (!e.S3_BUCKET) throw invalid('S3_BUCKET: must be set when CLEARWAY_BLOB_STORE is s3');
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw invalid('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
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

/** Where the organisation sign-in comes back to, under CLEARWAY_PUBLIC_URL. */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

function publicUrlOf(e: z.infer<typeof envSchema>): string {
  if (!e.CLEARWAY_PUBLIC_URL) {
    // A demo runs on the machine it is tried on; production must say where it is, or the
    // session cookie's Secure flag would rest on how each request happened to arrive.
    if (e.CLEARWAY_MODE === 'demo') return `http://localhost:${e.PORT}`;
    throw invalid(
      'CLEARWAY_PUBLIC_URL: must be set in production: the address people open Clearway at, like https://clearway.dept.gov.uk',
    );
  }
  const url = new URL(e.CLEARWAY_PUBLIC_URL);
  // Session cookies sent in clear text could be read on the way: plain http only on this machine.
  if (e.CLEARWAY_MODE === 'production' && url.protocol !== 'https:' && !LOCAL_HOSTS.includes(url.hostname))
    throw invalid('CLEARWAY_PUBLIC_URL: must start https:// in production');
  return url.origin;
}

/**
 * Behind a load balancer that is not named here every client has its address, so five failed
 * sign-ins from anyone would stop password sign-in for everyone: production must say, even if
 * only `none`. A demo runs on the machine it is tried on, reached directly.
 */
function trustProxyOf(e: z.infer<typeof envSchema>): false | string[] {
  if (e.CLEARWAY_TRUST_PROXY !== undefined) return e.CLEARWAY_TRUST_PROXY;
  if (e.CLEARWAY_MODE === 'demo') return false;
  throw invalid(
    'CLEARWAY_TRUST_PROXY: must be set in production: the addresses of the proxies in front of Clearway, or none if people connect to it directly',
  );
}

function oidcSettings(e: z.infer<typeof envSchema>, publicUrl: string): OidcSettings | undefined {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID) return undefined;
  const cookieSecret = e.CLEARWAY_COOKIE_SECRET ?? e.OIDC_CLIENT_SECRET;
  // Without a shared secret each process would sign with its own key and refuse sign-ins that
  // another process behind the same load balancer started.
  if (!cookieSecret && e.CLEARWAY_MODE === 'production')
    throw invalid(
      'CLEARWAY_COOKIE_SECRET: must be set in production when OIDC_CLIENT_SECRET is not (a public client)',
    );
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
    cookieSecret,
    usernameClaim: e.OIDC_USERNAME_CLAIM,
    label: e.OIDC_LABEL,
  };
}

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Where the organisation sends people back: CLEARWAY_PUBLIC_URL's /api/auth/oidc/callback. */
  redirectUri: string;
  /**
   * What signs the state cookie: CLEARWAY_COOKIE_SECRET, else the client secret (both the same in
   * every process); undefined only in demo mode, where each process makes its own.
   */
  cookieSecret: string | undefined;
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
  /** How long an unfinished upload is kept (CLEARWAY_UPLOAD_EXPIRY_DAYS), in milliseconds. */
  uploadExpiryMs: number;
  /** The address people open Clearway at (an origin): CLEARWAY_PUBLIC_URL, in a demo localhost. */
  publicUrl: string;
  /** CLEARWAY_PUBLIC_URL was given: publicUrl is where people open Clearway, not a demo's guess. */
  isPublicUrlGiven: boolean;
  /** How long a device session may go unused (CLEARWAY_SESSION_IDLE_DAYS), in days. */
  sessionIdleDays: number;
  /** The most characters a stream's pulled document may reach (CLEARWAY_MAX_STREAM_MB). */
  maxStreamChars: number;
  /** The proxies whose X-Forwarded-* headers are believed; false: nobody's. */
  trustProxy: false | string[];
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
    throw invalid(problems);
  }
  const e = parsed.data;
  const publicUrl = publicUrlOf(e);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CLEARWAY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    mode: e.CLEARWAY_MODE,
    staticDir: path.resolve(e.CLEARWAY_STATIC_DIR),
    bodyLimit: e.CLEARWAY_BODY_LIMIT,
    uploadExpiryMs: e.CLEARWAY_UPLOAD_EXPIRY_DAYS * DAY_MS,
    publicUrl,
    isPublicUrlGiven: e.CLEARWAY_PUBLIC_URL !== undefined,
    sessionIdleDays: e.CLEARWAY_SESSION_IDLE_DAYS,
    maxStreamChars: Math.floor(e.CLEARWAY_MAX_STREAM_MB * CHARS_PER_MB),
    trustProxy: trustProxyOf(e),
    admin:
      e.CLEARWAY_ADMIN_USERNAME && e.CLEARWAY_ADMIN_PASSWORD
        ? { username: e.CLEARWAY_ADMIN_USERNAME, password: e.CLEARWAY_ADMIN_PASSWORD }
        : undefined,
    blobStore: e.CLEARWAY_BLOB_STORE === 's3' ? { kind: 's3', ...s3Settings(e) } : { kind: 'folder' },
    oidc: oidcSettings(e, publicUrl),
    mail: e.SMTP_URL
      ? { smtpUrl: e.SMTP_URL, from: e.CLEARWAY_MAIL_FROM, domain: e.CLEARWAY_MAIL_DOMAIN }
      : undefined,
    digestAt: digestAt(e.CLEARWAY_DIGEST_AT),
  };
}
