// The monthly digest: on the first working day of a month, each host coordinator and each
// configured leader gets one formal letter on the whole programme, each partner coordinator
// one on their own region: what moved last month, what stalls longest (days, last nudge),
// expiring terms (when the agreements have terms), what needs attention, and the cycle times.
import Mustache from 'mustache';
import digestTemplate from '../../templates/monthly-digest.id.json' with { type: 'json' };
import layout from '../../templates/layout.id.json' with { type: 'json' };
import { isTerminal, type Agreement, type Stage } from '../agreement.ts';
import { addDays } from '../dates.ts';
import { formatDate, PHRASES, PLAIN } from '../messages/language.ts';
import { clean, subjectLine } from '../messages/safety.ts';
import { isWorkingDay } from '../office-hours.ts';
import type { OutgoingEmail } from '../ports.ts';
import { termOf } from '../term.ts';
import { cycleTimes } from './cycle-times.ts';
import { daysUntil, type ReportRow } from './stage-times.ts';

/** The month a digest reports on (the previous one) and the month it is sent in (its key). */
export interface DigestPeriod {
  /** YYYY-MM of sending: a recipient gets one digest per key. */
  key: string;
  from: string;
  to: string;
}

export function digestPeriod(today: string): DigestPeriod {
  const first = `${today.slice(0, 7)}-01`;
  const to = addDays(first, -1);
  return { key: today.slice(0, 7), from: `${to.slice(0, 7)}-01`, to };
}

/** Whether `today` is the month's first working day (weekends and national holidays skipped). */
export function isFirstWorkingDayOfMonth(today: string): boolean {
  for (let day = `${today.slice(0, 7)}-01`; day < today; day = addDays(day, 1)) {
    if (isWorkingDay(day)) return false;
  }
  return isWorkingDay(today);
}

export interface DigestRecipient {
  /** What "once per month" counts: the address, and for a partner coordinator their region. */
  key: string;
  email: string;
  name: string;
  /** A partner coordinator's region: their digest covers it alone. */
  region?: { code: string; name: string };
}

