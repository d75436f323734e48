// The monthly digest: on the first working day of the month (in WIB, the host's zone), one
// formal email per recipient and month (domain/reports/digest.ts). A dry run composes every
// digest and sends none, whatever the day.
import { isTerminal } from '../domain/agreement.ts';
import { dateInZone } from '../domain/dates.ts';
import type { DigestLedger, Mailer, OutgoingEmail, ReportStore } from '../domain/ports.ts';
import {
  composeDigest,
  digestPeriod,
  digestRecipients,
  isFirstWorkingDayOfMonth,
  type DigestRecipient,
  type ExpiringTerm,
} from '../domain/reports/digest.ts';
import type { ReportRow } from '../domain/reports/stage-times.ts';

export interface MonthlyDigestDeps {
  reports: ReportStore;
  digests: DigestLedger;
  mailer: Mailer;
  now: () => Date;
  /** Leaders who receive the whole programme's digest (configured per environment). */
  leaders: readonly { email: string; name: string }[];
  /** The office that signs. */
  office: string;
  /**
   * The terms ending soon, once agreements carry terms (issue 17); until then the digest says
   * that term data is not available.
   */
  expiringTerms?: (rows: readonly ReportRow[], today: string) => ExpiringTerm[];
}

export interface DigestOutcome {
  month: string;
  /** Why nothing was sent, when nothing was due. */
  notDue?: string;
  sent: string[];
  /** Recipients who already had this month's digest. */
  alreadySent: string[];
  /** A dry run's digests. */
  composed: { recipient: DigestRecipient; email: OutgoingEmail }[];
}

const HOST_ZONE = 'Asia/Jakarta';

export function monthlyDigestUseCase(deps: MonthlyDigestDeps) {
  return async (options: { dryRun: boolean }): Promise<DigestOutcome> => {
    const now = deps.now();
    const today = dateInZone(now, HOST_ZONE);
    const period = digestPeriod(today);
    const outcome: DigestOutcome = { month: period.key, sent: [], alreadySent: [], composed: [] };
    if (!options.dryRun && !isFirstWorkingDayOfMonth(today)) {
      return { ...outcome, notDue: `${today} is not the first working day of its month` };
    }
    const rows = await deps.reports.reportRows({});
    const open = rows.filter((r) => !isTerminal(r.stage)).map((r) => r.id);
    const input = {
      rows,
      attention: await deps.reports.needsAttentionOf(open),
      expiringTerms: deps.expiringTerms?.(rows, today) ?? [],
      period,
      asOf: now.toISOString(),
      office: deps.office,
    };
    for (const recipient of digestRecipients(rows, deps.leaders)) {
      const email = composeDigest(recipient, input);
      if (options.dryRun) {
        outcome.composed.push({ recipient, email });
        continue;
      }
      if (!(await deps.digests.claimDigest(period.key, recipient.key, input.asOf))) {
        outcome.alreadySent.push(recipient.key);
        continue;
      }
      try {
        await deps.mailer.send(email);
      } catch (error) {
        await deps.digests.releaseDigest(period.key, recipient.key);
        throw error;
      }
      outcome.sent.push(recipient.key);
    }
    return outcome;
  };
}
