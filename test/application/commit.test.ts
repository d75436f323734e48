// The one retry-on-conflict helper and the idempotent write every coordinator's change goes
// through (application/commit.ts).
import { describe, expect, it } from '@jest/globals';
import {
  changeAgreement,
  CONFLICT_ATTEMPTS,
  CONFLICT_BACKOFF_BASE_MS,
  CONFLICT_BACKOFF_CAP_MS,
  conflictBackoffMs,
  retryOnConflict,
  writeOnce,
} from '../../application/commit.ts';
import { RuleRejectedError } from '../../application/errors.ts';
import { nextVersion, type Agreement, type AuditEventDraft } from '../../domain/agreement.ts';
import { recordMilestone } from '../../domain/lifecycle.ts';
import { VersionConflictError, type IdempotencyClaim } from '../../domain/ports.ts';
import { ctx, mouSigned, newAgreement, NOW, pksSigned } from '../support/fixtures.ts';

const conflict = () => new VersionConflictError('agr-kubu-raya', 1, 2);

/** Fails with a conflict the first `conflicts` times, then answers `value`; counts the calls. */
function conflicting<T>(conflicts: number, value: T) {
  const calls = { count: 0 };
  const attempt = () => {
    calls.count++;
    return calls.count <= conflicts ? Promise.reject(conflict()) : Promise.resolve(value);
  };
  return { attempt, calls };
}

describe('retryOnConflict', () => {
  it('answers the first attempt that meets no concurrent writer', async () => {
    const { attempt, calls } = conflicting(0, 'stored');
    await expect(retryOnConflict(attempt)).resolves.toBe('stored');
    expect(calls.count).toBe(1);
  });

  it('tries again after each conflict, up to the last attempt allowed', async () => {
    const { attempt, calls } = conflicting(CONFLICT_ATTEMPTS - 1, 'stored');
    await expect(retryOnConflict(attempt)).resolves.toBe('stored');
    expect(calls.count).toBe(CONFLICT_ATTEMPTS);
  });

  it(`gives up after ${CONFLICT_ATTEMPTS} conflicting attempts with the last conflict`, async () => {
    const { attempt, calls } = conflicting(Number.POSITIVE_INFINITY, 'never');
    await expect(retryOnConflict(attempt)).rejects.toBeInstanceOf(VersionConflictError);
    expect(calls.count).toBe(CONFLICT_ATTEMPTS);
  });

  it('rethrows any other error at once', async () => {
    let calls = 0;
    const failure = new Error('ProvisionedThroughputExceededException');
    const attempt = () => {
      calls++;
      return Promise.reject(failure);
    };
    await expect(retryOnConflict(attempt)).rejects.toBe(failure);
    expect(calls).toBe(1);
  });
});

/** A clock that only records the waits asked of it, and a random source that answers `draw`. */
function recordedTiming(draw: () => number) {
  const waits: number[] = [];
  const timing = {
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: draw,
  };
  return { timing, waits };
}

describe('retryOnConflict backs off between attempts', () => {
  it('waits before each retry, never before the first attempt or after the last', async () => {
    const { attempt } = conflicting(Number.POSITIVE_INFINITY, 'never');
    const { timing, waits } = recordedTiming(() => 0.5);
    await expect(retryOnConflict(attempt, timing)).rejects.toBeInstanceOf(VersionConflictError);
    expect(waits).toHaveLength(CONFLICT_ATTEMPTS - 1);
  });

  it('doubles the bound after each conflict, up to the cap', async () => {
    const { attempt } = conflicting(Number.POSITIVE_INFINITY, 'never');
    // Just under 1: each wait is (almost) its bound.
    const { timing, waits } = recordedTiming(() => 0.999_999);
    await expect(retryOnConflict(attempt, timing)).rejects.toBeInstanceOf(VersionConflictError);
    const bounds = waits.map((_, i) =>
      Math.min(CONFLICT_BACKOFF_CAP_MS, CONFLICT_BACKOFF_BASE_MS * 2 ** i),
    );
    expect(waits).toEqual(bounds.map((b) => b - 1));
    expect(waits[0]).toBeLessThan(waits[1] ?? 0);
    expect(Math.max(...waits)).toBe(CONFLICT_BACKOFF_CAP_MS - 1);
  });

  it('draws each wait at random under its bound (full jitter)', () => {
    expect(conflictBackoffMs(3, () => 0)).toBe(0);
    expect(conflictBackoffMs(3, () => 0.25)).toBe(CONFLICT_BACKOFF_BASE_MS);
    expect(conflictBackoffMs(30, () => 0.5)).toBe(CONFLICT_BACKOFF_CAP_MS / 2);
  });

  it('draws afresh for every wait, so that concurrent writers spread out', async () => {
    const { attempt, calls } = conflicting(3, 'stored');
    const draws = [0.1, 0.9, 0.4];
    const { timing, waits } = recordedTiming(() => draws.shift() ?? 0);
    await expect(retryOnConflict(attempt, timing)).resolves.toBe('stored');
    expect(calls.count).toBe(4);
    expect(waits).toEqual([1, 18, 16]);
  });

  it('does not wait before rethrowing another error', async () => {
    const { timing, waits } = recordedTiming(() => 0.5);
    await expect(retryOnConflict(() => Promise.reject(new Error('boom')), timing)).rejects.toThrow(
      'boom',
    );
    expect(waits).toEqual([]);
  });
});

