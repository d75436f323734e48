// "Enter current stage": takes the agreement over for this execution and says what to wait for.
import type { Stage } from '../domain/agreement.ts';
import { attachWorkflow } from '../domain/execution.ts';
import { waitKeysOf, type Route, type WaitKey } from '../domain/routes.ts';
import { changeAgreement, readAgreement } from './shared/agreement-updates.ts';
import type { FunctionEnvironment, TaskOptions } from './shared/environment.ts';
import { SupersededError } from './shared/errors.ts';
import { workflowMetrics } from './shared/powertools.ts';
import { onFirstCall, taskHandler, type TaskEvent } from './shared/middleware.ts';
import { repositoryFrom } from './shared/repository.ts';

export interface EnterStageEvent extends TaskEvent {
  executionStartTime: string;
}

export interface Position {
  route: Route;
  stage: Stage;
  /** The items of the handover Map: one wait per application still pending. */
  pendingApps: { agreementId: string; waitKey: WaitKey }[];
}

export function createHandler(env: FunctionEnvironment, options: TaskOptions = {}) {
  const repository = repositoryFrom(env, options.dynamoDb);
  const now = options.now ?? (() => new Date());
  return taskHandler<EnterStageEvent, Position>(async (event) => {
    let previousRoute: Route | undefined;
    const agreement = await changeAgreement(
      repository,
      () => readAgreement(repository, event.agreementId),
      (current) => {
        previousRoute = current.workflow?.route as Route | undefined;
        const change = attachWorkflow(current, event, now());
        if (change === 'superseded')
          throw new SupersededError(event.agreementId, event.executionArn);
        return change;
      },
    );
    const route = (agreement.workflow?.route ?? agreement.stage) as Route;
    // Counted once per stage: a retry, a renewal or a resumed execution finds the route unchanged.
    if (route !== previousRoute && route !== 'RENEW') workflowMetrics.stageEntered(route);
    return {
      route,
      stage: agreement.stage,
      pendingApps:
        route === 'HANDOVER'
          ? waitKeysOf(agreement, route).map((waitKey) => ({ agreementId: agreement.id, waitKey }))
          : [],
    };
  });
}

export const handler = onFirstCall(() => createHandler(process.env));
