// Renders a message from its templates in templates/: one JSON file per message kind and locale
// ({ subject, text, html } as mustache templates, text and html as arrays of lines), plus the
// shared layout partials and phrases of each locale. JSON imports are bundled by esbuild as they
// are: the Lambda functions read no files at runtime.
//
// Every context is made safe first (safety.ts); the html part escapes every value (mustache
// `{{ }}`; templates never use the unescaped `{{{ }}}` or `{{& }}`). No body carries a task
// token or an execution ARN: the agreement id is the reference number.
import Mustache from 'mustache';
import actionNeededEn from '../../templates/action-needed.en.json' with { type: 'json' };
import actionNeededId from '../../templates/action-needed.id.json' with { type: 'json' };
import escalationEn from '../../templates/escalation.en.json' with { type: 'json' };
import escalationId from '../../templates/escalation.id.json' with { type: 'json' };
import dormantNoticeEn from '../../templates/dormant-notice.en.json' with { type: 'json' };
import dormantNoticeId from '../../templates/dormant-notice.id.json' with { type: 'json' };
import expiryNoticeEn from '../../templates/expiry-notice.en.json' with { type: 'json' };
import expiryNoticeId from '../../templates/expiry-notice.id.json' with { type: 'json' };
import followUpCheckInEn from '../../templates/follow-up-check-in.en.json' with { type: 'json' };
import followUpCheckInId from '../../templates/follow-up-check-in.id.json' with { type: 'json' };
import layoutEn from '../../templates/layout.en.json' with { type: 'json' };
import layoutId from '../../templates/layout.id.json' with { type: 'json' };
import officialAnswerEn from '../../templates/official-answer.en.json' with { type: 'json' };
import officialAnswerId from '../../templates/official-answer.id.json' with { type: 'json' };
import needsAttentionEn from '../../templates/needs-attention.en.json' with { type: 'json' };
import needsAttentionId from '../../templates/needs-attention.id.json' with { type: 'json' };
import reminderEn from '../../templates/reminder.en.json' with { type: 'json' };
import reminderId from '../../templates/reminder.id.json' with { type: 'json' };
import termExpiredEn from '../../templates/term-expired.en.json' with { type: 'json' };
import termExpiredId from '../../templates/term-expired.id.json' with { type: 'json' };
import trainingInvitationEn from '../../templates/training-invitation.en.json' with { type: 'json' };
import trainingInvitationId from '../../templates/training-invitation.id.json' with { type: 'json' };
import trainingUpcomingEn from '../../templates/training-upcoming.en.json' with { type: 'json' };
import trainingUpcomingId from '../../templates/training-upcoming.id.json' with { type: 'json' };
import undeliverableAlertEn from '../../templates/undeliverable-alert.en.json' with { type: 'json' };
import undeliverableAlertId from '../../templates/undeliverable-alert.id.json' with { type: 'json' };
import { calendarInvitation } from './calendar.ts';
import type {
  ActionLinksContext,
  LetterContext,
  MessageContexts,
  MessageKind,
  Pending,
  RenderedMessage,
  TrainingContext,
} from './contexts.ts';
import {
  count,
  formatDate,
  formatDateRange,
  list,
  phrase,
  PHRASES,
  PLAIN,
  type Locale,
  type Phrases,
} from './language.ts';
import { clean, redactSecrets, subjectLine } from './safety.ts';

interface Template {
  subject: string;
  text: string[];
  html: string[];
}

