import { createHash } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';
import { StepFunctionsWorkflow } from '../../adapters/stepfunctions/workflow-client.ts';
import type { Agreement } from '../../domain/agreement.ts';
import type { AgreementRepository, IdempotencyClaim, Workflow } from '../../domain/ports.ts';
import { required, type FunctionEnvironment, type TaskOptions } from '../shared/environment.ts';
import { repositoryFrom } from '../shared/repository.ts';
import { problems, type ApiRequest } from './http.ts';
import { canSee } from '../../domain/access.ts';

export interface ApiOptions extends TaskOptions {
  newId?: () => string;
}

export interface ReadDependencies {
  repository: AgreementRepository;
  now: () => Date;
}

export interface WriteDependencies extends ReadDependencies {
  workflow: Workflow;
}

export function readDependencies(
  env: FunctionEnvironment,
  options: ApiOptions = {},
): ReadDependencies {
  return {
    repository: repositoryFrom(env, options.dynamoDb),
    now: options.now ?? (() => new Date()),
  };
}

export function writeDependencies(
  env: FunctionEnvironment,
  options: ApiOptions = {},
): WriteDependencies {
  const read = readDependencies(env, options);
  return {
    ...read,
    workflow: new StepFunctionsWorkflow({
      client: options.sfn ?? new SFNClient({}),
      repository: read.repository,
      stateMachineArn: required(env, 'STATE_MACHINE_ARN'),
      now: read.now,
    }),
  };
}

export const newId = (options: ApiOptions): (() => string) => options.newId ?? (() => ulid());

const AGREEMENT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** The agreement of the path, if it exists and the caller may see it (else 404: no leaks). */
export async function visibleAgreement(
  request: ApiRequest,
  repository: AgreementRepository,
): Promise<Agreement> {
  const id = request.pathParameters.id ?? '';
  if (!AGREEMENT_ID.test(id))
    throw problems.notFound(`No agreement ${JSON.stringify(id.slice(0, 64))}`);
  const agreement = await repository.get(id);
  if (!agreement || !canSee(request.principal, agreement))
    throw problems.notFound(`No agreement ${id}`);
  return agreement;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The claim of an `Idempotency-Key` header, scoped by operation, caller and target, and bound
 * to the request's content, so a retry replays and a different request with the key is refused.
 */
export function idempotencyClaim(
  request: ApiRequest,
  operation: string,
  input: unknown,
): IdempotencyClaim | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw problems.invalid([
      { field: 'header.idempotency-key', message: 'must be 1-255 visible ASCII characters' },
    ]);
  }
  const scope = [operation, request.principal.subject, request.pathParameters.id ?? '', key];
  return {
    key: scope.join(':'),
    requestHash: createHash('sha256').update(JSON.stringify(input)).digest('base64url'),
  };
}

/** Tells a client that this answer repeats the first one for its Idempotency-Key. */
export function replayHeader(replayed: boolean): Record<string, string> {
  return replayed ? { 'idempotent-replayed': 'true' } : {};
}

export const forbidden = (what: string) => problems.forbidden(`Your role may not ${what}.`);
