// A coordinator confirms an official's report into the milestone (then the workflow wakes), or
// rejects it with a reason; and replaces the contacts. Coordinators' changes like any other
// (coordinator-change.ts): loaded as the caller may see it, checked, written once.
import { canManage, canRecord, canSee, type Principal } from '../domain/access.ts';
import type { Agreement } from '../domain/agreement.ts';
import type {
  ConfirmReportInput,
  RejectReportInput,
  ReplaceContactsInput,
} from '../domain/action-schemas.ts';
import { confirmReport, rejectReport, replaceContacts } from '../domain/official-reports.ts';
import type { Workflow } from '../domain/ports.ts';
import {
  coordinatorChange,
  type CoordinatorChangeDeps,
  type CoordinatorCommand,
} from './coordinator-change.ts';
import { AccessDeniedError } from './errors.ts';

export interface ReportDecision<I> {
  reportId: string;
  body: I;
}

/** Whoever may record a report's milestone decides on the report. */
function authorizeDecision(
  principal: Principal,
  agreement: Agreement,
  input: { reportId: string },
) {
  const report = agreement.reports?.find((r) => r.id === input.reportId);
  if (report && !canRecord(principal, agreement, report.milestone.type)) {
    throw new AccessDeniedError(
      `Your role may not record ${report.milestone.type} on this agreement.`,
    );
  }
}

type Deps = CoordinatorChangeDeps & { workflow: Pick<Workflow, 'wake'> };

export function confirmReportUseCase(deps: Deps) {
  return coordinatorChange<ReportDecision<ConfirmReportInput>>(deps, {
    authorize: authorizeDecision,
    apply: (agreement, input, ctx) => confirmReport(agreement, input.reportId, input.body, ctx),
    signal: (agreementId) => deps.workflow.wake(agreementId),
    signalReplays: false,
    ifSignalFailed: 'Report confirmed; the workflow will pick it up at its next timeout',
  });
}

export function rejectReportUseCase(deps: CoordinatorChangeDeps) {
  return coordinatorChange<ReportDecision<RejectReportInput>>(deps, {
    authorize: authorizeDecision,
    apply: (agreement, input, ctx) => rejectReport(agreement, input.reportId, input.body, ctx),
    // The wait goes on as it was.
    signal: () => Promise.resolve(),
    signalReplays: false,
    ifSignalFailed: 'Report rejected',
  });
}

/**
 * The host's coordinators replace every contact, a partner's those of its own side. The
 * workflow is woken so that a wait re-plans with the new people (a dormant one included).
 */
export function replaceContactsUseCase(deps: Deps) {
  const change = coordinatorChange<ReplaceContactsInput & { side: 'ALL' | 'PARTNER' }>(deps, {
    authorize: (principal, agreement) => {
      if (!canSee(principal, agreement)) {
        throw new AccessDeniedError('Your role may not change the contacts of this agreement.');
      }
    },
    apply: (agreement, input, ctx) => replaceContacts(agreement, input.contacts, input.side, ctx),
    signal: (agreementId) => deps.workflow.wake(agreementId),
    signalReplays: false,
    ifSignalFailed: 'Contacts replaced; the next nudge is planned at the wait’s next timeout',
  });
  return (command: CoordinatorCommand<ReplaceContactsInput>) =>
    change({
      ...command,
      input: { ...command.input, side: canManage(command.principal) ? 'ALL' : 'PARTNER' },
    });
}
