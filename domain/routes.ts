// What the lifecycle workflow waits for. The state machine (statemachines/agreement-lifecycle.asl.json)
// knows how to wait; the route says what for. Every answer is computed from the stored agreement,
// so a new execution (a resume, a new workflow version) picks up exactly where the old one was.
import { latestMilestone, type Agreement, type MilestoneOf } from './agreement.ts';
import { addDays, atLocalHour } from './dates.ts';
import { nextTermStep } from './term.ts';

/**
 * What the workflow waits for now. Each value has its own branch in the state machine's
 * "Route by stage" choice; RENEW asks for a fresh execution. TERM: the implementation is
 * COMPLETED and only the term's notices and end are left to watch (term.ts).
 */
export const ROUTES = [
  'MOU',
  'PKS',
  'HANDOVER',
  'TRAINING_SCHEDULE',
  'TRAINING_UPCOMING',
  'TRAINING_COMPLETION',
  'FOLLOW_UP',
  'TERM',
  'COMPLETED',
  'CANCELLED',
  'RENEW',
] as const;
export type Route = (typeof ROUTES)[number];

/** A route on which the workflow waits for people to act (and nudges them). */
export type WaitRoute = Exclude<Route, 'COMPLETED' | 'CANCELLED' | 'RENEW'>;

export function isWaitRoute(route: Route): route is WaitRoute {
  return route !== 'COMPLETED' && route !== 'CANCELLED' && route !== 'RENEW';
}

/**
 * A wait of the state machine: its route, or `HANDOVER#<appId>` for one application's handover.
 * Stored as it is (task tokens, nudge counts, audit events): the format never changes.
 */
export type WaitKey = WaitRoute | `${WaitRoute}#${string}`;

const SEPARATOR = '#';

/** The key of a wait; `qualifier` tells apart the waits of one route (an application, a date). */
export function waitKey(route: WaitRoute, qualifier?: string): WaitKey {
  return qualifier === undefined ? route : `${route}${SEPARATOR}${qualifier}`;
}

/** The route of a wait's key and, for one application's handover, the application. */
export function parseWaitKey(key: WaitKey): { route: WaitRoute; appId?: string } {
  const at = key.indexOf(SEPARATOR);
  if (at < 0) return { route: key as WaitRoute };
  return { route: key.slice(0, at) as WaitRoute, appId: key.slice(at + SEPARATOR.length) };
}

/**
 * Where the training's invitation and pre-training reminder are counted in `agreement.nudges`:
 * per training date, so that a rescheduled training gets its own.
 */
export function trainingUpcomingKey(schedule: MilestoneOf<'TRAINING_SCHEDULED'>): WaitKey {
  return waitKey('TRAINING_UPCOMING', schedule.startsOn);
}

export function routeOf(agreement: Agreement, now: Date): Route {
  switch (agreement.stage) {
    case 'TRAINING': {
      const schedule = latestMilestone(agreement, 'TRAINING_SCHEDULED');
      if (!schedule) return 'TRAINING_SCHEDULE';
      // Nudge 1 of this schedule is the invitation, nudge 2 the reminder shortly before it;
      // once the reminder is sent (or claimed), only the completion is awaited.
      const state = agreement.nudges[trainingUpcomingKey(schedule)];
      const reminded = state !== undefined && (state.sent >= 2 || state.pending === 2);
      // Up to the end of the first training day a late pre-training reminder still helps.
      const firstDayOver =
        now >= atLocalHour(addDays(schedule.startsOn, 1), 0, agreement.partnerRegion.timeZone);
      return reminded || firstDayOver ? 'TRAINING_COMPLETION' : 'TRAINING_UPCOMING';
    }
    case 'COMPLETED':
      return nextTermStep(agreement, now) ? 'TERM' : 'COMPLETED';
    default:
      return agreement.stage;
  }
}

/** The waits open in a route: one per application still pending in the handover. */
export function waitKeysOf(agreement: Agreement, route: WaitRoute): WaitKey[] {
  if (route !== 'HANDOVER') return [route];
  return agreement.apps.filter((a) => a.status === 'PENDING').map((a) => waitKey('HANDOVER', a.id));
}

/** Whether a wait is still open: its route is the agreement's, and its application is pending. */
export function waitIsOpen(agreement: Agreement, key: WaitKey, now: Date): boolean {
  const { route, appId } = parseWaitKey(key);
  if (routeOf(agreement, now) !== route) return false;
  return !appId || agreement.apps.find((a) => a.id === appId)?.status === 'PENDING';
}
