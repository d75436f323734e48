// The emails of the nudges the workflow sends, composed from the agreement and the nudge.
import { latestMilestone, type Agreement } from '../agreement.ts';
import { dateInZone, daysBetween } from '../dates.ts';
import {
  firstReminderDue,
  remindersCountFrom,
  rungOfNudge,
  type Nudge,
  type NudgeKind,
} from '../nudge-plan.ts';
import type { OutgoingEmail } from '../ports.ts';
import type { Recipients } from '../recipients.ts';
import { parseWaitKey } from '../routes.ts';
import type {
  ActionLinksContext,
  MessageContexts,
  Pending,
  TrainingContext,
  TrainingSchedule,
} from './contexts.ts';
import { emailTo, letterTo, namesOf } from './letter.ts';
import { NUDGE_MESSAGES } from './nudge-messages.ts';
import { renderMessage } from './render.ts';

function trainingOf(agreement: Agreement): TrainingSchedule {
  const latest = latestMilestone(agreement, 'TRAINING_SCHEDULED');
  if (!latest) throw new Error(`Agreement ${agreement.id} has no training schedule`);
  return {
    startsOn: latest.startsOn,
    endsOn: latest.endsOn,
    ...(latest.location ? { location: latest.location } : {}),
    // Calendar clients replace an invitation whose sequence is higher: one per reschedule.
    sequence: (agreement.milestoneCounts.TRAINING_SCHEDULED ?? 1) - 1,
  };
}

/** What the nudge (with the nudges of other waits in the same email) waits for. */
function pendingOf(agreement: Agreement, nudges: readonly Nudge[]): Pending {
  const { route } = parseWaitKey(nudges[0]?.waitKey ?? 'MOU');
  if (route !== 'HANDOVER') return { route };
  const appIds = new Set(nudges.map((n) => parseWaitKey(n.waitKey).appId));
  const apps = appIds.has(undefined)
    ? agreement.apps.filter((a) => a.status === 'PENDING')
    : agreement.apps.filter((a) => appIds.has(a.id));
  return { route, apps: apps.map((a) => a.name) };
}

function today(agreement: Agreement, now: Date): string {
  return dateInZone(now, agreement.partnerRegion.timeZone);
}

/** The officials an escalation names: those the reminders went to. */
function officialsOf(agreement: Agreement): string[] {
  const officials = agreement.contacts.filter((c) => c.role === 'OFFICIAL');
  const named =
    officials.length > 0 ? officials : agreement.contacts.filter((c) => c.role === 'COORDINATOR');
  return namesOf(named);
}

function liveCandidates(agreement: Agreement) {
  return agreement.apps.filter((a) => a.status !== 'DROPPED');
}

/**
 * The email of a nudge the workflow sends: the opening "action needed", a reminder, an
 * escalation, the training invitation (with its calendar invitation), the pre-training
 * reminder, a follow-up check-in or the notice that a wait went dormant, in the language of its
 * `to` recipients, with the action links of its `to` recipients if given. `companions` are the
 * nudges of other waits that go out in the same email (every application awaiting its
 * handover). Throws InvalidEmailAddressError when a recipient's address is not valid.
 */
export function composeNudgeEmail(
  agreement: Agreement,
  nudge: Nudge,
  recipients: Recipients,
  now: Date,
  companions: readonly Nudge[] = [],
  actionLinks?: ActionLinksContext,
): OutgoingEmail {
  const addressed = letterTo(agreement, recipients);
  const { locale } = addressed;
  const letter = { ...addressed.letter, ...(actionLinks ? { actionLinks } : {}) };
  const { route } = parseWaitKey(nudge.waitKey);
  const since = remindersCountFrom(agreement, route);
  const days = Math.max(0, daysBetween(since, today(agreement, now)));
  const pending = pendingOf(agreement, [nudge, ...companions]);
  // Where the nudge stands on its wait's ladder: how many reminders came before it.
  const rung = rungOfNudge(agreement, nudge);
  const remindersBefore = rung?.remindersBefore ?? 0;
  const render = <K extends NudgeKind>(kind: K, context: MessageContexts[K]) =>
    emailTo(recipients, renderMessage(NUDGE_MESSAGES[kind], context, locale));
  const trainingLetter = (): TrainingContext => ({
    ...letter,
    training: trainingOf(agreement),
    apps: liveCandidates(agreement).map((a) => a.name),
    now,
  });
  switch (nudge.kind) {
    case 'ACTION_NEEDED': {
      const firstReminder = firstReminderDue(agreement, nudge.waitKey, now);
      return render('ACTION_NEEDED', {
        ...letter,
        pending,
        since,
        ...(firstReminder ? { firstReminderOn: firstReminder } : {}),
      });
    }
    case 'REMINDER':
      return render('REMINDER', { ...letter, pending, since, days, number: remindersBefore + 1 });
    case 'ESCALATION':
      return render('ESCALATION', {
        ...letter,
        pending,
        since,
        days,
        notActed: officialsOf(agreement),
        reminders: remindersBefore,
        escalation: rung?.escalation ?? 1,
        last: rung?.lastEscalation ?? false,
      });
    case 'DORMANT_NOTICE':
      return render('DORMANT_NOTICE', {
        ...letter,
        pending,
        since,
        days,
        reminders: remindersBefore,
        escalations: rung?.escalation ?? 0,
      });
    case 'TRAINING_INVITATION':
      return render('TRAINING_INVITATION', trainingLetter());
    case 'TRAINING_UPCOMING': {
      const context = trainingLetter();
      return render('TRAINING_UPCOMING', {
        ...context,
        daysUntil: daysBetween(today(agreement, now), context.training.startsOn),
      });
    }
    case 'FOLLOW_UP_CHECK_IN':
      return render('FOLLOW_UP_CHECK_IN', {
        ...letter,
        since: agreement.stageEnteredOn,
        number: nudge.number,
        apps: liveCandidates(agreement).map((a) => ({ name: a.name, status: a.status })),
      });
  }
}
