// What the term's letters say (term-email.ts): an expiry notice, and the expiry itself.
import type { LetterContext } from './contexts.ts';

export const TERM_MESSAGE_KINDS = ['EXPIRY_NOTICE', 'TERM_EXPIRED'] as const;

/** To both parties' officials: the PKS (or KSB) ends on validUntil. */
export interface ExpiryNoticeContext extends LetterContext {
  document: 'PKS' | 'MOU';
  validUntil: string;
  /** Days from today to validUntil; 0 on the last day. */
  daysLeft: number;
}

/** To the coordinators: the term is over. */
export interface TermExpiredContext extends LetterContext {
  document: 'PKS' | 'MOU';
  validUntil: string;
}
