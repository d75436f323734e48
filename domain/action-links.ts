// Action links: what an official may answer from a nudge's email, without signing in. The
// email carries a random token; the table keeps only its hash, with the link's scope (the
// agreement, the wait, the nudge, the contact, the answers allowed) and its expiry. A link
// lives until it is used, its wait ends (the milestone came another way), a later nudge of the
// wait or a change of contacts supersedes it, or it expires; each of those answers the same.
import type { Agreement } from './agreement.ts';
import type { ActionAnswer } from './action-schemas.ts';
import type { Nudge } from './nudge-plan.ts';
import { parseWaitKey, waitIsOpen, type WaitKey, type WaitRoute } from './routes.ts';
import type { Contact } from './schemas.ts';

/** How long a link lives by default; ACTION_LINK_TTL_DAYS changes it per environment. */
export const DEFAULT_ACTION_LINK_TTL_DAYS = 30;
/** The longest pause an official may ask for by default; MAX_PAUSE_DAYS changes it. */
export const DEFAULT_MAX_PAUSE_DAYS = 90;
/** The path of the console's page behind a link; the token is its last segment. */
export const ACTION_PAGE_PATH = '/tindak-lanjut/';
/** Who the audit history names for what an official answered through a link. */
export const ACTION_LINK_ACTOR = 'action-link';
/** How the history names the channel of such an answer. */
export const ACTION_LINK_CHANNEL = 'EMAIL_LINK';

/** The settings of action links in one environment. */
export interface ActionLinkSettings {
  /** The console's address, without a trailing slash: the links point at its page. */
  consoleUrl: string;
  ttlDays: number;
  maxPauseDays: number;
}

/** The official a link was sent to, as the agreement's contacts named them then. */
export type LinkHolder = Pick<Contact, 'name' | 'email' | 'side' | 'role'>;

/** A link as stored: never the token, only its hash. */
export interface ActionLink {
  /** SHA-256 of the token, hex. */
  hash: string;
  agreementId: string;
  waitKey: WaitKey;
  /** The nudge that carried it: a later nudge of the same wait supersedes it. */
  nudge: { key: string; number: number };
  holder: LinkHolder;
  answers: ActionAnswer[];
  createdAt: string;
  expiresAt: string;
  /** When it was used; a used link answers as if it never existed. */
  usedAt?: string;
}

/** The answers a wait allows: scheduling a training needs dates only a coordinator knows. */
export function answersFor(route: WaitRoute): ActionAnswer[] {
  return route === 'TRAINING_SCHEDULE'
    ? ['OBSTACLE', 'WRONG_PERSON']
    : ['DONE', 'OBSTACLE', 'WRONG_PERSON'];
}

/** The link of one recipient of a nudge (its hash computed by the caller from a fresh token). */
export function linkFor(
  agreement: Agreement,
  nudge: Pick<Nudge, 'waitKey' | 'key' | 'number'>,
  holder: Contact,
  hash: string,
  now: Date,
  ttlDays: number,
): ActionLink {
  return {
    hash,
    agreementId: agreement.id,
    waitKey: nudge.waitKey,
    nudge: { key: nudge.key, number: nudge.number },
    holder: { name: holder.name, email: holder.email, side: holder.side, role: holder.role },
    answers: answersFor(parseWaitKey(nudge.waitKey).route),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlDays * 86_400_000).toISOString(),
  };
}

export type LinkDeadReason = 'USED' | 'EXPIRED' | 'WAIT_OVER' | 'SUPERSEDED';

/**
 * Why a stored link no longer works, or undefined while it does. The reason is for the logs
 * and tests only: every dead link answers the caller the same way.
 */
export function deadLinkReason(
  link: ActionLink,
  agreement: Agreement | undefined,
  now: Date,
): LinkDeadReason | undefined {
  if (link.usedAt) return 'USED';
  if (now.toISOString() >= link.expiresAt) return 'EXPIRED';
  if (!agreement || !waitIsOpen(agreement, link.waitKey, now)) return 'WAIT_OVER';
  const sent = agreement.nudges[link.nudge.key]?.sent ?? 0;
  const stillListed = agreement.contacts.some(
    (c) => c.email.toLowerCase() === link.holder.email.toLowerCase() && c.role === link.holder.role,
  );
  return sent > link.nudge.number || !stillListed ? 'SUPERSEDED' : undefined;
}

/** The address of the page behind a link. */
export function actionUrl(consoleUrl: string, token: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}${ACTION_PAGE_PATH}${token}`;
}
