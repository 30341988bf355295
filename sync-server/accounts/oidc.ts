// OpenID Connect sign-in (Entra ID and the like), the relying party's side: the authorization
// code flow with PKCE, state and nonce (openid-client), the sealed cookie that carries them from
// the start to the callback, and finding the Clearway account an ID token names. No account is
// ever created here: administrators add people on the People page.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { OidcSettings } from '../config';
import type { Queryable } from '../storage/database';
import {
  type Account,
  findAccountByOidcIdentity,
  findAccountByUsername,
  linkOidcIdentity,
  type OidcIdentity,
} from './users';

/** What the start of a sign-in hands to its callback, in a signed HttpOnly cookie. */
const pendingSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(43),
  deviceName: z.string().max(120),
  /** Milliseconds since 1970 after which the callback is refused. */
  expiresAt: z.number().int(),
});
export type PendingSignIn = z.infer<typeof pendingSchema>;

/** How long a person has at their organisation's sign-in page. */
export const PENDING_TTL_MS = 10 * 60 * 1000;

/** Claims of a checked ID token (issuer, audience, nonce, expiry and signature verified). */
export type IdClaims = Record<string, unknown> & { sub: string };

export type OidcSignIn = {
  label: string;
  begin(deviceName: string, now: Date): Promise<{ url: URL; cookie: string }>;
  /** The pending sign-in from the cookie, or undefined when it is missing, forged or stale. */
  open(cookie: string | undefined, now: Date): PendingSignIn | undefined;
  /** Exchanges the code in `callbackUrl` and checks the ID token; throws when anything is wrong. */
  finish(pending: PendingSignIn, callbackUrl: URL): Promise<IdClaims>;
};

export function createOidcSignIn(settings: OidcSettings): OidcSignIn {
  // The cookie is signed so a value planted from elsewhere is refused. From a configured secret
  // every server process derives the same key, so a sign-in may come back to any of them; only a
  // demo (config.ts refuses it in production) makes a key of its own per process.
  const key = settings.cookieSecret
    ? createHash('sha256').update(`clearway oidc state\0${settings.cookieSecret}`).digest()
    : randomBytes(32);
  let discovered: Promise<oidc.Configuration> | undefined;

  function configuration(): Promise<oidc.Configuration> {
    discovered ??= discover(settings).catch((error: unknown) => {
      discovered = undefined; // the issuer may be back next time
      throw error;
    });
    return discovered;
  }

  return {
    label: settings.label,
    async begin(deviceName, now) {
      const config = await configuration();
      // From the settings (CLEARWAY_PUBLIC_URL), never from the request: forged Host or
      // X-Forwarded-Host headers must not choose where the organisation sends the code.
      const { redirectUri } = settings;
      const pending: PendingSignIn = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        deviceName,
        expiresAt: now.getTime() + PENDING_TTL_MS,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, cookie: seal(pending, key) };
    },
    open(cookie, now) {
      const pending = cookie ? unseal(cookie, key) : undefined;
      return pending && pending.expiresAt > now.getTime() ? pending : undefined;
    },
    async finish(pending, callbackUrl) {
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('The organisation sign-in sent no ID token.');
      return claims as IdClaims;
    },
  };
}

async function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  // Plain http only for an issuer on this machine (a development or test provider).
  const isLocal =
    issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  return oidc.discovery(issuer, settings.clientId, undefined, clientAuth(settings), {
    // The ID token's signature is checked against the issuer's published keys (JWKS) as well as
    // its issuer, audience, nonce and expiry, not only trusted because it came over TLS.
    execute: isLocal
      ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks]
      : [oidc.enableNonRepudiationChecks],
  });
}

function clientAuth(settings: OidcSettings): oidc.ClientAuth {
  return settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None();
}

function signatureOf(body: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

function seal(pending: PendingSignIn, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(pending)).toString('base64url');
  return `${body}.${signatureOf(body, key).toString('base64url')}`;
}

function unseal(cookie: string, key: Buffer): PendingSignIn | undefined {
  const [body = '', signature = '', ...rest] = cookie.split('.');
  if (rest.length > 0) return undefined;
  const expected = signatureOf(body, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type ClaimsMatch =
  | { kind: 'account'; account: Account; identity: OidcIdentity }
  /** No account is linked to this identity, and none has the username its claim gives. */
  | { kind: 'unknown' }
  /** The username claim names an account already linked to another organisation identity. */
  | { kind: 'other_identity' };

/**
 * The account an ID token names. First by its stable subject (issuer and `sub`), for an account
 * that has signed in this way before; else the one whose username is the configured claim (any
 * case), which the caller links to this subject once it lets the person in. An account linked to
 * another subject is never signed in by a username claim: a claim can be renamed or reissued to
 * someone else, the subject cannot. Never by the `email` claim: the address on an account is one
 * its owner typed for the weekly digest, so matching on it would let anyone who typed a
 * colleague's address be signed in as, or in place of, that colleague.
 */
export async function findAccountForClaims(
  db: Queryable,
  claims: IdClaims,
  usernameClaim: string,
): Promise<ClaimsMatch> {
  // openid-client has checked `iss` against the configured issuer.
  const identity = { issuer: String(claims.iss), subject: claims.sub };
  const linked = await findAccountByOidcIdentity(db, identity);
  if (linked) return { kind: 'account', account: linked, identity };
  const username = claims[usernameClaim];
  if (typeof username !== 'string' || !username.trim()) return { kind: 'unknown' };
  const account = await findAccountByUsername(db, username.trim());
  if (!account) return { kind: 'unknown' };
  // Linked to someone else's subject at this issuer (this one would have been found above). A
  // link made under another issuer is one the operator has since replaced (OIDC_ISSUER changed,
  // a tenant moved): left binding, it would lock everyone out, so it is made afresh.
  if (account.oidcIdentity?.issuer === identity.issuer) return { kind: 'other_identity' };
  return { kind: 'account', account, identity };
}

/**
 * After the checks that let the person in: keeps the subject on an account that had none (or one
 * from an issuer no longer configured), so that from now on only it signs that account in. False when another subject was linked to the
 * account in the meantime (two first sign-ins at once): that one wins, this one is refused.
 */
export async function keepOidcIdentity(
  db: Queryable,
  account: Account,
  identity: OidcIdentity,
): Promise<boolean> {
  const linked = account.oidcIdentity;
  if (linked?.issuer === identity.issuer && linked.subject === identity.subject) return true;
  if (await linkOidcIdentity(db, account.userId, identity)) return true;
  const now = await findAccountByOidcIdentity(db, identity);
  return now?.userId === account.userId;
}
