// "Enter current stage": takes the agreement over for this execution and says what to wait for.
import type { Stage } from '../domain/agreement.ts';
import type { AgreementStore, WorkflowMetrics } from '../domain/ports.ts';
import { attachWorkflow, type ExecutionRef } from '../domain/execution.ts';
import { waitKeysOf, type Route } from '../domain/routes.ts';
import { readAgreement, type TaskRef } from './agreements.ts';
import { changeAgreement } from './commit.ts';
import { SupersededError } from './errors.ts';

export interface EnterStageDeps {
  agreements: Pick<AgreementStore, 'get' | 'update'>;
  metrics: Pick<WorkflowMetrics, 'stageEntered'>;
  now: () => Date;
}

export type EnterStageTask = TaskRef & ExecutionRef;

export interface Position {
  route: Route;
  stage: Stage;
  /** The items of the handover Map: one wait per application still pending. */
  pendingApps: { agreementId: string; waitKey: string }[];
}

export function enterStageUseCase(deps: EnterStageDeps) {
  return async (task: EnterStageTask): Promise<Position> => {
    let previousRoute: Route | undefined;
    const agreement = await changeAgreement(
      deps.agreements,
      () => readAgreement(deps.agreements, task.agreementId),
      (current) => {
        previousRoute = current.workflow?.route as Route | undefined;
        const change = attachWorkflow(current, task, deps.now());
        if (change === 'superseded') throw new SupersededError(task.agreementId, task.executionArn);
        return change;
      },
    );
    const route = (agreement.workflow?.route ?? agreement.stage) as Route;
    // Counted once per stage: a retry, a renewal or a resumed execution finds the route unchanged.
    if (route !== previousRoute && route !== 'RENEW') deps.metrics.stageEntered(route);
    return {
      route,
      stage: agreement.stage,
      pendingApps:
        route === 'HANDOVER'
          ? waitKeysOf(agreement, route).map((waitKey) => ({ agreementId: agreement.id, waitKey }))
          : [],
    };
  };
}
