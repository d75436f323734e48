// "Send ... reminder": one action-needed message, reminder, escalation, training reminder or
// follow-up check-in, exactly once across crashes. Claimed before sending and recorded after;
// an attempt that finds the claim of one that stopped asks the mail service's send events
// (SentMessages): sent, it only records it; not sent by the claim's confirmation timeout, it
// sends it again; before then, it leaves it (the planner sleeps until then).
// Undeliverable addresses are avoided (the escalation contact stands in). Parallel waits of the
// agreement with the same nudge due today go out in this one email, each claimed and recorded
// for its own wait; nobody gets a second nudge about the agreement on one working day.
// The notice that a wait went dormant goes to the host coordinators and marks it dormant.
import type { Agreement } from '../domain/agreement.ts';
import {
  deliverableRecipientsOf,
  recordNudgeRejected,
  type SendRejection,
} from '../domain/delivery.ts';
import { composeNudgeEmail } from '../domain/messages/nudge-email.ts';
import {
  PermanentSendFailureError,
  type Mailer,
  type SentMessages,
  type WorkflowMetrics,
} from '../domain/ports.ts';
import type { WorkflowChange } from '../domain/execution.ts';
import {
  claimedWith,
  claimHeldUntil,
  claimNudge,
  emailIdentityOf,
  nudgeStatus,
  recordNudgeSent,
  releaseNudge,
} from '../domain/nudge-ledger.ts';
import {
  alreadyNudgedToday,
  awaitingCompanionEmail,
  companionsOf,
  planWait,
  type Nudge,
} from '../domain/nudge-plan.ts';
import type { WaitKey } from '../domain/routes.ts';
import { issueLinks, type ActionLinkParts } from './action-links.ts';
import { ownedAgreement, type ChangeDeps, type TaskRef } from './agreements.ts';
import { changeAgreement } from './commit.ts';

export interface SendNudgeDeps extends ChangeDeps {
  mailer: Mailer;
  sentMessages: SentMessages;
  metrics: Pick<WorkflowMetrics, 'nudgeSent' | 'nudgeRejected'>;
  /** Where the links go and how long they live; without it, nudges carry no action link. */
  actionLinks?: ActionLinkParts;
}

export interface SendNudgeTask extends TaskRef {
  nudge: Nudge;
}

export interface SendResult {
  sent: boolean;
  messageId?: string;
  rejected?: boolean;
  obsolete?: boolean;
  /** An earlier attempt's claim may still be in flight: nothing was done. */
  inFlight?: boolean;
  /** A recipient had a nudge about the agreement today already: it waits for the next day. */
  deferred?: boolean;
  /** The waits of the other nudges that went out in the same email. */
  with?: string[];
}

export function sendNudgeUseCase(deps: SendNudgeDeps) {
  const { now, log } = deps;
  return async (task: SendNudgeTask): Promise<SendResult> => {
    const { nudge } = task;
    const owned = () => ownedAgreement(deps.agreements, task);
    const agreement = await owned();
    const status = nudgeStatus(agreement, nudge);
    if (status === 'SENT') return { sent: false };
    // The milestone may have come between planning and sending: then nobody needs the nudge.
    if (planWait(agreement, nudge.waitKey, now()).action === 'DONE') {
      return { sent: false, obsolete: true };
    }
    if (status === 'NEW' && alreadyNudgedToday(agreement, nudge, now())) {
      return { sent: false, deferred: true };
    }
    // An attempt that found the claim of one that stopped records the companions claimed with it.
    const companions =
      status === 'CLAIMED'
        ? claimedWith(agreement, nudge).map(({ key, number }) => ({
            ...nudge,
            waitKey: key as WaitKey,
            key,
            number,
          }))
        : companionsOf(agreement, nudge, now());
    const all = [nudge, ...companions];

    /** Records how the nudges ended on the latest agreement, and counts them. */
    const done = async (change: (a: Agreement) => WorkflowChange, result: SendResult) => {
      await changeAgreement(deps.agreements, owned, change);
      for (const n of all) {
        if (result.sent) deps.metrics.nudgeSent(n.kind);
        if (result.rejected) deps.metrics.nudgeRejected(n.kind);
      }
      return companions.length > 0 ? { ...result, with: companions.map((c) => c.waitKey) } : result;
    };
    const rejected = (rejection: SendRejection) =>
      done((a) => recordNudgeRejected(a, nudge, rejection, now(), companions), {
        sent: false,
        rejected: true,
      });

    const recipients = deliverableRecipientsOf(agreement, nudge.kind);
    const to = [...recipients.to, ...recipients.cc].map((c) => c.email);
    if (recipients.to.length === 0) {
      log.warn('Nobody reachable for this nudge', { nudge, avoided: recipients.avoided });
      return rejected({
        recipients: [],
        error: 'NoDeliverableRecipient',
        message: 'Every address bounced or complained',
      });
    }
    // One action link per `to` recipient (officials answer from the email).
    const issued = deps.actionLinks
      ? issueLinks(agreement, all, recipients.to, deps.actionLinks, now())
      : undefined;
    // Composed before the claim: a message that cannot be written must not leave a claim behind.
    const email = {
      ...composeNudgeEmail(agreement, nudge, recipients, now(), companions, issued?.context),
      agreementId: agreement.id,
      nudge: { key: nudge.key, number: nudge.number },
    };
    /** Logs and records the nudge as sent (the partner fields feed a Logs Insights query). */
    const sent = (messageId: string) => {
      log.info('Nudge sent', {
        kind: nudge.kind,
        waitKey: nudge.waitKey,
        messageId,
        partnerRegion: agreement.partnerRegion.code,
        partnerName: agreement.partnerRegion.name,
      });
      const delivery = { recipients: to, messageId, subject: email.subject, template: nudge.kind };
      return done((a) => recordNudgeSent(a, nudge, delivery, now(), companions), {
        sent: true,
        messageId,
      });
    };

    if (status === 'CLAIMED') {
      // An earlier attempt claimed it and stopped before recording: it may have gone out, on
      // its own or in the email of another wait's nudge.
      const messageId = await deps.sentMessages.sentNudge(
        agreement.id,
        emailIdentityOf(agreement, nudge),
      );
      if (messageId) return sent(messageId);
      if (
        claimHeldUntil(agreement, nudge, now()) ||
        awaitingCompanionEmail(agreement, nudge, now())
      ) {
        return { sent: false, inFlight: true };
      }
      log.warn('Claimed nudge never reported sent: sending it again', { nudge });
    }

    // Stored before the claim: links nobody received are harmless, a claim left behind is not.
    if (issued) await deps.actionLinks?.links.putActionLinks(issued.links);
    await deps.agreements.update(claimNudge(agreement, nudge, now(), companions), []);
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send(email));
    } catch (error) {
      if (error instanceof PermanentSendFailureError) {
        // Refused for good (e.g. the account's suppression list): recorded, never retried.
        return rejected({ recipients: to, error: error.name, message: error.message });
      }
      // Only an error the mail service answered with says the email did not go: a timeout or a
      // lost connection may follow a send, and the claim stays for the send event to settle.
      if (refusedByService(error)) {
        await changeAgreement(deps.agreements, owned, (a) => ({
          agreement: releaseNudge(a, nudge, now(), companions),
          events: [],
        }));
      }
      throw error;
    }
    return sent(messageId);
  };
}

/** An AWS SDK error that carries the service's HTTP answer (the request was refused). */
export function refusedByService(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata
    ?.httpStatusCode;
  return typeof status === 'number' && status >= 400;
}
