import type { Principal } from '../../../domain/access.ts';
import { logger } from '../../shared/powertools.ts';
import { isIdToken, principalFromClaims, TOKEN_REFUSALS } from '../principal.ts';
import type { HttpEvent, HttpMiddleware } from './event.ts';
import { problems } from './problems.ts';

export interface AuthenticationOptions {
  /** false only for /health and /openapi.json, which still learn a caller who sends a token. */
  required: boolean;
}

/**
 * The caller from the Cognito authorizer's claims as `event.principal`; on a route that
 * requires sign-in, 401 without a caller and 403 for a caller in no coordinators' group.
 */
export function authentication({ required }: AuthenticationOptions): HttpMiddleware {
  return {
    before: ({ event }) => {
      const claims = event.requestContext.authorizer?.claims as Record<string, unknown> | undefined;
      const principal = claims ? principalFromClaims(claims) : undefined;
      // Defence in depth: the authorizer checks signature and expiry, but not the token's kind.
      if (required && claims && !isIdToken(claims)) {
        throw problems.unauthorized(TOKEN_REFUSALS.wrongKind);
      }
      if (required && !principal) throw problems.unauthorized();
      if (required && principal?.role === 'NONE') {
        throw problems.forbidden('Your account is in no coordinators’ group.');
      }
      event.principal = principal;
      if (principal) logger.appendKeys({ caller: principal.subject, role: principal.role });
      // Operations search the logs by agreement (docs/runbook.md).
      if (event.pathParameters?.id) logger.appendKeys({ agreementId: event.pathParameters.id });
    },
  };
}

/**
 * The caller authentication({ required: true }) let through. The types cannot see what a
 * middleware did, so a route built without it fails closed (401) rather than run as nobody.
 */
export function signedIn(event: HttpEvent): Principal {
  if (!event.principal) throw problems.unauthorized();
  return event.principal;
}
