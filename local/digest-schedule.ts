// The monthly digest in local mode, run as EventBridge Scheduler runs it in AWS
// (infra/constructs/monthly-digest.ts: 08:00 WIB on each of the first seven days of a month),
// but by local mode's scaled workflow clock: the real digest function is invoked each time, and
// it sends on the first working day only, once per recipient and month (its emails land in the
// SES stand-in). A run that fails is logged; the next one comes as scheduled.
import { createHandler } from '../functions/monthly-digest.ts';
import type { TaskOptions } from '../functions/shared/environment.ts';
import { Timers, type ScaledClock } from './stepfunctions/clock.ts';
import { lambdaContext } from './stepfunctions/lifecycle.ts';

/** The schedule's hour in UTC (08:00 in Asia/Jakarta, UTC+7, which keeps no summer time). */
export const RUN_HOUR_UTC = 1;
/**
 * The schedule runs on days 1 to this of each month, as DIGEST_SCHEDULE does (a test holds the
 * two together; the CDK library is too heavy to load into local mode for one number).
 */
export const LAST_RUN_DAY = 7;
const DAY_MS = 86_400_000;

/** The schedule's next run strictly after `after`. */
export function nextDigestRun(after: Date): Date {
  let at = new Date(after);
  at.setUTCHours(RUN_HOUR_UTC, 0, 0, 0);
  if (at.getTime() <= after.getTime()) at = new Date(at.getTime() + DAY_MS);
  while (at.getUTCDate() > LAST_RUN_DAY) at = new Date(at.getTime() + DAY_MS);
  return at;
}

export interface LocalDigest {
  /** The next run, workflow time. */
  next(): Date;
  /** Cancels the next run and waits for a running one. */
  stop(): Promise<void>;
}

/** Runs `run` at every run of the schedule, by `clock`; one at a time. */
export function scheduleDigest(
  clock: ScaledClock,
  run: () => Promise<unknown>,
  onError: (error: unknown) => void,
): LocalDigest {
  const timers = new Timers();
  let next = nextDigestRun(clock.now());
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const arm = () => {
    timers.after(Math.max(0, clock.toReal(next.getTime()) - Date.now()), () => {
      running = run()
        .then(() => undefined, onError)
        .finally(() => {
          if (stopped) return;
          next = nextDigestRun(new Date(Math.max(next.getTime(), clock.now().getTime())));
          arm();
        });
    });
  };
  arm();
  return {
    next: () => next,
    stop: async () => {
      stopped = true;
      timers.clear();
      await running;
    },
  };
}

/**
 * The digest function, built as Lambda builds it, on local mode's clients and clock, on the
 * schedule. `environment`: TABLE_NAME, SENDER_EMAIL, DIGEST_LEADERS.
 */
export function startLocalDigest(props: {
  clock: ScaledClock;
  environment: Record<string, string>;
  options: TaskOptions;
  onError: (error: unknown) => void;
}): LocalDigest {
  const handler = createHandler(props.environment, { now: props.clock.now, ...props.options });
  const name = 'monthly-digest';
  const context = () =>
    lambdaContext(name, `arn:aws:lambda:ap-southeast-3:000000000000:function:sepakat-${name}`);
  return scheduleDigest(props.clock, () => handler({}, context()), props.onError);
}