/** A stored agreement that another writer changes `concurrentWrites` times under the caller. */
function contestedStore(agreement: Agreement, concurrentWrites: number) {
  let stored = agreement;
  let left = concurrentWrites;
  const written: { agreement: Agreement; events: AuditEventDraft[] }[] = [];
  let reads = 0;
  return {
    read: () => {
      reads++;
      return Promise.resolve(stored);
    },
    update: (next: Agreement, events: AuditEventDraft[]) => {
      if (left > 0) {
        // Someone else wrote first: this write's expected version is stale now.
        left--;
        stored = nextVersion(stored, NOW);
      }
      if (next.version !== stored.version + 1) {
        return Promise.reject(new VersionConflictError(next.id, next.version - 1, stored.version));
      }
      stored = next;
      written.push({ agreement: next, events });
      return Promise.resolve({ agreement: next, replayed: false });
    },
    written,
    reads: () => reads,
  };
}

describe('changeAgreement', () => {
  const change = (agreement: Agreement) => ({
    agreement: nextVersion({ ...agreement, title: 'Kerja sama Kubu Raya' }, NOW),
    events: [],
  });

  it('re-reads the agreement between attempts and applies the change to what is stored', async () => {
    const store = contestedStore(newAgreement(), 2);
    const result = await changeAgreement(store, store.read, change);
    expect(store.reads()).toBe(3);
    expect(store.written).toHaveLength(1);
    // Two concurrent writes came first: the change lands on the version after theirs.
    expect(result.version).toBe(newAgreement().version + 3);
    expect(result.title).toBe('Kerja sama Kubu Raya');
  });

  it('gives up when every attempt meets a concurrent writer', async () => {
    const store = contestedStore(newAgreement(), CONFLICT_ATTEMPTS);
    await expect(changeAgreement(store, store.read, change)).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect(store.reads()).toBe(CONFLICT_ATTEMPTS);
    expect(store.written).toEqual([]);
  });

  it('writes nothing when there is nothing to change, and answers the agreement as read', async () => {
    const agreement = newAgreement();
    const store = contestedStore(agreement, 0);
    await expect(changeAgreement(store, store.read, () => undefined)).resolves.toBe(agreement);
    expect(store.written).toEqual([]);
  });
});

describe('writeOnce', () => {
  const claim: IdempotencyClaim = { key: 'record-milestone:sub:agr:key-1', requestHash: 'h' };
  const noReplay = { replay: () => Promise.resolve(undefined) };

  it('answers the first result of a claim without applying the rule again', async () => {
    const first = newAgreement();
    let applied = 0;
    const written = await writeOnce(
      { replay: () => Promise.resolve(first) },
      claim,
      () => {
        applied++;
        return recordMilestone(first, mouSigned, ctx);
      },
      () => Promise.reject(new Error('no write expected')),
    );
    expect(written).toEqual({ agreement: first, replayed: true });
    expect(applied).toBe(0);
  });

  it("writes the rule's outcome with its events", async () => {
    const agreement = newAgreement();
    const writes: AuditEventDraft[][] = [];
    const written = await writeOnce(
      noReplay,
      claim,
      () => recordMilestone(agreement, mouSigned, ctx),
      (changed, events) => {
        writes.push(events);
        return Promise.resolve({ agreement: changed, replayed: false });
      },
    );
    expect(written.agreement.stage).toBe('PKS');
    expect(writes).toHaveLength(1);
    expect(writes[0]?.map((e) => e.type)).toContain('MILESTONE_RECORDED');
  });

  it("refuses with the rule's rejection and writes nothing", async () => {
    const agreement = newAgreement();
    const write = () => Promise.reject(new Error('no write expected'));
    const refused = writeOnce(
      noReplay,
      undefined,
      () => recordMilestone(agreement, pksSigned, ctx),
      write,
    );
    await expect(refused).rejects.toBeInstanceOf(RuleRejectedError);
    await expect(refused).rejects.toMatchObject({ rejection: { code: 'STAGE_MISMATCH' } });
  });
});
