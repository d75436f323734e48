// The runtime configuration the console reads at start (/config.json), so one build serves
// local mode and every deployed environment.
export interface CognitoAuth {
  kind: 'cognito';
  /** The managed login's domain, e.g. sepakat-prod.auth.ap-southeast-3.amazoncognito.com */
  domain: string;
  userPoolId: string;
  clientId: string;
  region: string;
  redirectUri: string;
  logoutUri: string;
}

export interface RuntimeConfig {
  apiUrl: string;
  auth: CognitoAuth | { kind: 'local' };
}

function isRuntimeConfig(value: unknown): value is RuntimeConfig {
  if (value === null || typeof value !== 'object') return false;
  // Read from the network: nothing is known of it yet.
  const { apiUrl, auth } = value as { apiUrl?: unknown; auth?: unknown };
  if (typeof apiUrl !== 'string' || auth === null || typeof auth !== 'object') return false;
  const kind = (auth as { kind?: unknown }).kind;
  if (kind === 'local') return true;
  return (
    kind === 'cognito' &&
    (['domain', 'userPoolId', 'clientId', 'region', 'redirectUri', 'logoutUri'] as const).every(
      (key) => typeof (auth as Partial<CognitoAuth>)[key] === 'string',
    )
  );
}

export async function loadConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json: HTTP ${String(response.status)}`);
  const config: unknown = await response.json();
  if (!isRuntimeConfig(config)) throw new Error('/config.json does not hold a valid configuration');
  return { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
}
