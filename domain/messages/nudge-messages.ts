// The messages of the workflow's nudges: their templates and views. Only the send task's bundle
// holds them (and the calendar file's writer the training messages carry).
import actionNeededEn from '../../templates/action-needed.en.json' with { type: 'json' };
import actionNeededId from '../../templates/action-needed.id.json' with { type: 'json' };
import dormantNoticeEn from '../../templates/dormant-notice.en.json' with { type: 'json' };
import dormantNoticeId from '../../templates/dormant-notice.id.json' with { type: 'json' };
import escalationEn from '../../templates/escalation.en.json' with { type: 'json' };
import escalationId from '../../templates/escalation.id.json' with { type: 'json' };
import followUpCheckInEn from '../../templates/follow-up-check-in.en.json' with { type: 'json' };
import followUpCheckInId from '../../templates/follow-up-check-in.id.json' with { type: 'json' };
import reminderEn from '../../templates/reminder.en.json' with { type: 'json' };
import reminderId from '../../templates/reminder.id.json' with { type: 'json' };
import trainingInvitationEn from '../../templates/training-invitation.en.json' with { type: 'json' };
import trainingInvitationId from '../../templates/training-invitation.id.json' with { type: 'json' };
import trainingUpcomingEn from '../../templates/training-upcoming.en.json' with { type: 'json' };
import trainingUpcomingId from '../../templates/training-upcoming.id.json' with { type: 'json' };
import type { NudgeKind } from '../nudge-plan.ts';
import { calendarInvitation } from './calendar.ts';
import type { TrainingContext } from './contexts.ts';
import { count, formatDate, formatDateRange, list, type Locale, type Phrases } from './language.ts';
import { letterView, pendingView, type MessageDefinition } from './render.ts';

function trainingView(context: TrainingContext, phrases: Phrases, locale: Locale) {
  const { training } = context;
  return {
    dates: formatDateRange(training.startsOn, training.endsOn, locale),
    startsOn: formatDate(training.startsOn, locale),
    location: training.location ?? phrases.noLocation,
  };
}

/** A training's messages carry its calendar invitation. */
const calendarFile = (c: TrainingContext, p: Phrases, l: Locale) => [calendarInvitation(c, p, l)];

export const NUDGE_MESSAGES: { [K in NudgeKind]: MessageDefinition<K> } = {
  ACTION_NEEDED: {
    templates: { id: actionNeededId, en: actionNeededEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      pending: pendingView(c.pending, p, l),
      since: formatDate(c.since, l),
      firstReminder: c.firstReminderOn ? formatDate(c.firstReminderOn, l) : undefined,
    }),
  },
  REMINDER: {
    templates: { id: reminderId, en: reminderEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      pending: pendingView(c.pending, p, l),
      since: formatDate(c.since, l),
      days: count(p.days, c.days, l),
      number: c.number,
    }),
  },
  ESCALATION: {
    templates: { id: escalationId, en: escalationEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      pending: pendingView(c.pending, p, l),
      since: formatDate(c.since, l),
      days: count(p.days, c.days, l),
      officials: list(c.notActed, l),
      reminders: count(p.reminders, c.reminders, l),
      escalation: c.escalation,
      further: c.escalation > 1,
      last: c.last,
    }),
  },
  DORMANT_NOTICE: {
    templates: { id: dormantNoticeId, en: dormantNoticeEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      pending: pendingView(c.pending, p, l),
      since: formatDate(c.since, l),
      days: count(p.days, c.days, l),
      reminders: count(p.reminders, c.reminders, l),
      escalations: count(p.escalations, c.escalations, l),
    }),
  },
  TRAINING_INVITATION: {
    templates: { id: trainingInvitationId, en: trainingInvitationEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      training: trainingView(c, p, l),
      appNames: list(c.apps, l),
    }),
    attachments: calendarFile,
  },
  TRAINING_UPCOMING: {
    templates: { id: trainingUpcomingId, en: trainingUpcomingEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      training: { ...trainingView(c, p, l), when: count(p.inDays, Math.max(0, c.daysUntil), l) },
      appNames: list(c.apps, l),
      pending: pendingView({ route: 'TRAINING_UPCOMING' }, p, l),
    }),
    attachments: calendarFile,
  },
  FOLLOW_UP_CHECK_IN: {
    templates: { id: followUpCheckInId, en: followUpCheckInEn },
    view: (c, p, l) => ({
      ...letterView(c, p, l),
      since: formatDate(c.since, l),
      number: c.number,
      apps: c.apps.map((app) => ({ name: app.name, status: p.appStatus[app.status] })),
      pending: pendingView({ route: 'FOLLOW_UP' }, p, l),
    }),
  },
};
