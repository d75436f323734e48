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
  const { apiUrl, auth } = value as Partial<RuntimeConfig>;
  if (typeof apiUrl !== 'string' || auth === null || typeof auth !== 'object') return false;
  if (auth.kind === 'local') return true;
  return (
    auth.kind === 'cognito' &&
    (['domain', 'userPoolId', 'clientId', 'region', 'redirectUri', 'logoutUri'] as const).every(
      (key) => typeof auth[key] === 'string',
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
