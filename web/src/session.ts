// Who is signed in: the ID token the API takes as its bearer token, with the claims the console
// shows (role, region). Deployed, Cognito's managed login issues it (authorization code + PKCE
// through oidc-client-ts, loaded only there); in local mode the console server's development
// sign-in does. The page the user was on is kept when the session ends, to return to it.
import type { RuntimeConfig, CognitoAuth } from './config.ts';

export type Role = 'host' | 'partner';

export interface Session {
  token: string;
  role: Role;
  /** Kemendagri code of a partner coordinator's region. */
  region?: string;
  email?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

const SESSION_KEY = 'sepakat.session';
const RETURN_KEY = 'sepakat.returnTo';

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
  return JSON.parse(
    new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))),
  ) as Record<string, unknown>;
}

/** The session of an ID token, read from its claims (the API checks them; this only shows them). */
export function sessionOf(token: string): Session | undefined {
  try {
    const claims = claimsOf(token);
    const raw = claims['cognito:groups'];
    const groups = Array.isArray(raw)
      ? raw.map(String)
      : typeof raw === 'string'
        ? raw.split(',')
        : [];
    const role: Role | undefined = groups.includes('host-coordinators')
      ? 'host'
      : groups.includes('partner-coordinators')
        ? 'partner'
        : undefined;
    if (!role || typeof claims.exp !== 'number') return undefined;
    const region = claims['custom:region'];
    const email = claims.email;
    return {
      token,
      role,
      ...(typeof region === 'string' ? { region } : {}),
      ...(typeof email === 'string' ? { email } : {}),
      expiresAt: claims.exp * 1000,
    };
  } catch {
    return undefined;
  }
}

export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(SESSION_KEY);
  const session = token ? sessionOf(token) : undefined;
  return session && session.expiresAt > Date.now() ? session : undefined;
}

export function storeSession(token: string): Session | undefined {
  const session = sessionOf(token);
  if (session) sessionStorage.setItem(SESSION_KEY, token);
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Remembers where to come back to after signing in again. */
export function rememberReturn(path: string): void {
  if (!path.startsWith('/sign-in') && !path.startsWith('/dev-sign-in')) {
    sessionStorage.setItem(RETURN_KEY, path);
  }
}

export function takeReturn(): string {
  const path = sessionStorage.getItem(RETURN_KEY) ?? '/';
  sessionStorage.removeItem(RETURN_KEY);
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

async function userManager(auth: CognitoAuth) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: `https://cognito-idp.${auth.region}.amazonaws.com/${auth.userPoolId}`,
    client_id: auth.clientId,
    redirect_uri: auth.redirectUri,
    post_logout_redirect_uri: auth.logoutUri,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: false,
  });
}

/** Deployed: to Cognito's managed login (the code flow with PKCE; MFA as the pool requires). */
export async function signInWithCognito(auth: CognitoAuth): Promise<void> {
  await (await userManager(auth)).signinRedirect();
}

/** Deployed: the managed login's answer on the redirect URI. */
export async function completeCognitoSignIn(auth: CognitoAuth): Promise<Session | undefined> {
  const user = await (await userManager(auth)).signinRedirectCallback();
  return user.id_token ? storeSession(user.id_token) : undefined;
}

/** Ends the session; deployed, also Cognito's (its logout endpoint, then the logout URI). */
export async function signOut(config: RuntimeConfig): Promise<void> {
  clearSession();
  if (config.auth.kind !== 'cognito') return;
  const auth = config.auth;
  await (await userManager(auth)).removeUser();
  const logout = new URL(`https://${auth.domain}/logout`);
  logout.searchParams.set('client_id', auth.clientId);
  logout.searchParams.set('logout_uri', auth.logoutUri);
  window.location.assign(logout.toString());
}

/** Local mode only: a development token from the console server (local/web/console-server.ts). */
export async function devSignIn(role: Role, region?: string): Promise<Session> {
  const response = await fetch('/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(region ? { region } : {}) }),
  });
  const body = (await response.json()) as { token?: string; detail?: string };
  if (!response.ok || !body.token)
    throw new Error(body.detail ?? `HTTP ${String(response.status)}`);
  const session = storeSession(body.token);
  if (!session) throw new Error('The development token has no coordinator role.');
  return session;
}
