// Sign-in with the organisation's account (OpenID Connect): the options the sign-in page asks
// for, the start (off to the organisation's sign-in page), the callback (back with a code), and
// the call with which the app, back at `/#signed-in`, swaps its new session cookie for the
// bearer token it keeps on the device. Without OIDC settings only the options exist.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { createOidcSignIn, findAccountForClaims, keepOidcIdentity, PENDING_TTL_MS } from '../accounts/oidc';
import { startSession } from '../accounts/sessions';
import { toPrincipal } from '../accounts/users';
import { OIDC_CALLBACK_PATH } from '../config';
import { cookieOptions, describeDevice, SESSION_MAX_AGE_S } from './accountRoutes';
import { authenticate, SESSION_COOKIE } from './authenticate';
import type { ServerContext } from './context';
import { sendProblem } from './problems';

const STATE_COOKIE = 'clearway_oidc';

const startQuerySchema = z.object({ deviceName: z.string().trim().max(120).optional() });

export const NOT_SET_UP =
  'Your organisation account is not set up in Clearway. Ask an administrator to add you.';
export const OTHER_IDENTITY =
  'The Clearway account with your username belongs to a different organisation account, so you cannot sign in to it. Ask an administrator to check which account is yours.';

export function registerOidcRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const settings = ctx.config.oidc;
  app.get('/api/auth/options', async () => ({
    password: true,
    oidc: settings ? { label: settings.label } : null,
  }));
  if (!settings) return;
  const signIn = createOidcSignIn(settings);
  const cookie = (path: string, maxAge: number) => cookieOptions(ctx.config, path, maxAge);

  app.get('/api/auth/oidc/start', async (request, reply) => {
    const query = startQuerySchema.safeParse(request.query);
    const deviceName = (query.success && query.data.deviceName) || describeDevice(request);
    let begun: Awaited<ReturnType<typeof signIn.begin>>;
    try {
      begun = await signIn.begin(deviceName, ctx.now());
    } catch (error) {
      console.error('OpenID Connect discovery failed:', error);
      return sendPage(
        reply,
        503,
        'Your organisation’s sign-in cannot be reached',
        'Try again in a few minutes, or sign in with your username and password.',
      );
    }
    reply.setCookie(STATE_COOKIE, begun.cookie, cookie(OIDC_CALLBACK_PATH, PENDING_TTL_MS / 1000));
    return reply.redirect(begun.url.href, 302);
  });

  app.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    const pending = signIn.open(request.cookies[STATE_COOKIE], ctx.now());
    reply.clearCookie(STATE_COOKIE, { path: OIDC_CALLBACK_PATH });
    if (!pending) {
      return sendPage(
        reply,
        400,
        'Sign-in did not finish',
        'The sign-in took too long, or was not started from this browser. Go back and try again.',
      );
    }
    // The configured address (CLEARWAY_PUBLIC_URL), the one the sign-in was started with.
    const callbackUrl = new URL(settings.redirectUri);
    callbackUrl.search = new URL(request.url, 'http://callback.invalid').search;
    if (callbackUrl.searchParams.has('error')) {
      return sendPage(
        reply,
        401,
        'You were not signed in',
        'Your organisation did not sign you in. Go back and try again, or sign in with your username and password.',
      );
    }
    let claims: Awaited<ReturnType<typeof signIn.finish>>;
    try {
      claims = await signIn.finish(pending, callbackUrl);
    } catch (error) {
      // A changed state, a replayed code or a token that fails its checks all end here.
      console.warn('OpenID Connect sign-in refused:', error instanceof Error ? error.message : error);
      return sendPage(
        reply,
        400,
        'Sign-in did not finish',
        'The sign-in could not be checked. Go back and try again.',
      );
    }
    const match = await findAccountForClaims(ctx.db, claims, settings.usernameClaim);
    if (match.kind === 'unknown')
      return sendPage(reply, 403, 'You cannot sign in to Clearway yet', NOT_SET_UP);
    if (match.kind === 'other_identity') return sendPage(reply, 403, 'You cannot sign in', OTHER_IDENTITY);
    const { account, identity } = match;
    if (account.isDemo && ctx.config.mode === 'production') {
      return sendPage(
        reply,
        403,
        'You cannot sign in',
        'Demo accounts cannot sign in to a production server.',
      );
    }
    if (!(await keepOidcIdentity(ctx.db, account, identity))) {
      return sendPage(reply, 403, 'You cannot sign in', OTHER_IDENTITY);
    }
    const { token } = await startSession(ctx.db, account.userId, pending.deviceName);
    reply.setCookie(SESSION_COOKIE, token, cookie('/', SESSION_MAX_AGE_S));
    // The token never goes in an address: the app asks for it with the cookie (below).
    return reply.redirect('/#signed-in', 302);
  });

  app.post('/api/auth/token', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (request.headers.authorization || !token) {
      return sendProblem(reply, 401, 'not_signed_in', 'Please sign in to continue.');
    }
    const caller = await authenticate(ctx.db, request, reply);
    if (!caller) return reply;
    return { token, user: toPrincipal(caller.account), deviceId: caller.session.deviceId };
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page for the browser that came back from the organisation's sign-in. */
function sendPage(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  const html = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Clearway</title>
<style>body{font-family:Arial,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.5;color:#0b0c0c}
a{color:#1d70b8;display:inline-block;min-height:44px;line-height:44px}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>
<p><a href="/">Go back to sign in</a></p></main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
