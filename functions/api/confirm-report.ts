// POST /agreements/{id}/reports/{reportId}/confirm: application/official-reports.ts over HTTP.
import { confirmReportUseCase } from '../../application/official-reports.ts';
import { confirmReportSchema } from '../../domain/action-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { workflowParts } from '../shared/wiring/parts.ts';
import { coordinatorChangeHandler } from './coordinator-change.ts';
import { reportDecisionOf } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  return coordinatorChangeHandler(env, options, {
    operation: 'confirm-report',
    schema: confirmReportSchema,
    status: 200,
    parts: workflowParts,
    useCase: confirmReportUseCase,
    inputOf: reportDecisionOf,
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
