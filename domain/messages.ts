// Emails to officials and operations, rendered from the templates in templates/: one JSON file
// per message kind and locale ({ subject, text, html } as mustache templates, text and html as
// arrays of lines), plus the shared layout partials and phrases of each locale. JSON imports
// are bundled by esbuild as they are: the Lambda functions read no files at runtime.
//
// Safety: every string that comes from people (titles, names, locations, notes, errors) is
// stripped of control characters before it reaches a template, HTML-escaped in the html part
// (mustache `{{ }}`; templates never use the unescaped `{{{ }}}` or `{{& }}`), and subjects are
// single lines of at most SUBJECT_MAX_LENGTH characters. No body carries a task token or an
// execution ARN: the agreement id is the reference number.
import { createEvent, type EventAttributes } from 'ics';
import Mustache from 'mustache';
import { isEmailAddress } from './email-address.ts';
import actionNeededEn from '../templates/action-needed.en.json' with { type: 'json' };
import actionNeededId from '../templates/action-needed.id.json' with { type: 'json' };
import escalationEn from '../templates/escalation.en.json' with { type: 'json' };
import escalationId from '../templates/escalation.id.json' with { type: 'json' };
import followUpCheckInEn from '../templates/follow-up-check-in.en.json' with { type: 'json' };
import followUpCheckInId from '../templates/follow-up-check-in.id.json' with { type: 'json' };
import layoutEn from '../templates/layout.en.json' with { type: 'json' };
import layoutId from '../templates/layout.id.json' with { type: 'json' };
import needsAttentionEn from '../templates/needs-attention.en.json' with { type: 'json' };
import needsAttentionId from '../templates/needs-attention.id.json' with { type: 'json' };
import phrasesEn from '../templates/phrases.en.json' with { type: 'json' };
import phrasesId from '../templates/phrases.id.json' with { type: 'json' };
import reminderEn from '../templates/reminder.en.json' with { type: 'json' };
import reminderId from '../templates/reminder.id.json' with { type: 'json' };
import trainingInvitationEn from '../templates/training-invitation.en.json' with { type: 'json' };
import trainingInvitationId from '../templates/training-invitation.id.json' with { type: 'json' };
import trainingUpcomingEn from '../templates/training-upcoming.en.json' with { type: 'json' };
import trainingUpcomingId from '../templates/training-upcoming.id.json' with { type: 'json' };
import type { Agreement, AppStatus, RecordedMilestone, Stage } from './agreement.ts';
import { addDays, dateInZone } from './dates.ts';
import type { OutgoingEmail } from './ports.ts';
import type { Contact } from './schemas.ts';
import {
  reminderNumber,
  type Failure,
  type Nudge,
  type Recipients,
  type Route,
} from './workflow.ts';

