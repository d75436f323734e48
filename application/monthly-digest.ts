// The monthly digest: on the first working day of the month (in WIB, the host's zone), one
// formal email per recipient and month (domain/reports/digest.ts). A dry run composes every
// digest and sends none, whatever the day.
import { isTerminal } from '../domain/agreement.ts';
import { dateInZone } from '../domain/dates.ts';
import type {
  AgreementStore,
  DigestLedger,
  Mailer,
  OutgoingEmail,
  ReportStore,
} from '../domain/ports.ts';
import {
  composeDigest,
  digestPeriod,
  digestRecipients,
  EXPIRING_TERM_DAYS,
  expiringTermOf,
  isFirstWorkingDayOfMonth,
  type DigestRecipient,
  type ExpiringTerm,
} from '../domain/reports/digest.ts';

export interface MonthlyDigestDeps {
  reports: ReportStore;
  /** The terms ending soon, read from the list's term index (soonest end first). */
  agreements: Pick<AgreementStore, 'list'>;
  digests: DigestLedger;
  mailer: Mailer;
  now: () => Date;
  /** Leaders who receive the whole programme's digest (configured per environment). */
  leaders: readonly { email: string; name: string }[];
  /** The office that signs. */
  office: string;
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
      expiringTerms: await expiringTerms(deps.agreements, now),
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

/** Every term in force ending within EXPIRING_TERM_DAYS, all pages of the term index's range. */
async function expiringTerms(
  agreements: Pick<AgreementStore, 'list'>,
  now: Date,
): Promise<ExpiringTerm[]> {
  const terms: ExpiringTerm[] = [];
  let cursor: string | undefined;
  do {
    const page = await agreements.list({
      expiringWithinDays: EXPIRING_TERM_DAYS,
      asOf: now,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    terms.push(...page.items.flatMap((agreement) => expiringTermOf(agreement, now) ?? []));
    cursor = page.nextCursor;
  } while (cursor);
  return terms;
}
