// The small typed client for the server's session and people endpoints. Every response is
// checked with zod before anything uses it; every failure becomes an ApiError carrying the
// server's machine code and a sentence a person can read. Replication has its own calls in
// ./replication.ts but shares `request` so authentication and revocation work the same way.
import { z } from 'zod';
import { principalSchema, type Role } from '../domain';

export const sessionUserSchema = principalSchema;
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  token: z.string().min(1),
  user: sessionUserSchema,
  deviceId: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** How people may sign in (GET /api/auth/options): organisation sign-in only when it is set up. */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  oidc: z.object({ label: z.string().min(1) }).nullable(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

export const meResponseSchema = z.object({
  user: sessionUserSchema,
  deviceId: z.string(),
  /** Where the weekly chase digest goes; null when none is set (absent from older servers). */
  email: z.string().nullable().optional(),
});

/** What a person may give as their e-mail address (the same check the server makes). */
export const emailAddressSchema = z
  .string()
  .trim()
  .max(254, 'Enter an e-mail address of 254 characters or fewer')
  .pipe(z.email('Enter an e-mail address in the right form, like name@example.gov.uk'));

export const deviceSchema = z.object({
  deviceId: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  isCurrent: z.boolean(),
});
export type Device = z.infer<typeof deviceSchema>;

/** An account as an administrator sees it (GET /api/admin/accounts). */
export const accountSummarySchema = principalSchema.extend({
  username: z.string(),
  isDemo: z.boolean(),
  activeDevices: z.number().int().min(0),
  lastSeenAt: z.string().nullable(),
  /** Linked to an organisation sign-in (OpenID Connect issuer and subject). */
  hasOrganisationSignInLink: z.boolean(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export type NewAccount = {
  username: string;
  displayName: string;
  roles: Role[];
  teamIds: string[];
  password: string;
};

export const directoryUserSchema = principalSchema;
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

const errorBodySchema = z.object({ error: z.string(), message: z.string() });

/** What went wrong, for code (`code`) and for the person (`message`). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get isOffline(): boolean {
    return this.code === 'offline';
  }
  get isDeviceRevoked(): boolean {
    return this.code === 'device_revoked';
  }
  /** The session ended on the server (unused too long): sign in again; the device keeps its data. */
  get isSessionExpired(): boolean {
    return this.code === 'session_expired';
  }
}

export type ApiClientOptions = {
  /** '' in the browser (same origin as the app); the server's address in Node tests. */
  baseUrl: string;
  /** The session token; null before sign-in (the browser also sends the HttpOnly cookie). */
  getToken: () => string | null;
  /** Called once for any 401 device_revoked, wherever it came from, so the device wipes itself. */
  onDeviceRevoked?: (message: string) => void;
  /** Called for any 401 session_expired, so the device shows the person signed out, keeping its data. */
  onSessionExpired?: (message: string) => void;
  fetch?: typeof fetch;
};

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  function headersFor(init?: RequestInit): Headers {
    const headers = new Headers(init?.headers);
    const token = options.getToken();
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init?.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return headers;
  }

  async function toApiError(response: Response): Promise<ApiError> {
    const body = errorBodySchema.safeParse(await response.json().catch(() => null));
    const error = body.success
      ? new ApiError(body.data.error, body.data.message, response.status)
      : new ApiError(
          'server_error',
          `The server answered with an error (${response.status}).`,
          response.status,
        );
    if (error.isDeviceRevoked) options.onDeviceRevoked?.(error.message);
    if (error.isSessionExpired) options.onSessionExpired?.(error.message);
    return error;
  }

  /** Sends a request; resolves with the raw Response when it is 2xx, otherwise throws ApiError. */
  async function send(path: string, init?: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        credentials: 'same-origin',
        ...init,
        headers: headersFor(init),
      });
    } catch {
      throw new ApiError('offline', 'The server cannot be reached. Your work is kept on this device.', 0);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  /** Sends a request and parses its JSON answer with `schema`. */
  async function request<T>(schema: z.ZodType<T>, path: string, init?: RequestInit): Promise<T> {
    const response = await send(path, init);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError(
        'bad_response',
        'The server sent an answer this app does not understand.',
        response.status,
      );
    }
    return parsed.data;
  }

  return {
    send,
    request,
    login: (username: string, password: string, deviceName?: string) =>
      request(loginResponseSchema, '/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username, password, deviceName }),
      }),
    signInOptions: () => request(signInOptionsSchema, '/api/auth/options'),
    /** After the organisation's sign-in: the session cookie swapped for the token the device keeps. */
    tokenFromCookie: () => request(loginResponseSchema, '/api/auth/token', { method: 'POST' }),
    logout: async () => {
      await send('/api/auth/logout', { method: 'POST' });
    },
    me: () => request(meResponseSchema, '/api/me'),
    devices: () => request(z.array(deviceSchema), '/api/devices'),
    revokeDevice: async (deviceId: string) => {
      await send(`/api/devices/${encodeURIComponent(deviceId)}/revoke`, { method: 'POST' });
    },
    users: () => request(z.array(directoryUserSchema), '/api/users'),
    changePassword: async (currentPassword: string, newPassword: string, signOutOtherDevices = false) => {
      await send('/api/me/password', {
        method: 'PUT',
        body: JSON.stringify({ currentPassword, newPassword, signOutOtherDevices }),
      });
    },
    /** Administrators only: everyone who may sign in. */
    accounts: () => request(z.array(accountSummarySchema), '/api/admin/accounts'),
    addAccount: (account: NewAccount) =>
      request(principalSchema, '/api/admin/accounts', { method: 'POST', body: JSON.stringify(account) }),
    changeAccess: (userId: string, change: { roles?: Role[]; teamIds?: string[] }) =>
      request(principalSchema, `/api/admin/people/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: JSON.stringify(change),
      }),
    resetPassword: async (userId: string, password: string, signOutDevices = false) => {
      await send(`/api/admin/accounts/${encodeURIComponent(userId)}/password`, {
        method: 'PUT',
        body: JSON.stringify({ password, signOutDevices }),
      });
    },
    /** Removes the person's organisation sign-in link: their next such sign-in links afresh. */
    removeSignInLink: async (userId: string) => {
      await send(`/api/admin/accounts/${encodeURIComponent(userId)}/organisation-sign-in`, {
        method: 'DELETE',
      });
    },
    devicesOf: (userId: string) =>
      request(z.array(deviceSchema), `/api/devices?userId=${encodeURIComponent(userId)}`),
    /** Sets (or with null removes) the signed-in person's e-mail address. */
    setEmail: (email: string | null) =>
      request(z.object({ email: z.string().nullable() }), '/api/me/email', {
        method: 'PUT',
        body: JSON.stringify({ email }),
      }),
  };
}