export const MESSAGE_KINDS = [
  'ACTION_NEEDED',
  'REMINDER',
  'ESCALATION',
  'TRAINING_INVITATION',
  'TRAINING_UPCOMING',
  'FOLLOW_UP_CHECK_IN',
  'NEEDS_ATTENTION',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

/** Longer subjects are cut (with an ellipsis): mail clients show about this much. */
export const SUBJECT_MAX_LENGTH = 150;

/** What a stage waits for: a route of the workflow that people act on. */
export type PendingRoute = Exclude<Route, 'COMPLETED' | 'CANCELLED' | 'RENEW'>;

export interface Pending {
  route: PendingRoute;
  /** The applications concerned (names), for a handover. */
  apps?: string[];
}

/** How officials recognise the agreement. */
export interface AgreementIdentification {
  /** The agreement id: the reference number people quote. */
  reference: string;
  title: string;
  hostRegion: string;
  partnerRegion: string;
  /** The current stage. */
  stage: Stage;
}

/** What every letter to officials has. */
export interface LetterContext {
  agreement: AgreementIdentification;
  /** The names of the `to` recipients, for the salutation. */
  recipients: string[];
  /** The sending office; by default the cooperation secretariat of the host region. */
  office?: string;
}

export interface ActionNeededContext extends LetterContext {
  pending: Pending;
  /** The date (YYYY-MM-DD) the stage began. */
  since: string;
  /** The date the first reminder is due, if no milestone comes before. */
  firstReminderOn?: string;
}

export interface ReminderContext extends LetterContext {
  pending: Pending;
  since: string;
  /** Days pending so far. */
  days: number;
  /** 1 for the first reminder of this wait. */
  number: number;
}

export interface EscalationContext extends LetterContext {
  pending: Pending;
  since: string;
  days: number;
  /** The officials who have not acted. */
  notActed: string[];
  /** How many reminders they had. */
  reminders: number;
}

export interface TrainingSchedule {
  startsOn: string;
  endsOn: string;
  location?: string;
  /** 0 for the first schedule, one more for each rescheduling: calendars update the event. */
  sequence?: number;
}

export interface TrainingContext extends LetterContext {
  training: TrainingSchedule;
  /** The applications of the training (names). */
  apps: string[];
  /** Stamps the calendar invitation (DTSTAMP). */
  now: Date;
}

export interface TrainingUpcomingContext extends TrainingContext {
  /** Days until the training starts; 0 on the first day. */
  daysUntil: number;
}

export interface FollowUpCheckInContext extends LetterContext {
  apps: { name: string; status: AppStatus }[];
  since: string;
  number: number;
}

export interface NeedsAttentionContext {
  reference: string;
  title?: string;
  error: string;
  /** Task tokens and Step Functions ARNs in it are redacted. */
  cause: string;
  at: Date;
}

export interface MessageContexts {
  ACTION_NEEDED: ActionNeededContext;
  REMINDER: ReminderContext;
  ESCALATION: EscalationContext;
  TRAINING_INVITATION: TrainingContext;
  TRAINING_UPCOMING: TrainingUpcomingContext;
  FOLLOW_UP_CHECK_IN: FollowUpCheckInContext;
  NEEDS_ATTENTION: NeedsAttentionContext;
}
export type MessageContext = MessageContexts[MessageKind];

export type EmailAttachment = NonNullable<OutgoingEmail['attachments']>[number];

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}

export class InvalidEmailAddressError extends Error {
  readonly address: string;
  constructor(address: string) {
    super(`Not a valid email address: ${JSON.stringify(address)}`);
    this.name = 'InvalidEmailAddressError';
    this.address = address;
  }
}

// ---------------------------------------------------------------------------------------------
// Templates

interface Template {
  subject: string;
  text: string[];
  html: string[];
}

interface Plural {
  zero: string;
  one: string;
  other: string;
}

interface Phrases {
  office: string;
  days: Plural;
  reminders: Plural;
  inDays: Plural;
  stages: Record<Stage, string>;
  pending: Record<PendingRoute, { short: string; long: string; next: string }>;
  appStatus: Record<AppStatus, string>;
  noLocation: string;
  calendar: { summary: string; description: string; filename: string };
}

const TEMPLATES: Record<MessageKind, Record<Locale, Template>> = {
  ACTION_NEEDED: { id: actionNeededId, en: actionNeededEn },
  REMINDER: { id: reminderId, en: reminderEn },
  ESCALATION: { id: escalationId, en: escalationEn },
  TRAINING_INVITATION: { id: trainingInvitationId, en: trainingInvitationEn },
  TRAINING_UPCOMING: { id: trainingUpcomingId, en: trainingUpcomingEn },
  FOLLOW_UP_CHECK_IN: { id: followUpCheckInId, en: followUpCheckInEn },
  NEEDS_ATTENTION: { id: needsAttentionId, en: needsAttentionEn },
};

const PHRASES: Record<Locale, Phrases> = { id: phrasesId, en: phrasesEn };

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

/** For the subject and the text part: values go in as they are (already single lines). */
const PLAIN = { escape: (value: unknown) => String(value) };
/** For the html part: every `{{value}}` is escaped (mustache's own entity set). */
const HTML = { escape: (value: unknown) => Mustache.escape(String(value)) };