const TEMPLATES: Record<MessageKind, Record<Locale, Template>> = {
  ACTION_NEEDED: { id: actionNeededId, en: actionNeededEn },
  REMINDER: { id: reminderId, en: reminderEn },
  ESCALATION: { id: escalationId, en: escalationEn },
  TRAINING_INVITATION: { id: trainingInvitationId, en: trainingInvitationEn },
  TRAINING_UPCOMING: { id: trainingUpcomingId, en: trainingUpcomingEn },
  FOLLOW_UP_CHECK_IN: { id: followUpCheckInId, en: followUpCheckInEn },
  DORMANT_NOTICE: { id: dormantNoticeId, en: dormantNoticeEn },
  NEEDS_ATTENTION: { id: needsAttentionId, en: needsAttentionEn },
  UNDELIVERABLE_ALERT: { id: undeliverableAlertId, en: undeliverableAlertEn },
  EXPIRY_NOTICE: { id: expiryNoticeId, en: expiryNoticeEn },
  TERM_EXPIRED: { id: termExpiredId, en: termExpiredEn },
  OFFICIAL_ANSWER: { id: officialAnswerId, en: officialAnswerEn },
};

/** Partials end with a line break, so that a partial on a line of its own stays one. */
const PARTIALS: Record<Locale, Record<string, string>> = {
  id: partialsOf(layoutId),
  en: partialsOf(layoutEn),
};

function partialsOf(layout: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(layout).map(([name, lines]) => [name, `${lines.join('\n')}\n`]),
  );
}

/** For the html part: every `{{value}}` is escaped (mustache's own entity set). */
const HTML = { escape: (value: unknown) => Mustache.escape(String(value)) };

function pendingView(pending: Pending, phrases: Phrases, locale: Locale) {
  const texts = phrases.pending[pending.route];
  const view = { apps: list(pending.apps ?? [], locale) };
  return {
    short: phrase(texts.short, view),
    long: phrase(texts.long, view),
    next: phrase(texts.next, view),
  };
}

function letterView(context: LetterContext, phrases: Phrases, locale: Locale) {
  const { agreement } = context;
  return {
    salutation: list(context.recipients, locale),
    reference: agreement.reference,
    title: agreement.title,
    host: agreement.hostRegion,
    partner: agreement.partnerRegion,
    stage: phrases.stages[agreement.stage],
    office: context.office ?? phrase(phrases.office, { host: agreement.hostRegion }),
    actions: context.actionLinks && actionsView(context.actionLinks, locale),
  };
}

/** The link block: buttons in HTML, plain URLs in text, named when there are several. */
function actionsView(actions: ActionLinksContext, locale: Locale) {
  const several = actions.links.length > 1;
  return {
    done: actions.done,
    expires: formatDate(actions.expiresOn, locale),
    links: actions.links.map((link) => ({ url: link.url, label: several ? link.name : undefined })),
  };
}

function trainingView(context: TrainingContext, phrases: Phrases, locale: Locale) {
  const { training } = context;
  return {
    dates: formatDateRange(training.startsOn, training.endsOn, locale),
    startsOn: formatDate(training.startsOn, locale),
    location: training.location ?? phrases.noLocation,
  };
}

type ViewBuilders = {
  [K in MessageKind]: (
    context: MessageContexts[K],
    phrases: Phrases,
    locale: Locale,
  ) => Record<string, unknown>;
};

