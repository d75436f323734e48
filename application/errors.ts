// What a use case refuses with, for the handlers to translate: the API into problem details
// (functions/api/http.ts), the state machine by name (keep those in step with the ASL).
// A missing or hidden agreement is the port's AgreementNotFoundError.
import type { Rejection } from '../domain/rejections.ts';

/** A newer execution owns the agreement; the state machine ends this one quietly. */
export class SupersededError extends Error {
  constructor(agreementId: string, executionArn: string) {
    super(`Agreement ${agreementId} is driven by a newer execution than ${executionArn}`);
    this.name = 'Sepakat.Superseded';
  }
}

/** The caller's role may not do this (domain/access.ts said no). */
export class AccessDeniedError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'AccessDeniedError';
  }
}

/** The agreement's rules refuse the change (domain/lifecycle.ts). */
export class RuleRejectedError extends Error {
  readonly rejection: Rejection;
  constructor(rejection: Rejection) {
    super(rejection.message);
    this.name = 'RuleRejectedError';
    this.rejection = rejection;
  }
}

/** The agreement is stored, but its workflow did not start; starting again is safe. */
export class WorkflowNotStartedError extends Error {
  readonly agreementId: string;
  constructor(agreementId: string, cause: unknown) {
    super(`Agreement ${agreementId} is stored but its workflow did not start`, { cause });
    this.name = 'WorkflowNotStartedError';
    this.agreementId = agreementId;
  }
}

/**
 * No working action link has this token: unknown, forged, used, expired, superseded or its wait
 * over. One error, one answer for all of them, so that the answer tells nothing of which.
 */
export class ActionLinkNotFoundError extends Error {
  constructor() {
    super('This link is not valid (any more).');
    this.name = 'ActionLinkNotFoundError';
  }
}
