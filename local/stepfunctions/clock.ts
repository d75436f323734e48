/**
 * Workflow time for local mode and tests: `scale` workflow seconds pass in each real second,
 * so a 30-day reminder interval can elapse while you watch (86400: a day per second).
 */
export class ScaledClock {
  readonly scale: number;
  readonly #realOrigin: number;
  readonly #origin: number;

  constructor(options: { scale?: number; origin?: Date } = {}) {
    this.scale = options.scale ?? 1;
    if (!(this.scale >= 1)) throw new Error(`Time scale must be a number >= 1, got ${this.scale}`);
    this.#realOrigin = Date.now();
    this.#origin = options.origin?.getTime() ?? this.#realOrigin;
  }

  readonly now = (): Date => new Date(this.fromReal(Date.now()));

  /** The workflow time of a real timestamp (ms). */
  fromReal(realMs: number): number {
    return this.#origin + (realMs - this.#realOrigin) * this.scale;
  }

  /** The real timestamp (ms) of a workflow time. */
  toReal(workflowMs: number): number {
    return this.#realOrigin + (workflowMs - this.#origin) / this.scale;
  }

  /** Real milliseconds to wait for `workflowMs` of workflow time. */
  realDelay(workflowMs: number): number {
    return Math.max(0, workflowMs / this.scale);
  }
}

/** setTimeout without its 24.8-day ceiling: a longer delay is waited in hops. */
export class Timers {
  readonly #pending = new Set<NodeJS.Timeout>();

  after(realMs: number, callback: () => void): () => void {
    const MAX = 2_147_483_647;
    let handle: NodeJS.Timeout;
    const arm = (remaining: number) => {
      handle = setTimeout(
        () => {
          this.#pending.delete(handle);
          if (remaining > MAX) arm(remaining - MAX);
          else callback();
        },
        Math.min(remaining, MAX),
      );
      this.#pending.add(handle);
    };
    arm(realMs);
    return () => {
      clearTimeout(handle);
      this.#pending.delete(handle);
    };
  }

  clear(): void {
    for (const handle of this.#pending) clearTimeout(handle);
    this.#pending.clear();
  }
}