const VIEWS: ViewBuilders = {
  ACTION_NEEDED: (c, p, l) => ({
    ...letterView(c, p, l),
    pending: pendingView(c.pending, p, l),
    since: formatDate(c.since, l),
    firstReminder: c.firstReminderOn ? formatDate(c.firstReminderOn, l) : undefined,
  }),
  REMINDER: (c, p, l) => ({
    ...letterView(c, p, l),
    pending: pendingView(c.pending, p, l),
    since: formatDate(c.since, l),
    days: count(p.days, c.days, l),
    number: c.number,
  }),
  ESCALATION: (c, p, l) => ({
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
  DORMANT_NOTICE: (c, p, l) => ({
    ...letterView(c, p, l),
    pending: pendingView(c.pending, p, l),
    since: formatDate(c.since, l),
    days: count(p.days, c.days, l),
    reminders: count(p.reminders, c.reminders, l),
    escalations: count(p.escalations, c.escalations, l),
  }),
  TRAINING_INVITATION: (c, p, l) => ({
    ...letterView(c, p, l),
    training: trainingView(c, p, l),
    appNames: list(c.apps, l),
  }),
  TRAINING_UPCOMING: (c, p, l) => ({
    ...letterView(c, p, l),
    training: { ...trainingView(c, p, l), when: count(p.inDays, Math.max(0, c.daysUntil), l) },
    appNames: list(c.apps, l),
    pending: pendingView({ route: 'TRAINING_UPCOMING' }, p, l),
  }),
  FOLLOW_UP_CHECK_IN: (c, p, l) => ({
    ...letterView(c, p, l),
    since: formatDate(c.since, l),
    number: c.number,
    apps: c.apps.map((app) => ({ name: app.name, status: p.appStatus[app.status] })),
    pending: pendingView({ route: 'FOLLOW_UP' }, p, l),
  }),
  NEEDS_ATTENTION: (c) => ({
    reference: c.reference,
    title: c.title,
    error: redactSecrets(c.error),
    cause: redactSecrets(c.cause).slice(0, 2000),
    at: c.at.toISOString().replace('.000Z', 'Z'),
  }),
  UNDELIVERABLE_ALERT: (c, p, l) => ({
    ...letterView(c, p, l),
    address: c.address,
    holders:
      c.holders.length > 0
        ? list(
            c.holders.map((holder) =>
              phrase(p.holder, {
                name: holder.name,
                role: p.contactRoles[holder.role],
                region: holder.side === 'HOST' ? c.agreement.hostRegion : c.agreement.partnerRegion,
              }),
            ),
            l,
          )
        : c.address,
    reason: p.undeliverable[c.kind],
    detail: c.detail,
  }),
  EXPIRY_NOTICE: (c, p, l) => ({
    ...letterView(c, p, l),
    pks: c.document === 'PKS',
    validUntil: formatDate(c.validUntil, l),
    remaining: count(p.inDays, Math.max(0, c.daysLeft), l),
    pending: pendingView({ route: 'TERM' }, p, l),
  }),
  TERM_EXPIRED: (c, p, l) => ({
    ...letterView(c, p, l),
    pks: c.document === 'PKS',
    validUntil: formatDate(c.validUntil, l),
  }),
  OFFICIAL_ANSWER: (c, p, l) => ({
    ...letterView(c, p, l),
    pending: pendingView(c.pending, p, l),
    done: c.answer === 'DONE',
    obstacle: c.answer === 'OBSTACLE',
    wrongPerson: c.answer === 'WRONG_PERSON',
    official: c.official.name,
    officialEmail: c.official.email,
    reportId: c.reportId,
    occurredAt: c.occurredAt ? formatDate(c.occurredAt, l) : undefined,
    documentNumber: c.documentNumber,
    signatory: c.signatory ? `${c.signatory.name}, ${c.signatory.position}` : undefined,
    appLive: c.app ? `${c.app.name}: ${p.appStatus[c.app.live ? 'LIVE' : 'NOT_LIVE']}.` : undefined,
    reason: c.reason,
    until: c.until ? formatDate(c.until, l) : undefined,
    suggested: c.suggested,
  }),
};

/** Renders one message: subject, text and html, and for a training its calendar invitation. */
export function renderMessage<K extends MessageKind>(
  kind: K,
  context: MessageContexts[K],
  locale: Locale,
): RenderedMessage {
  const safe = clean(context);
  const phrases = PHRASES[locale];
  const partials = PARTIALS[locale];
  const template = TEMPLATES[kind][locale];
  const view: Record<string, unknown> = { lang: locale, ...VIEWS[kind](safe, phrases, locale) };
  const subject = subjectLine(Mustache.render(template.subject, view, partials, PLAIN));
  const full = { ...view, subject };
  const text = Mustache.render(template.text.join('\n'), full, partials, PLAIN);
  const html = Mustache.render(template.html.join('\n'), full, partials, HTML);
  const rendered: RenderedMessage = { subject, text: `${text.trimEnd()}\n`, html };
  if (kind === 'TRAINING_INVITATION' || kind === 'TRAINING_UPCOMING') {
    rendered.attachments = [calendarInvitation(safe as TrainingContext, phrases, locale)];
  }
  return rendered;
}