/** Host coordinators (from the agreements' contacts) and leaders see all; partners their region. */
export function digestRecipients(
  rows: readonly ReportRow[],
  leaders: readonly { email: string; name: string }[],
): DigestRecipient[] {
  const recipients = new Map<string, DigestRecipient>();
  const add = (recipient: DigestRecipient) => {
    if (!recipients.has(recipient.key)) recipients.set(recipient.key, recipient);
  };
  for (const leader of leaders) add({ key: leader.email.toLowerCase(), ...leader });
  for (const row of rows) {
    for (const c of row.coordinators) {
      const email = c.email.toLowerCase();
      if (c.side === 'HOST') add({ key: email, email: c.email, name: c.name });
      else {
        add({
          key: `${email}#${row.partner.code}`,
          email: c.email,
          name: c.name,
          region: row.partner,
        });
      }
    }
  }
  return [...recipients.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** The digest names the terms in force that end within this many days, soonest first. */
export const EXPIRING_TERM_DAYS = 90;

/** An agreement's term in force that ends soon (domain/term.ts). */
export interface ExpiringTerm {
  id: string;
  partner: string;
  /** The term's last day. */
  endsOn: string;
  /** Days from the partner's today to that day. */
  daysLeft: number;
}

/** The agreement's term, when it is in force and ends within EXPIRING_TERM_DAYS of `now`. */
export function expiringTermOf(agreement: Agreement, now: Date): ExpiringTerm | undefined {
  const term = termOf(agreement, now);
  if (!term || term.status === 'EXPIRED' || term.status === 'TERMINATED') return undefined;
  if (term.daysLeft > EXPIRING_TERM_DAYS) return undefined;
  return {
    id: agreement.id,
    partner: agreement.partnerRegion.name,
    endsOn: term.validUntil,
    daysLeft: term.daysLeft,
  };
}

export interface DigestInput {
  rows: readonly ReportRow[];
  /** Since when each agreement that needs attention does. */
  attention: ReadonlyMap<string, string>;
  expiringTerms: readonly ExpiringTerm[];
  period: DigestPeriod;
  /** The instant of sending. */
  asOf: string;
  /** The office that signs (e.g. the host's Diskominfo). */
  office: string;
}

/** How many agreements each list of the digest names at most. */
export const DIGEST_LIST_LIMIT = 10;

const STAGES_ID = PHRASES.id.stages;
const date = (iso: string) => formatDate(iso.slice(0, 10), 'id');

/** The rows a recipient may see: a partner coordinator's region, or everything. */
export function rowsFor(recipient: DigestRecipient, rows: readonly ReportRow[]): ReportRow[] {
  const region = recipient.region;
  return region ? rows.filter((r) => r.partner.code === region.code) : [...rows];
}

export function digestView(recipient: DigestRecipient, input: DigestInput) {
  const rows = rowsFor(recipient, input.rows);
  const { period } = input;
  const moved = rows.flatMap((row) =>
    (Object.entries(row.stageTimes) as [Stage, { enteredOn?: string }][])
      .filter(
        ([stage, span]) =>
          stage !== 'MOU' &&
          span.enteredOn !== undefined &&
          span.enteredOn >= period.from &&
          span.enteredOn <= period.to,
      )
      .map(([stage, span]) => ({
        partner: row.partner.name,
        id: row.id,
        stage: STAGES_ID[stage],
        on: date(span.enteredOn ?? ''),
      })),
  );
  const stalled = rows
    .filter((row) => !isTerminal(row.stage))
    .map((row) => ({
      row,
      days: Math.max(0, daysUntil(row.stageTimes[row.stage]?.enteredOn ?? input.asOf, input.asOf)),
    }))
    .sort((a, b) => b.days - a.days)
    .slice(0, DIGEST_LIST_LIMIT)
    .map(({ row, days }) => ({
      partner: row.partner.name,
      id: row.id,
      stage: STAGES_ID[row.stage],
      days,
      lastNudge: row.lastNudgeAt ? date(row.lastNudgeAt) : 'belum ada',
    }));
  const attention = rows
    .filter((row) => input.attention.has(row.id))
    .map((row) => ({
      partner: row.partner.name,
      id: row.id,
      since: date(input.attention.get(row.id) ?? ''),
    }));
  const visible = new Set(rows.map((r) => r.id));
  const expiring = input.expiringTerms
    .filter((t) => visible.has(t.id))
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.id.localeCompare(b.id))
    .map((t) => ({ ...t, endsOn: date(t.endsOn) }));
  const report = cycleTimes(rows, input.asOf);
  const dash = (n: number | null) => (n === null ? '-' : String(n));
  return {
    lang: 'id',
    salutation: recipient.name,
    scope: recipient.region ? recipient.region.name : 'seluruh kerja sama',
    month: formatDate(period.from, 'id').replace(/^\d+ /, ''),
    office: input.office,
    agreements: rows.length,
    moved,
    stalled,
    attention,
    expiring,
    expiringWithinDays: EXPIRING_TERM_DAYS,
    cycleTimes: report.overall.stages.map((s) => ({
      stage: STAGES_ID[s.stage],
      left: s.completed.count,
      median: dash(s.completed.medianDays),
      p90: dash(s.completed.p90Days),
      still: s.ongoing.count,
      oldest: dash(s.ongoing.oldestDays),
    })),
    live: report.overall.live.agreements,
  };
}

interface Template {
  subject: string;
  text: string[];
  html: string[];
}

const PARTIALS = Object.fromEntries(
  Object.entries(layout).map(([name, lines]) => [name, lines.join('\n')]),
);

/** The digest as one email to one recipient. */
export function composeDigest(recipient: DigestRecipient, input: DigestInput): OutgoingEmail {
  const view = clean(digestView(recipient, input));
  const template: Template = digestTemplate;
  const subject = subjectLine(Mustache.render(template.subject, view, PARTIALS, PLAIN));
  const full = { ...view, subject };
  return {
    to: [recipient.email],
    cc: [],
    subject,
    text: `${Mustache.render(template.text.join('\n'), full, PARTIALS, PLAIN).trimEnd()}\n`,
    html: Mustache.render(template.html.join('\n'), full, PARTIALS),
  };
}
