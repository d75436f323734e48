// Action links, as the use cases issue and open them: a random token of 256 bits per
// recipient, of which only the SHA-256 is stored; opening one finds it by that hash, compares
// it in constant time, and checks that it still works (domain/action-links.ts). Neither the
// token nor its hash is ever logged.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  actionUrl,
  deadLinkReason,
  linkFor,
  type ActionLink,
  type ActionLinkSettings,
} from '../domain/action-links.ts';
import type { Agreement } from '../domain/agreement.ts';
import type { ActionLinksContext } from '../domain/messages/contexts.ts';
import type { Nudge } from '../domain/nudge-plan.ts';
import type { ActionLinkStore, AgreementStore, Log } from '../domain/ports.ts';
import { parseWaitKey } from '../domain/routes.ts';
import type { Contact } from '../domain/schemas.ts';
import { ActionLinkNotFoundError } from './errors.ts';

const TOKEN_BYTES = 32;
/** What a token looks like: 32 random bytes in base64url. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newActionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashActionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What issuing and opening links needs. */
export interface ActionLinkParts {
  links: ActionLinkStore;
  settings: ActionLinkSettings;
  /** A fresh token; tests may pin it. */
  newToken?: () => string;
}

/**
 * The links of an email's `to` recipients, one per recipient and nudge (an email that carries
 * the nudges of several waits, e.g. one per application awaiting its handover, has a link per
 * wait): what to store, and what the email shows.
 */
export function issueLinks(
  agreement: Agreement,
  nudges: readonly Pick<Nudge, 'waitKey' | 'key' | 'number'>[],
  to: readonly Contact[],
  parts: ActionLinkParts,
  now: Date,
): { links: ActionLink[]; context: ActionLinksContext } {
  const issued = nudges.flatMap((nudge) => {
    const app = parseWaitKey(nudge.waitKey).appId;
    const appName = app && nudges.length > 1 ? agreement.apps.find((a) => a.id === app)?.name : '';
    return to.map((contact) => {
      const token = (parts.newToken ?? newActionToken)();
      const hash = hashActionToken(token);
      const link = linkFor(agreement, nudge, contact, hash, now, parts.settings.ttlDays);
      const name = appName ? `${contact.name}: ${appName}` : contact.name;
      return { link, name, url: actionUrl(parts.settings.consoleUrl, token) };
    });
  });
  const first = issued[0]?.link;
  return {
    links: issued.map((i) => i.link),
    context: {
      links: issued.map(({ name, url }) => ({ name, url })),
      done: first?.answers.includes('DONE') ?? false,
      expiresOn: (first?.expiresAt ?? now.toISOString()).slice(0, 10),
    },
  };
}

/** The link of a token and its agreement, if the link still works; else ActionLinkNotFoundError. */
export async function openLink(
  deps: { links: ActionLinkStore; agreements: Pick<AgreementStore, 'get'>; log: Log },
  token: string,
  now: Date,
): Promise<{ link: ActionLink; agreement: Agreement }> {
  if (!TOKEN_SHAPE.test(token)) throw new ActionLinkNotFoundError();
  const hash = hashActionToken(token);
  const link = await deps.links.actionLink(hash);
  // The key lookup found it by this hash; the constant-time check keeps it so should a store
  // ever match loosely (a prefix, a case-insensitive index).
  if (!link || !sameHash(link.hash, hash)) throw new ActionLinkNotFoundError();
  const agreement = await deps.agreements.get(link.agreementId);
  const dead = deadLinkReason(link, agreement, now);
  if (dead || !agreement) {
    deps.log.info('Action link no longer works', { agreementId: link.agreementId, reason: dead });
    throw new ActionLinkNotFoundError();
  }
  return { link, agreement };
}

function sameHash(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(computed, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
