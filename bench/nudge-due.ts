// When a nudge was due, as the domain decides it, independently of the workflow's own timing:
// every version of the agreement that the functions wrote is kept with the workflow time it
// was written at, and the due instant of a sent nudge is the first instant at which the
// planner (planWaitWithTerm, as the plan-wait task runs it), given the version stored then, says "send this nudge now".
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { summarized, type Agreement, type AuditEvent } from '../domain/agreement.ts';
import type { WaitKey } from '../domain/routes.ts';
import { planWaitWithTerm } from '../domain/term-plan.ts';

/** Plans to follow within one version (a WAIT leads to the next plan, at its nextAt). */
const MAX_PLANS_PER_VERSION = 10;

interface Version {
  agreement: Agreement;
  /** Workflow time at which the write had succeeded. */
  at: number;
}

interface PutInput {
  Item?: Record<string, unknown>;
  TransactItems?: { Put?: { Item?: Record<string, unknown> } }[];
}

/** Keeps every agreement item that a write through `client` stored, with its workflow time. */
export class AgreementVersions {
  readonly #versions: Version[] = [];

  constructor(client: DynamoDBClient, now: () => Date) {
    client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const input = args.input as PutInput;
        const items = [input.Item, ...(input.TransactItems ?? []).map((t) => t.Put?.Item)];
        for (const item of items) {
          if (!item) continue;
          const stored = unmarshall(item as Parameters<typeof unmarshall>[0]);
          if (stored.entity !== 'Agreement') continue;
          this.#versions.push({
            agreement: summarized(stored as Agreement),
            at: now().getTime(),
          });
        }
        return result;
      },
      { step: 'build', name: 'benchAgreementVersions' },
    );
  }

  /** The stored versions of one agreement, in the order they were written. */
  of(agreementId: string): Version[] {
    return this.#versions.filter((v) => v.agreement.id === agreementId);
  }
}

export interface SentNudge {
  kind: string;
  waitKey: string;
  number: number;
  /** NUDGE_SENT's time (workflow, ISO). */
  sentAt: string;
}

export function sentNudges(audit: readonly AuditEvent[]): SentNudge[] {
  return audit
    .filter((e) => e.type === 'NUDGE_SENT')
    .map((e) => ({
      kind: String(e.data.kind),
      waitKey: String(e.data.waitKey),
      number: Number(e.data.number),
      sentAt: e.at,
    }));
}

/**
 * The first workflow instant, before it was sent, at which the planner given the version
 * stored then says to send this nudge; undefined if no version ever did (a finding in itself).
 */
export function dueAt(versions: readonly Version[], nudge: SentNudge): number | undefined {
  const sent = Date.parse(nudge.sentAt);
  const key = nudge.waitKey as WaitKey;
  for (const [index, version] of versions.entries()) {
    const until = Math.min(versions[index + 1]?.at ?? Infinity, sent);
    let at = version.at;
    for (let step = 0; step < MAX_PLANS_PER_VERSION && at <= until; step++) {
      const plan = planWaitWithTerm(version.agreement, key, new Date(at));
      if (plan.action === 'NUDGE') {
        const { number, kind } = plan.nudge;
        if (number === nudge.number && kind === nudge.kind) return at;
        break;
      }
      if (plan.action !== 'WAIT') break;
      at = Date.parse(plan.nextAt);
    }
  }
  return undefined;
}
