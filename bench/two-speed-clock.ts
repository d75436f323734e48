// Workflow time at two speeds, fixed in advance: slow in given windows of workflow time (where a
// lateness of seconds must be measurable), fast between them (where the workflow only sleeps).
// The mapping is known when a timer is armed, so the engine's timers fire at the workflow time
// they were meant for whatever the speed in between: realDelay converts from now.
import { ScaledClock } from '../local/stepfunctions/clock.ts';

export interface TwoSpeedClockOptions {
  origin: Date;
  /** Workflow ms per real ms between the windows (also `scale`, which the engine reads). */
  fast: number;
  /** Workflow ms per real ms inside the windows. */
  slow: number;
  /** Slow windows of workflow time, [start, end) epoch ms, sorted, after `origin`. */
  windows: readonly (readonly [number, number])[];
}

/** From `workflow` on (and `real` in real time), time runs at `scale` until the next segment. */
interface Segment {
  workflow: number;
  real: number;
  scale: number;
}

export class TwoSpeedClock extends ScaledClock {
  readonly #options: TwoSpeedClockOptions;
  #segments: Segment[] = [];

  constructor(options: TwoSpeedClockOptions) {
    super({ scale: options.fast, origin: options.origin });
    this.#options = options;
    this.restart();
  }

  /**
   * Workflow time starts again at `origin`, now: for a run whose stand-ins take a while to
   * start, before anything has been scheduled on this clock.
   */
  restart(): void {
    const { origin, fast, slow, windows } = this.#options;
    const segments: Segment[] = [{ workflow: origin.getTime(), real: Date.now(), scale: fast }];
    const append = (workflow: number, scale: number) => {
      const last = segments.at(-1) as Segment;
      if (workflow < last.workflow) return;
      if (workflow === last.workflow) last.scale = scale;
      else {
        segments.push({
          workflow,
          real: last.real + (workflow - last.workflow) / last.scale,
          scale,
        });
      }
    };
    for (const [start, end] of windows) {
      append(start, slow);
      append(end, fast);
    }
    this.#segments = segments;
  }

  /** The speed of workflow time at a workflow instant (its resolution: workflow ms per real ms). */
  scaleAt(workflowMs: number): number {
    return this.#segmentBy('workflow', workflowMs).scale;
  }

  override fromReal(realMs: number): number {
    const segment = this.#segmentBy('real', realMs);
    return segment.workflow + (realMs - segment.real) * segment.scale;
  }

  override toReal(workflowMs: number): number {
    const segment = this.#segmentBy('workflow', workflowMs);
    return segment.real + (workflowMs - segment.workflow) / segment.scale;
  }

  override realDelay(workflowMs: number): number {
    const realNow = Date.now();
    return Math.max(0, this.toReal(this.fromReal(realNow) + workflowMs) - realNow);
  }

  /** The last segment starting at or before `at` (the first one before them all). */
  #segmentBy(axis: 'workflow' | 'real', at: number): Segment {
    let low = 0;
    let high = this.#segments.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((this.#segments[middle] as Segment)[axis] <= at) low = middle;
      else high = middle - 1;
    }
    return this.#segments[low] as Segment;
  }
}
