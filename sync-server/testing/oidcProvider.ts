// A real OpenID Connect provider in the test process (panva's oidc-provider, the certified one),
// and a fetch-driven "browser" that walks a sign-in through it: redirects followed by hand,
// cookies kept per host, and the provider's development login and consent forms submitted.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export type OidcPerson = { sub: string; preferred_username?: string; email?: string; name?: string };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Starts answering, for a client that may come back to these callbacks, knowing these people. */
  serve(redirectUris: string[], people: OidcPerson[]): void;
  close(): Promise<void>;
};

/**
 * Listens first, so the issuer's address (with its port) is known before the Clearway servers
 * that need it start; `serve` then sets the provider up with their callback addresses.
 */
export async function openOidcProvider(): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const clientId = 'clearway-test';
  const clientSecret = 'a-client-secret-for-tests-only-0123456789';
  return {
    issuer,
    clientId,
    clientSecret,
    serve(redirectUris, people) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: redirectUris,
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        async findAccount(_ctx, sub) {
          const person = people.find((p) => p.sub === sub);
          return person && { accountId: sub, claims: async () => ({ ...person }) };
        },
        claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
        // Put profile and e-mail claims in the ID token itself, as Entra ID does.
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: true } },
        cookies: { keys: ['test-cookie-key-0123456789'] },
      });
      server.on('request', provider.callback());
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A minimal browser: a cookie jar per host and redirects followed one at a time. */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(host, jar);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const jar = this.jars.get(new URL(url).host);
    const headers = new Headers(init.headers);
    if (jar && jar.size > 0) {
      headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.keep(url, line);
    return response;
  }

  private keep(url: string, line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const isExpired = attributes.some(
      (a) =>
        /^\s*max-age=0\s*$/i.test(a) ||
        (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()),
    );
    if (isExpired || value === '') this.jars.get(new URL(url).host)?.delete(name);
    else this.setCookie(url, name, value);
  }
}

export type Walk = {
  /** The last answer: Clearway's callback's, or the first that was not a redirect or a form. */
  response: Response;
  /** Every address visited, in order. */
  visited: string[];
};

/**
 * From `startUrl`, follows redirects and submits the provider's login form (as `login`) and its
 * consent form, until Clearway's callback answers (or an answer that is none of these).
 * `beforeCallback` may change the address the provider sends the browser back to (to tamper
 * with it); `cancel` presses the provider's Cancel instead of signing in.
 */
export async function walkSignIn(
  browser: TestBrowser,
  startUrl: string,
  login: string,
  options: { callbackPath?: string; beforeCallback?: (url: URL) => URL; cancel?: boolean } = {},
): Promise<Walk> {
  const callbackPath = options.callbackPath ?? '/api/auth/oidc/callback';
  const visited: string[] = [];
  let url = startUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step += 1) {
    const isCallback = new URL(url).pathname === callbackPath;
    if (isCallback && options.beforeCallback) url = options.beforeCallback(new URL(url)).href;
    visited.push(url);
    const response = await browser.fetch(url, init);
    if (isCallback) return { response, visited };
    init = {};
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = response.status === 200 ? await response.clone().text() : '';
    const form = providerForm(html);
    if (!form) return { response, visited };
    const cancel = options.cancel && /href="([^"]*\/interaction\/[^"]+\/abort)"/.exec(html)?.[1];
    if (cancel) {
      // The person chooses "Cancel" at their organisation's sign-in page.
      url = new URL(cancel, url).href;
      continue;
    }
    const body = new URLSearchParams({ prompt: form.prompt });
    if (form.prompt === 'login') {
      body.set('login', login);
      body.set('password', 'any');
    }
    url = new URL(form.action, url).href;
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error(`The sign-in did not end after 20 steps: ${visited.join(' → ')}`);
}

/** The development login or consent form on a provider page, if it is one. */
function providerForm(html: string): { action: string; prompt: string } | undefined {
  const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html)?.[1];
  const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
  return action && prompt ? { action: action.replace(/&amp;/g, '&'), prompt } : undefined;
}
