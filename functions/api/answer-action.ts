// POST /actions/{token}: an official's answer through a nudge's action link. Public: the token
// in the path is the credential, and the page sets no cookie, so no other site can forge it.
import { randomUUID } from 'node:crypto';
import { answerActionUseCase } from '../../application/answer-action.ts';
import { actionAnswerSchema } from '../../domain/action-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { mailerOf } from '../shared/wiring/mail.ts';
import { actionLinkStore, tableParts, wiring } from '../shared/wiring/parts.ts';
import { apiHandler, parse } from './http.ts';
import { actionTokenOf } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  const w = wiring(env, options);
  const answer = answerActionUseCase({
    ...tableParts(w),
    ...actionLinkStore(w),
    ...mailerOf(w),
    newId: randomUUID,
  });
  return apiHandler({ auth: false, env }, async (request) => {
    const token = actionTokenOf(request);
    const input = parse(actionAnswerSchema, request.body, 'body');
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: await answer(token, input),
    };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
