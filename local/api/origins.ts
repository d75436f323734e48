// The browser origins the local API answers (ALLOWED_ORIGINS): the console's, and any the
// developer adds with SEPAKAT_ALLOWED_ORIGINS (comma-separated), as the deployed API allows
// the console's CloudFront domain and the configured corsOrigins.
import { originsOf } from '../../functions/api/http/cors.ts';

/**
 * `consoleUrl`: where local mode serves the console, if on an origin of its own; without it,
 * SEPAKAT_WEB_PORT names the console's port on loopback.
 */
export function localAllowedOrigins(
  env: Record<string, string | undefined>,
  consoleUrl?: string,
): string[] {
  const port = Number(env.SEPAKAT_WEB_PORT);
  const console = consoleUrl
    ? [new URL(consoleUrl).origin]
    : Number.isInteger(port) && port > 0
      ? [`http://127.0.0.1:${String(port)}`, `http://localhost:${String(port)}`]
      : [];
  return [...new Set([...console, ...originsOf(env.SEPAKAT_ALLOWED_ORIGINS)])];
}
