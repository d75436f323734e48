// The typed contexts of the messages: what each message kind needs to say, before it is made
// safe and rendered (render.ts). Plain data, in the words of the domain.
import type { ActionAnswer } from '../action-schemas.ts';
import type { AppStatus, Stage, UndeliverableAddress } from '../agreement.ts';
import type { OutgoingEmail } from '../ports.ts';
import type { ContactRole, Side } from '../schemas.ts';
import { NUDGE_KINDS } from '../nudge-plan.ts';
import type { WaitRoute } from '../routes.ts';
import {
  TERM_MESSAGE_KINDS,
  type ExpiryNoticeContext,
  type TermExpiredContext,
} from './term-contexts.ts';

/** Every nudge of the workflow is a message, and so are the notices about an agreement. */
export const MESSAGE_KINDS = [
  ...NUDGE_KINDS,
  'NEEDS_ATTENTION',
  'UNDELIVERABLE_ALERT',
  ...TERM_MESSAGE_KINDS,
  'OFFICIAL_ANSWER',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What a stage waits for: a route of the workflow that people act on. */
export interface Pending {
  route: WaitRoute;
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
  /** A nudge's action links, one per `to` recipient (domain/action-links.ts). */
  actionLinks?: ActionLinksContext;
}

/** The links of a nudge: whose each is (when there are several), and what they allow. */
export interface ActionLinksContext {
  links: { name: string; url: string }[];
  /** Whether the links allow reporting the step as done. */
  done: boolean;
  /** The date (YYYY-MM-DD) the links expire. */
  expiresOn: string;
}

export interface ActionNeededContext extends LetterContext {
  pending: Pending;
  /** The date (YYYY-MM-DD) the stage began. */
  since: string;
  /** The date the first reminder will actually come, if no milestone comes before. */
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
  /** Which escalation this is: 1 for the first. */
  escalation: number;
  /** The last one: if it goes unanswered, reminders stop and the host coordinators are told. */
  last: boolean;
}

/** To the host coordinators: a wait's reminders and escalations ended unanswered. */
export interface DormantNoticeContext extends LetterContext {
  pending: Pending;
  since: string;
  days: number;
  /** The reminders and escalations the wait's last ladder sent. */
  reminders: number;
  escalations: number;
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

/** To the host coordinators: a contact's address no longer receives email. */
export interface UndeliverableAlertContext extends LetterContext {
  address: string;
  /** The contacts of the agreement with that address. */
  holders: { name: string; role: ContactRole; side: Side }[];
  kind: UndeliverableAddress['kind'];
  /** What the mail service reported. */
  detail: string;
}

/** To the host coordinators: an official answered a nudge through its action link. */
export interface OfficialAnswerContext extends LetterContext {
  answer: ActionAnswer;
  official: { name: string; email: string };
  pending: Pending;
  reportId?: string;
  occurredAt?: string;
  documentNumber?: string;
  signatory?: { name: string; position: string };
  app?: { name: string; live: boolean };
  reason?: string;
  until?: string;
  suggested?: { name: string; position: string; email: string };
}

export interface MessageContexts {
  ACTION_NEEDED: ActionNeededContext;
  REMINDER: ReminderContext;
  ESCALATION: EscalationContext;
  TRAINING_INVITATION: TrainingContext;
  TRAINING_UPCOMING: TrainingUpcomingContext;
  FOLLOW_UP_CHECK_IN: FollowUpCheckInContext;
  DORMANT_NOTICE: DormantNoticeContext;
  NEEDS_ATTENTION: NeedsAttentionContext;
  UNDELIVERABLE_ALERT: UndeliverableAlertContext;
  EXPIRY_NOTICE: ExpiryNoticeContext;
  TERM_EXPIRED: TermExpiredContext;
  OFFICIAL_ANSWER: OfficialAnswerContext;
}
export type MessageContext = MessageContexts[MessageKind];

export type EmailAttachment = NonNullable<OutgoingEmail['attachments']>[number];

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  attachments?: EmailAttachment[];
}