/** A phrase with its parameters, as plain text (it is escaped where it ends up). */
function phrase(template: string, view: Record<string, unknown>): string {
  return Mustache.render(template, view, undefined, PLAIN);
}

// ---------------------------------------------------------------------------------------------
// Safety

// C0 and C1 controls, line and paragraph separators and the bidirectional marks and overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_BUT_LINE_FEED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One line without control characters: safe for a subject or a header. */
export function neutralise(value: string): string {
  return value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Keeps line feeds (text that may span lines), removes every other control character. */
function multiline(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_LINE_FEED, ' ').trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A subject: one line, at most SUBJECT_MAX_LENGTH characters (never half a character). */
export function subjectLine(value: string): string {
  const line = neutralise(value);
  if (line.length <= SUBJECT_MAX_LENGTH) return line;
  let cut = '';
  for (const { segment } of graphemes.segment(line)) {
    if (cut.length + segment.length > SUBJECT_MAX_LENGTH - 1) break;
    cut += segment;
  }
  return `${cut.trimEnd()}…`;
}

const STATES_ARN = /arn:aws[a-z-]*:states:[^\s"'<>]*/g;
// Task tokens are long runs of base64 (often several hundred characters).
const TOKEN_LIKE = /[A-Za-z0-9+/=_-]{48,}/g;

/** Removes what must not travel by email: Step Functions ARNs and token-like strings. */
export function redactSecrets(value: string): string {
  return value.replace(STATES_ARN, '[ARN]').replace(TOKEN_LIKE, '[redacted]');
}

/** Refuses an address that is not a single valid email address. */
export function validateAddresses(addresses: readonly string[]): void {
  for (const address of addresses) {
    if (!isEmailAddress(address)) throw new InvalidEmailAddressError(address);
  }
}

/** English only when every `to` recipient reads English; Indonesian otherwise. */
export function messageLocale(to: readonly Pick<Contact, 'locale'>[]): Locale {
  return to.length > 0 && to.every((c) => c.locale === 'en') ? 'en' : 'id';
}

/** Every string of a context as one line, but for the multi-line `cause`. */
function clean<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    return (key === 'cause' ? multiline(value) : neutralise(value)) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => clean(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, clean(v as unknown, k)]),
    ) as T;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const DATE_LOCALES: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };
const DAY_MS = 86_400_000;

function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "14 Desember 2018" / "14 December 2018". */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateFormat(locale).format(utcDate(isoDate));
}

function formatDateRange(start: string, end: string, locale: Locale): string {
  if (start === end) return formatDate(start, locale);
  return dateFormat(locale).formatRange(utcDate(start), utcDate(end));
}

/** Whole days from one calendar date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDate(to).getTime() - utcDate(from).getTime()) / DAY_MS);
}

function count(forms: Plural, n: number): string {
  const form = n === 0 ? forms.zero : n === 1 ? forms.one : forms.other;
  return phrase(form, { n });
}

function list(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

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
    days: count(p.days, c.days),
    number: c.number,
  }),
  ESCALATION: (c, p, l) => ({
    ...letterView(c, p, l),
    pending: pendingView(c.pending, p, l),
    since: formatDate(c.since, l),
    days: count(p.days, c.days),
    officials: list(c.notActed, l),
    reminders: count(p.reminders, c.reminders),
  }),
  TRAINING_INVITATION: (c, p, l) => ({
    ...letterView(c, p, l),
    training: trainingView(c, p, l),
    appNames: list(c.apps, l),
  }),
  TRAINING_UPCOMING: (c, p, l) => ({
    ...letterView(c, p, l),
    training: { ...trainingView(c, p, l), when: count(p.inDays, Math.max(0, c.daysUntil)) },
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

// ---------------------------------------------------------------------------------------------
// Calendar invitations

const PRODUCT_ID = '-//Sepakat//Kerja Sama Smart City//ID';

function dateArray(isoDate: string): [number, number, number] {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/**
 * An all-day event over the training days (dates are the partner's local calendar days).
 * The UID comes from the agreement id, so an invitation and its reminder are one event, and a
 * rescheduled training (a higher SEQUENCE) moves it in the recipients' calendars.
 */
