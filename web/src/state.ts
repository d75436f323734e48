// What every page shares: the runtime configuration, the session and the API client.
import { signal } from '@preact/signals';
import { createApi, type ApiClient } from './api.ts';
import type { RuntimeConfig } from './config.ts';
import { navigate } from './router.tsx';
import { clearSession, rememberReturn, storedSession, type Session } from './session.ts';

export const session = signal<Session | undefined>(undefined);
/** Set when the API refused the token: the sign-in page says so. */
export const sessionExpired = signal(false);

let runtime: { config: RuntimeConfig; api: ApiClient } | undefined;

export function initialise(config: RuntimeConfig): void {
  session.value = storedSession();
  runtime = {
    config,
    api: createApi(config.apiUrl, currentToken, endSession),
  };
}

/** The token to send; a session past its expiry ends here, before the API refuses it. */
function currentToken(): string | undefined {
  const current = session.value;
  if (current && current.expiresAt <= Date.now()) {
    endSession();
    return undefined;
  }
  return current?.token;
}

export function config(): RuntimeConfig {
  if (!runtime) throw new Error('The console is not initialised');
  return runtime.config;
}

export function api(): ApiClient {
  if (!runtime) throw new Error('The console is not initialised');
  return runtime.api;
}

/** The session ended (expired, or refused by the API): back to sign-in, then back here. */
export function endSession(): void {
  if (!session.value) return;
  rememberReturn(window.location.pathname + window.location.search);
  clearSession();
  session.value = undefined;
  sessionExpired.value = true;
  navigate(signInPath(), { replace: true });
}

export function signInPath(): string {
  return runtime?.config.auth.kind === 'local' ? '/dev-sign-in' : '/sign-in';
}
