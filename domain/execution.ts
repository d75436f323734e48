// Which Step Functions execution drives an agreement, when it hands over to a new one, and
// what the workflow records when an execution fails. An older execution that wakes up finds
// a newer one in charge and stands down.
import { isTerminal, nextVersion, type Agreement, type AuditEventDraft } from './agreement.ts';
import { isWaitRoute, routeOf, type Route } from './routes.ts';

/** Changes the workflow makes to an agreement: each returns the new agreement and its events. */
export interface WorkflowChange {
  agreement: Agreement;
  events: AuditEventDraft[];
}

/** Who the audit history names for the workflow's own changes. */
export const WORKFLOW_ACTOR = 'workflow';

export interface ExecutionRef {
  executionArn: string;
  /** The execution's start time as Step Functions reports it: orders executions. */
  executionStartTime: string;
}

/** A Standard execution lives at most a year: hand over to a new one well before. */
export const RENEW_EXECUTION_AFTER_DAYS = 330;

/** When the execution that drives the agreement should hand over to a new one. */
export function renewalDueAt(agreement: Agreement): Date | undefined {
  const startedAt = agreement.workflow?.startedAt;
  return startedAt
    ? new Date(Date.parse(startedAt) + RENEW_EXECUTION_AFTER_DAYS * 86_400_000)
    : undefined;
}

export function renewalDue(agreement: Agreement, now: Date): boolean {
  const renewAt = renewalDueAt(agreement);
  return renewAt !== undefined && renewAt <= now;
}

/** The route, or RENEW when the execution that drives the agreement is close to its age limit. */
export function workflowRoute(agreement: Agreement, now: Date): Route {
  const route = routeOf(agreement, now);
  if (route === 'COMPLETED' || route === 'CANCELLED') return route;
  return renewalDue(agreement, now) ? 'RENEW' : route;
}

/**
 * Links the agreement to the execution that now drives it and notes what it waits for.
 * Returns undefined when nothing changed, and `superseded` when a newer execution owns it.
 */
export function attachWorkflow(
  agreement: Agreement,
  execution: ExecutionRef,
  now: Date,
): WorkflowChange | 'superseded' | undefined {
  const at = now.toISOString();
  const current = agreement.workflow;
  const route = workflowRoute(agreement, now);
  const events: AuditEventDraft[] = [];
  let startedAt = current?.startedAt ?? at;
  let attached = agreement;
  if (current?.executionArn !== execution.executionArn) {
    if (current && isNewer(current, execution)) return 'superseded';
    startedAt = at;
    // A new execution (a resume) attends to the agreement: the failed execution's mark goes.
    const { needsAttention, ...unmarked } = agreement;
    attached = unmarked;
    events.push({
      type: 'WORKFLOW_STARTED',
      at,
      actor: WORKFLOW_ACTOR,
      data: {
        executionArn: execution.executionArn,
        stage: agreement.stage,
        ...(needsAttention ? { clearedNeedsAttention: needsAttention } : {}),
      },
    });
  } else if (current.route === route) {
    return undefined;
  }
  if (isWaitRoute(route)) {
    events.push({ type: 'WAITING', at, actor: WORKFLOW_ACTOR, data: { for: route } });
  }
  return {
    agreement: nextVersion(
      {
        ...attached,
        workflow: {
          executionArn: execution.executionArn,
          executionStartTime: execution.executionStartTime,
          startedAt,
          route,
        },
      },
      now,
    ),
    events,
  };
}

function isNewer(current: Agreement['workflow'] & object, execution: ExecutionRef): boolean {
  return current.executionStartTime > execution.executionStartTime;
}

/**
 * Whether an execution should drive the agreement: it is open, or COMPLETED with its term still
 * to watch (routes.ts, TERM). Resumes start one for exactly these.
 */
export function needsExecution(agreement: Agreement, now: Date): boolean {
  return !isTerminal(agreement.stage) || routeOf(agreement, now) === 'TERM';
}

/**
 * Whether a change brought a COMPLETED agreement whose execution ended back to watching its
 * term (a renewal after the expiry): it needs a new execution; a running one is only woken.
 */
export function needsNewExecution(agreement: Agreement, now: Date): boolean {
  return agreement.workflow?.route === 'COMPLETED' && routeOf(agreement, now) === 'TERM';
}

export function ownedBy(agreement: Agreement, executionArn: string): boolean {
  return agreement.workflow?.executionArn === executionArn;
}

export interface Failure {
  error: string;
  cause: string;
  executionArn?: string;
}

/** Returns undefined when this failure of this execution is already recorded. */
export function markNeedsAttention(
  agreement: Agreement,
  failure: Failure,
  now: Date,
): WorkflowChange | undefined {
  const previous = agreement.needsAttention;
  if (
    previous &&
    previous.executionArn === failure.executionArn &&
    previous.error === failure.error
  ) {
    return undefined;
  }
  const at = now.toISOString();
  return {
    agreement: nextVersion({ ...agreement, needsAttention: { since: at, ...failure } }, now),
    events: [{ type: 'NEEDS_ATTENTION', at, actor: WORKFLOW_ACTOR, data: { ...failure } }],
  };
}