function calendarInvitation(
  context: TrainingContext,
  phrases: Phrases,
  locale: Locale,
): EmailAttachment {
  const { agreement, training } = context;
  const view = {
    host: agreement.hostRegion,
    partner: agreement.partnerRegion,
    title: agreement.title,
    reference: agreement.reference,
    apps: list(context.apps, locale),
  };
  const attributes: EventAttributes & { timestamp: number } = {
    productId: PRODUCT_ID,
    method: 'PUBLISH',
    uid: `${agreement.reference}.training@sepakat`,
    sequence: training.sequence ?? 0,
    timestamp: context.now.getTime(),
    title: phrase(phrases.calendar.summary, view),
    description: phrase(phrases.calendar.description, view),
    start: dateArray(training.startsOn),
    // An all-day event ends on the day after its last day.
    end: dateArray(addDays(training.endsOn, 1)),
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    ...(training.location ? { location: training.location } : {}),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`Calendar invitation failed: ${error?.message ?? 'empty'}`);
  const reference = agreement.reference.replace(/[^A-Za-z0-9._-]/g, '-');
  return {
    filename: phrase(phrases.calendar.filename, { reference }),
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: value,
  };
}

// ---------------------------------------------------------------------------------------------
// Emails about an agreement

function identification(agreement: Agreement): AgreementIdentification {
  return {
    reference: agreement.id,
    title: agreement.title,
    hostRegion: agreement.hostRegion.name,
    partnerRegion: agreement.partnerRegion.name,
    stage: agreement.stage,
  };
}

type ScheduledMilestone = Extract<RecordedMilestone, { type: 'TRAINING_SCHEDULED' }>;

function schedulesOf(agreement: Agreement): ScheduledMilestone[] {
  return agreement.milestones.filter(
    (m): m is ScheduledMilestone => m.type === 'TRAINING_SCHEDULED',
  );
}

function trainingOf(agreement: Agreement): TrainingSchedule {
  const schedules = schedulesOf(agreement);
  const latest = schedules.at(-1);
  if (!latest) throw new Error(`Agreement ${agreement.id} has no training schedule`);
  return {
    startsOn: latest.startsOn,
    endsOn: latest.endsOn,
    ...(latest.location ? { location: latest.location } : {}),
    sequence: schedules.length - 1,
  };
}

function pendingOf(agreement: Agreement, route: Route, appId?: string): Pending {
  if (route === 'COMPLETED' || route === 'CANCELLED' || route === 'RENEW') {
    throw new Error(`Agreement ${agreement.id} waits for nobody (${route})`);
  }
  if (route !== 'HANDOVER') return { route };
  const apps = appId
    ? agreement.apps.filter((a) => a.id === appId)
    : agreement.apps.filter((a) => a.status === 'PENDING');
  return { route, apps: apps.map((a) => a.name) };
}

/** Where a wait's count of days starts: the stage's start, or the training's last day. */
function pendingSince(agreement: Agreement, route: Route): string {
  if (route === 'TRAINING_COMPLETION') {
    return schedulesOf(agreement).at(-1)?.endsOn ?? agreement.stageEnteredOn;
  }
  return agreement.stageEnteredOn;
}

function today(agreement: Agreement, now: Date): string {
  return dateInZone(now, agreement.partnerRegion.timeZone);
}

