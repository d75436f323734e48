// The API on loopback: every route of functions/api/routes.ts with its own environment.
import { originsOf } from '../../functions/api/http/cors.ts';
import type { ApiOptions } from '../../functions/shared/environment.ts';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { startApiServer, type LocalRoute, type PartHealth, type RunningApi } from './server.ts';
import { verifyDevToken, type DevKey } from './dev-tokens.ts';

export interface LocalApiProps {
  /** Values for the handlers' environment variables (TABLE_NAME, STATE_MACHINE_ARN, ...). */
  environment: Record<string, string>;
  key: DevKey;
  options?: ApiOptions;
  /** The readiness of the parts behind the API: GET /health answers 503 until all are ready. */
  health?: () => Promise<PartHealth[]>;
  port?: number;
}

export async function startLocalApi(props: LocalApiProps): Promise<RunningApi> {
  const routes: LocalRoute[] = [];
  for (const route of API_ROUTES) {
    const environment = Object.fromEntries(
      route.environment.map((name) => [name, props.environment[name]]),
    );
    const { createHandler } = await route.load();
    routes.push({ route, handler: createHandler(environment, props.options) });
  }
  return startApiServer({
    routes,
    verify: (token) => verifyDevToken(props.key, token),
    allowedOrigins: originsOf(props.environment.ALLOWED_ORIGINS),
    ...(props.health ? { health: props.health } : {}),
    ...(props.port !== undefined ? { port: props.port } : {}),
  });
}
