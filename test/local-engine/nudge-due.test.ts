// The nudge-precision bench's due instants: the first instant at which the planner, given the
// agreement as stored then, says to send a nudge (bench/nudge-due.ts).
import { describe, expect, it } from '@jest/globals';
import { ulid } from 'ulid';
import { dueAt, type SentNudge } from '../../bench/nudge-due.ts';
import type { Agreement } from '../../domain/agreement.ts';
import { createAgreement } from '../../domain/lifecycle.ts';
import { createAgreementSchema } from '../../domain/schemas.ts';
import { KUBU_RAYA_AGREEMENT } from '../../local/example-agreement.ts';

const DAILY = { firstAfterDays: 1, everyDays: 1, escalateAfter: 1 };
/** Monday 7 July 2025, 07:30 in Kubu Raya (WIB, UTC+7): before its office opens. */
const MONDAY_0730 = new Date('2025-07-07T00:30:00Z');
const MONDAY_OPENING = Date.parse('2025-07-07T01:00:00Z');
const TUESDAY_OPENING = Date.parse('2025-07-08T01:00:00Z');

function registered(): Agreement {
  const outcome = createAgreement(
    createAgreementSchema.parse({ ...KUBU_RAYA_AGREEMENT, reminderPolicy: { MOU: DAILY } }),
    { now: MONDAY_0730, actor: 'bench', id: ulid(), defaultHostRegionCode: '32.73' },
  );
  if (!outcome.ok) throw new Error(outcome.rejection.message);
  return outcome.agreement;
}

const sent = (kind: string, number: number, at: number): SentNudge => ({
  kind,
  waitKey: 'MOU',
  number,
  sentAt: new Date(at).toISOString(),
});

describe('dueAt', () => {
  it('puts an opening message registered before office hours at the opening', () => {
    const versions = [{ agreement: registered(), at: MONDAY_0730.getTime() }];
    expect(dueAt(versions, sent('ACTION_NEEDED', 1, MONDAY_OPENING + 12_000))).toBe(MONDAY_OPENING);
  });

  it('finds no due instant for a nudge sent before the planner would send it', () => {
    const versions = [{ agreement: registered(), at: MONDAY_0730.getTime() }];
    expect(dueAt(versions, sent('ACTION_NEEDED', 1, MONDAY_OPENING - 60_000))).toBeUndefined();
  });

  it('follows the versions: the reminder is due a day after the opening message went out', () => {
    const agreement = registered();
    const afterOpening: Agreement = {
      ...agreement,
      version: agreement.version + 1,
      nudges: { MOU: { sent: 1, lastSentAt: new Date(MONDAY_OPENING).toISOString() } },
      lastNudged: { on: '2025-07-07', to: ['kadis@kuburaya.example.go.id'] },
    };
    const versions = [
      { agreement, at: MONDAY_0730.getTime() },
      { agreement: afterOpening, at: MONDAY_OPENING + 5_000 },
    ];
    expect(dueAt(versions, sent('REMINDER', 2, TUESDAY_OPENING + 9_000))).toBe(TUESDAY_OPENING);
    // A nudge the planner never proposes has no due instant.
    expect(dueAt(versions, sent('ESCALATION', 2, TUESDAY_OPENING + 9_000))).toBeUndefined();
  });
});