function namesOf(contacts: readonly Contact[]): string[] {
  return contacts.map((c) => c.name);
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

function emailTo(recipients: Recipients, message: RenderedMessage): OutgoingEmail {
  return {
    to: recipients.to.map((c) => c.email),
    cc: recipients.cc.map((c) => c.email),
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
}

function checkRecipients(recipients: Recipients): Locale {
  if (recipients.to.length === 0) throw new Error('An email needs at least one recipient');
  validateAddresses([...recipients.to, ...recipients.cc].map((c) => c.email));
  return messageLocale(recipients.to);
}

/**
 * The email of a nudge the workflow sends: the opening "action needed", a reminder, an
 * escalation, the training invitation (with its calendar invitation), the pre-training
 * reminder or a follow-up check-in, in the language of its `to` recipients. Throws InvalidEmailAddressError when a recipient's address is not valid.
 */
export function composeNudgeEmail(
  agreement: Agreement,
  nudge: Nudge,
  recipients: Recipients,
  now: Date,
): OutgoingEmail {
  const locale = checkRecipients(recipients);
  const [route, appId] = nudge.waitKey.split('#') as [Route, string | undefined];
  const letter: LetterContext = {
    agreement: identification(agreement),
    recipients: namesOf(recipients.to),
  };
  const since = pendingSince(agreement, route);
  const days = Math.max(0, daysBetween(since, today(agreement, now)));
  // Reminders count after the opening message, if the wait has one.
  const reminder = reminderNumber(nudge);
  const render = <K extends MessageKind>(kind: K, context: MessageContexts[K]) =>
    emailTo(recipients, renderMessage(kind, context, locale));
  switch (nudge.kind) {
    case 'ACTION_NEEDED': {
      const firstReminderOn = firstReminderOf(agreement, route, since);
      return render('ACTION_NEEDED', {
        ...letter,
        pending: pendingOf(agreement, route, appId),
        since,
        ...(firstReminderOn ? { firstReminderOn } : {}),
      });
    }
    case 'REMINDER':
      return render('REMINDER', {
        ...letter,
        pending: pendingOf(agreement, route, appId),
        since,
        days,
        number: reminder,
      });
    case 'ESCALATION':
      return render('ESCALATION', {
        ...letter,
        pending: pendingOf(agreement, route, appId),
        since,
        days,
        notActed: officialsOf(agreement),
        reminders: Math.max(0, reminder - 1),
      });
    case 'TRAINING_INVITATION':
      return render('TRAINING_INVITATION', {
        ...letter,
        training: trainingOf(agreement),
        apps: liveCandidates(agreement).map((a) => a.name),
        now,
      });
    case 'TRAINING_UPCOMING': {
      const training = trainingOf(agreement);
      return render('TRAINING_UPCOMING', {
        ...letter,
        training,
        apps: liveCandidates(agreement).map((a) => a.name),
        now,
        daysUntil: daysBetween(today(agreement, now), training.startsOn),
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

/** The date the first reminder of an opening wait is due (before office hours move it). */
function firstReminderOf(agreement: Agreement, route: Route, since: string): string | undefined {
  const policy = agreement.reminderPolicy;
  switch (route) {
    case 'MOU':
      return addDays(since, policy.MOU.firstAfterDays);
    case 'PKS':
      return addDays(since, policy.PKS.firstAfterDays);
    case 'HANDOVER':
      return addDays(since, policy.HANDOVER.firstAfterDays);
    case 'TRAINING_SCHEDULE':
      return addDays(since, policy.TRAINING.firstAfterDays);
    default:
      return undefined;
  }
}

export interface NeedsAttentionInput {
  agreementId: string;
  /** Absent when the agreement could not be read. */
  title?: string;
  failure: Failure;
  /** The operations team's address. */
  operations: string;
  now: Date;
  /** @default 'id' */
  locale?: Locale;
}

/**
 * Tells operations that an agreement's workflow stopped on an error. The execution ARN is not
 * in the email (it is on the agreement and in its history); tokens and ARNs in the cause are
 * redacted.
 */
export function composeNeedsAttentionEmail(input: NeedsAttentionInput): OutgoingEmail {
  validateAddresses([input.operations]);
  const message = renderMessage(
    'NEEDS_ATTENTION',
    {
      reference: input.agreementId,
      ...(input.title ? { title: input.title } : {}),
      error: input.failure.error,
      cause: input.failure.cause,
      at: input.now,
    },
    input.locale ?? 'id',
  );
  return {
    to: [input.operations],
    cc: [],
    subject: message.subject,
    text: message.text,
    html: message.html,
  };
}
