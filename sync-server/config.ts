// Reads the server's configuration from the environment, once, with defaults that let
// `npm start` run with no setup (embedded PGlite, blobs in a local folder, demo data).
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  CLEARWAY_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  CLEARWAY_MODE: z.enum(['demo', 'production']).default('demo'),
  CLEARWAY_STATIC_DIR: z.string().default('./dist'),
});

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mode: 'demo' | 'production';
  staticDir: string;
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
    mode: e.CLEARWAY_MODE,
    staticDir: path.resolve(e.CLEARWAY_STATIC_DIR),
  };
}
