// The settings that decide where the organisation sign-in comes back to, whose forwarded headers
// are believed, what signs the sign-in's cookie, how long unfinished uploads are kept and how
// long a device may go unused: refused at start when they would be unsafe.
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

const OIDC = {
  OIDC_ISSUER: 'https://login.example.gov.uk/tenant/v2.0',
  OIDC_CLIENT_ID: 'clearway',
  OIDC_CLIENT_SECRET: 'a-client-secret',
};
const PRODUCTION = { CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none', ...OIDC };

describe('the public address', () => {
  it('is where the organisation sends people back, whatever a request says', () => {
    const config = readConfig({ ...PRODUCTION, CLEARWAY_PUBLIC_URL: 'https://clearway.dept.gov.uk/' });
    expect(config.publicUrl).toBe('https://clearway.dept.gov.uk');
    expect(config.oidc?.redirectUri).toBe('https://clearway.dept.gov.uk/api/auth/oidc/callback');
  });

  it('must be set in production, with or without organisation sign-in', () => {
    expect(() => readConfig(PRODUCTION)).toThrow(/CLEARWAY_PUBLIC_URL: must be set in production/);
    expect(() => readConfig({ CLEARWAY_MODE: 'production', CLEARWAY_TRUST_PROXY: 'none' })).toThrow(
      /CLEARWAY_PUBLIC_URL: must be set in production/,
    );
  });

  it('is this machine in a demo', () => {
    expect(readConfig({ ...OIDC, PORT: '8080' }).oidc?.redirectUri).toBe(
      'http://localhost:8080/api/auth/oidc/callback',
    );
  });

  it('is https in production, except on this machine', () => {
    expect(() => readConfig({ ...PRODUCTION, CLEARWAY_PUBLIC_URL: 'http://clearway.dept.gov.uk' })).toThrow(
      /must start https:\/\//,
    );
    expect(readConfig({ ...PRODUCTION, CLEARWAY_PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('is only a scheme and host', () => {
    for (const bad of [
      'https://clearway.dept.gov.uk/app',
      'https://x.gov.uk/?a=1',
      'ftp://x.gov.uk',
      'x.gov.uk',
    ]) {
      expect(() => readConfig({ CLEARWAY_PUBLIC_URL: bad })).toThrow(/CLEARWAY_PUBLIC_URL/);
    }
  });
});

describe('trusted proxies', () => {
  it('are nobody in a demo unless named', () => {
    expect(readConfig({}).trustProxy).toBe(false);
  });

  it('must be named in production, or said to be none', () => {
    const production = { CLEARWAY_MODE: 'production', CLEARWAY_PUBLIC_URL: 'https://c.gov.uk' };
    expect(() => readConfig(production)).toThrow(
      /CLEARWAY_TRUST_PROXY: must be set in production: the addresses of the proxies in front of Clearway, or none/,
    );
    expect(readConfig({ ...production, CLEARWAY_TRUST_PROXY: 'none' }).trustProxy).toBe(false);
    expect(readConfig({ ...production, CLEARWAY_TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
    ]);
  });

  it('are addresses, ranges or the usual private kinds', () => {
    expect(readConfig({ CLEARWAY_TRUST_PROXY: '10.0.0.0/8, 192.168.1.4,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.4',
      'loopback',
      '::1',
    ]);
    // "true" would believe anyone's X-Forwarded-For; a hop count Fastify ignores.
    for (const bad of ['true', '1', 'proxy.internal', '10.0.0.0/8,', 'none,10.0.0.1', '']) {
      expect(() => readConfig({ CLEARWAY_TRUST_PROXY: bad })).toThrow(/CLEARWAY_TRUST_PROXY/);
    }
  });
});

describe("the sign-in cookie's secret", () => {
  const publicClient = {
    ...PRODUCTION,
    OIDC_CLIENT_SECRET: undefined,
    CLEARWAY_PUBLIC_URL: 'https://c.gov.uk',
  };

  it('is the configured one, else the client secret, so every process has the same', () => {
    const secret = 'x'.repeat(32);
    expect(readConfig({ ...publicClient, CLEARWAY_COOKIE_SECRET: secret }).oidc?.cookieSecret).toBe(secret);
    expect(readConfig({ ...publicClient, OIDC_CLIENT_SECRET: 'a-client-secret' }).oidc?.cookieSecret).toBe(
      'a-client-secret',
    );
  });

  it('must be set in production for a public client, and be long', () => {
    expect(() => readConfig(publicClient)).toThrow(/CLEARWAY_COOKIE_SECRET: must be set/);
    expect(() => readConfig({ ...publicClient, CLEARWAY_COOKIE_SECRET: 'short' })).toThrow(
      /CLEARWAY_COOKIE_SECRET: must be at least 32/,
    );
    // A demo process makes its own.
    expect(readConfig({ ...publicClient, CLEARWAY_MODE: 'demo' }).oidc?.cookieSecret).toBeUndefined();
  });
});

describe('how long an unfinished upload is kept', () => {
  it('is a week unless set, so someone offline for days can still resume', () => {
    expect(readConfig({}).uploadExpiryMs).toBe(7 * 24 * 60 * 60 * 1000);
    expect(readConfig({ CLEARWAY_UPLOAD_EXPIRY_DAYS: '14' }).uploadExpiryMs).toBe(14 * 24 * 60 * 60 * 1000);
    expect(readConfig({ CLEARWAY_UPLOAD_EXPIRY_DAYS: '0.5' }).uploadExpiryMs).toBe(12 * 60 * 60 * 1000);
  });

  it('must be some days, not none or words', () => {
    for (const bad of ['0', '-1', 'a week']) {
      expect(() => readConfig({ CLEARWAY_UPLOAD_EXPIRY_DAYS: bad })).toThrow(
        /CLEARWAY_UPLOAD_EXPIRY_DAYS: must/,
      );
    }
  });
});

describe('how long a device may go unused and stay signed in', () => {
  it('is 90 days unless set, so a tablet back from a long leave still works', () => {
    expect(readConfig({}).sessionIdleDays).toBe(90);
    expect(readConfig({ CLEARWAY_SESSION_IDLE_DAYS: '30' }).sessionIdleDays).toBe(30);
    expect(readConfig({ CLEARWAY_SESSION_IDLE_DAYS: '0.5' }).sessionIdleDays).toBe(0.5);
  });

  it('must be some days, not none or words', () => {
    for (const bad of ['0', '-1', 'three months']) {
      expect(() => readConfig({ CLEARWAY_SESSION_IDLE_DAYS: bad })).toThrow(
        /CLEARWAY_SESSION_IDLE_DAYS: must/,
      );
    }
  });
});

describe('how large a case or an organisation stream may grow', () => {
  it('is 16 MB of pulled document unless set', () => {
    expect(readConfig({}).maxStreamChars).toBe(16 * 1024 * 1024);
    expect(readConfig({ CLEARWAY_MAX_STREAM_MB: '64' }).maxStreamChars).toBe(64 * 1024 * 1024);
    expect(readConfig({ CLEARWAY_MAX_STREAM_MB: '0.5' }).maxStreamChars).toBe(512 * 1024);
  });

  it('must be some MB, and leave a pull far from the database’s 1 GB limit on one text', () => {
    for (const bad of ['0', '-1', 'lots', '1024']) {
      expect(() => readConfig({ CLEARWAY_MAX_STREAM_MB: bad })).toThrow(/CLEARWAY_MAX_STREAM_MB: must/);
    }
  });
});
