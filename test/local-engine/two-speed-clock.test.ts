// The nudge-precision bench's clock: workflow time slow in given windows, fast between them, on
// a mapping fixed in advance so that a timer armed before a window still fires when meant.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { TwoSpeedClock } from '../../bench/two-speed-clock.ts';

const ORIGIN = Date.parse('2025-07-07T00:59:30Z');
const REAL = 1_000_000;
const FAST = 86_400;
const SLOW = 100;
const HOUR = 3_600_000;
/** One window, an hour after the origin, ten minutes long. */
const WINDOW: [number, number] = [ORIGIN + HOUR, ORIGIN + HOUR + 600_000];

function clockAt(realNow: number): TwoSpeedClock {
  jest.spyOn(Date, 'now').mockReturnValue(realNow);
  return new TwoSpeedClock({ origin: new Date(ORIGIN), fast: FAST, slow: SLOW, windows: [WINDOW] });
}

describe('TwoSpeedClock', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('starts at the origin and runs fast until the window', () => {
    const clock = clockAt(REAL);
    expect(clock.now().getTime()).toBe(ORIGIN);
    expect(clock.fromReal(REAL + 10)).toBe(ORIGIN + 10 * FAST);
    expect(clock.scaleAt(ORIGIN)).toBe(FAST);
    expect(clock.scale).toBe(FAST);
  });

  it('runs slow inside the window and fast again after it', () => {
    const clock = clockAt(REAL);
    const windowStartsAt = REAL + HOUR / FAST;
    expect(clock.toReal(WINDOW[0])).toBeCloseTo(windowStartsAt, 9);
    expect(clock.fromReal(windowStartsAt + 1)).toBeCloseTo(WINDOW[0] + SLOW, 6);
    expect(clock.scaleAt(WINDOW[0] + 1000)).toBe(SLOW);
    const windowEndsAt = windowStartsAt + 600_000 / SLOW;
    expect(clock.toReal(WINDOW[1])).toBeCloseTo(windowEndsAt, 9);
    expect(clock.fromReal(windowEndsAt + 1)).toBeCloseTo(WINDOW[1] + FAST, 6);
    expect(clock.scaleAt(WINDOW[1])).toBe(FAST);
  });

  it('maps real to workflow time and back', () => {
    const clock = clockAt(REAL);
    for (const real of [REAL - 5, REAL, REAL + 7, REAL + 45, REAL + 6_000, REAL + 7_000]) {
      expect(clock.toReal(clock.fromReal(real))).toBeCloseTo(real, 3);
    }
  });

  it('arms a delay across the window on the mapping: fast, slow, then fast again', () => {
    const clock = clockAt(REAL);
    // From the origin to half an hour past the window's end.
    const workflowMs = HOUR + 600_000 + HOUR / 2;
    const expected = HOUR / FAST + 600_000 / SLOW + HOUR / 2 / FAST;
    expect(clock.realDelay(workflowMs)).toBeCloseTo(expected, 6);
  });

  it('starts again at the origin when restarted', () => {
    const clock = clockAt(REAL);
    jest.spyOn(Date, 'now').mockReturnValue(REAL + 7_000);
    expect(clock.now().getTime()).toBeGreaterThan(WINDOW[1]);
    clock.restart();
    expect(clock.now().getTime()).toBe(ORIGIN);
  });
});
