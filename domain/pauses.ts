// Pauses of a wait's nudges: an official said what blocks the step and until when (through an
// action link). No nudge of that wait goes out before that date; then the ladder resumes where
// it stood (the next reminder is the one that was due, sent once, not a burst).
import type { Agreement } from './agreement.ts';
import { atLocalHour } from './dates.ts';
import type { WaitKey } from './routes.ts';

export interface NudgePause {
  /** The date (YYYY-MM-DD) nudges may resume, in the partner's time zone. */
  until: string;
  /** What blocks the step, as the official wrote it. */
  reason: string;
  /** When the official asked for it. */
  since: string;
  /** Who asked for it. */
  by: { name: string; email: string };
}

/** When the pause of this wait ends, while it lasts. */
export function pausedUntil(agreement: Agreement, key: WaitKey, now: Date): Date | undefined {
  const pause = agreement.pauses?.[key];
  if (!pause) return undefined;
  const end = atLocalHour(pause.until, 0, agreement.partnerRegion.timeZone);
  return end > now ? end : undefined;
}
