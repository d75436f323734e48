// POST /agreements/{id}/reports/{reportId}/reject: application/official-reports.ts over HTTP.
import { rejectReportUseCase } from '../../application/official-reports.ts';
import { rejectReportSchema } from '../../domain/action-schemas.ts';
import type { ApiOptions, FunctionEnvironment } from '../shared/environment.ts';
import { onFirstCall } from '../shared/middleware.ts';
import { tableParts } from '../shared/wiring/parts.ts';
import { coordinatorChangeHandler } from './coordinator-change.ts';
import { reportDecisionOf } from './translate.ts';

export function createHandler(env: FunctionEnvironment, options: ApiOptions = {}) {
  return coordinatorChangeHandler(env, options, {
    operation: 'reject-report',
    schema: rejectReportSchema,
    status: 200,
    parts: tableParts,
    useCase: rejectReportUseCase,
    inputOf: reportDecisionOf,
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
