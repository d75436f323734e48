// How the coordinator CLI shows agreements to people: plain padded columns, one line per item,
// and an agreement's history as a timeline. Pure functions of the API's JSON.

/** Columns padded to their widest cell, two spaces apart; `right` columns align right. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: { right?: readonly number[] } = {},
): string {
  const right = new Set(options.right ?? []);
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** `2019-02-22 10:05` in the given IANA zone (the host region's, for coordinators). */
export function dateTimeIn(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

// ---------------------------------------------------------------------------------------------
// The API's JSON, as far as the CLI reads it (docs/openapi.json has it all).

export interface RegionJson {
  code: string;
  name: string;
  timeZone: string;
  timeZoneLabel: string;
}

export interface AgreementJson {
  id: string;
  title: string;
  stage: string;
  stageEnteredOn: string;
  hostRegion: RegionJson;
  partnerRegion: RegionJson;
  apps: {
    id: string;
    name: string;
    status: string;
    handedOverOn?: string;
    bastNumber?: string;
    droppedReason?: string;
    lastReportedOn?: string;
  }[];
  contacts: { name: string; email: string; role: string; side: string; locale?: string }[];
  milestones: { type: string; occurredAt: string }[];
  /** Milestones recorded per kind; `milestones` holds only the latest of each type. */
  milestoneCounts: Record<string, number>;
  nextReminderDueAt?: string;
  /** The term of the PKS (or KSB) in force (domain/term.ts). */
  term?: { validUntil: string; document: string; status: string; daysLeft: number };
  remindersSent: Record<string, number>;
  needsAttention?: { since: string; error: string; cause: string };
  cancellation?: {
    reason: string;
    cancelledAt: string;
    cancelledBy: string;
    cancelledByEmail?: string;
  };
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HistoryEventJson {
  version: number;
  index: number;
  type: string;
  at: string;
  /** A coordinator's Cognito subject, or `workflow` / `email-feedback`. */
  actor: string;
  /** The coordinator's address: what the timeline shows for them. */
  actorEmail?: string;
  data: Record<string, unknown>;
}

/** "Kab. Kubu Raya": short enough for a column. */
export function regionShort(region: Pick<RegionJson, 'name'>): string {
  return region.name.replace(/^Kabupaten /, 'Kab. ').replace(/^Provinsi /, 'Prov. ');
}

/** The list table: one agreement per line. */
export function agreementsTable(agreements: readonly AgreementJson[], titleWidth = 50): string {
  return table(
    ['ID', 'STAGE', 'SINCE', 'PARTNER', 'NEXT REMINDER', 'TITLE'],
    agreements.map((a) => [
      a.id,
      a.stage,
      a.stageEnteredOn,
      `${a.partnerRegion.code} ${regionShort(a.partnerRegion)}`,
      a.nextReminderDueAt ? dateTimeIn(a.nextReminderDueAt, a.hostRegion.timeZone) : '-',
      truncate(a.title, titleWidth),
    ]),
  );
}

/** The term lists (--expiring, --term): soonest end first, with the days left. */
export function termsTable(agreements: readonly AgreementJson[], titleWidth = 40): string {
  return table(
    ['ID', 'TERM', 'ENDS', 'DAYS LEFT', 'PARTNER', 'STAGE', 'TITLE'],
    agreements.map((a) => [
      a.id,
      a.term ? `${a.term.document} ${a.term.status}` : '-',
      a.term?.validUntil ?? '-',
      a.term ? String(a.term.daysLeft) : '-',
      `${a.partnerRegion.code} ${regionShort(a.partnerRegion)}`,
      a.stage,
      truncate(a.title, titleWidth),
    ]),
  );
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

function milestoneText(milestone: Record<string, unknown>): string {
  const parts = [text(milestone.type)];
  if (milestone.appId !== undefined) parts.push(text(milestone.appId));
  if (milestone.type === 'FOLLOW_UP_REPORTED') {
    parts.push(milestone.live === true ? 'live' : 'not live');
  }
  parts.push(`on ${text(milestone.occurredAt)}`);
  if (milestone.startsOn !== undefined) {
    parts.push(`for ${text(milestone.startsOn)}..${text(milestone.endsOn)}`);
  }
  if (milestone.validUntil !== undefined) parts.push(`valid until ${text(milestone.validUntil)}`);
  if (milestone.bastNumber !== undefined) parts.push(`BAST ${text(milestone.bastNumber)}`);
  if (typeof milestone.participants === 'number') {
    parts.push(`${milestone.participants} participants`);
  }
  if (milestone.reason !== undefined) parts.push(`reason: ${text(milestone.reason)}`);
  const signatories = Array.isArray(milestone.signatories)
    ? (milestone.signatories as Record<string, unknown>[])
    : [];
  const signed = signatories.map((s) => {
    const capacity =
      s.capacity === 'ON_BEHALF'
        ? ` a.n. ${text(s.onBehalfOf)}`
        : s.capacity === 'ACTING'
          ? ' (Plt.)'
          : s.capacity === 'POWER_OF_ATTORNEY'
            ? ` under kuasa ${text(s.powerOfAttorneyNumber)} for ${text(s.onBehalfOf)}`
            : '';
    return `${text(s.name)}${capacity}`;
  });
  if (signed.length > 0) parts.push(`signed by ${signed.join('; ')}`);
  return parts.join(' ');
}

/** One event's details on one line. */
export function eventDetails(event: Pick<HistoryEventJson, 'type' | 'data'>): string {
  const d = event.data;
  switch (event.type) {
    case 'AGREEMENT_CREATED':
      return `partner ${text(d.partnerRegion)}, apps ${Array.isArray(d.apps) ? d.apps.map(text).join(', ') : ''}`;
    case 'MILESTONE_RECORDED':
      return d.milestone !== null && typeof d.milestone === 'object'
        ? milestoneText(d.milestone as Record<string, unknown>)
        : text(d.milestone);
    case 'STAGE_CHANGED':
      return `${text(d.from)} -> ${text(d.to)}${d.on !== undefined ? ` (on ${text(d.on)})` : ''}`;
    case 'AGREEMENT_CANCELLED':
      return `reason: ${text(d.reason)}`;
    case 'WORKFLOW_STARTED':
      return `in stage ${text(d.stage)}`;
    case 'WAITING':
      return `for ${text(d.for)}`;
    case 'NUDGE_SENT':
    case 'NUDGE_REJECTED': {
      const recipients = Array.isArray(d.recipients) ? d.recipients.map(text).join(', ') : '';
      const outcome =
        event.type === 'NUDGE_REJECTED'
          ? ` rejected: ${text(d.error)}`
          : d.unconfirmed === true
            ? ' (delivery unconfirmed)'
            : '';
      return `${text(d.kind)} #${text(d.number)} (${text(d.waitKey)}) to ${recipients}${outcome}`;
    }
    case 'FOLLOW_UP_CLOSED': {
      const notLive = Array.isArray(d.notLive) ? d.notLive.map(text) : [];
      return notLive.length > 0 ? `not live: ${notLive.join(', ')}` : 'every application live';
    }
    case 'NEEDS_ATTENTION':
      return `${text(d.error)}: ${text(d.cause)}`;
    case 'CONTACT_UNDELIVERABLE':
      return `${text(d.email)} ${text(d.kind)}: ${text(d.detail)}`;
    case 'WAIT_DORMANT':
      return `${text(d.waitKey)}: reminders ended unanswered; host coordinators told`;
    case 'NUDGES_RESUMED':
      return `${Array.isArray(d.waitKeys) ? d.waitKeys.map(text).join(', ') : ''} (${text(d.cause)}): a fresh ladder from ${text(d.ladderFrom)}`;
    default:
      return JSON.stringify(d);
  }
}

/**
 * The history as a timeline: time (host region's zone), event, actor, details; one line each.
 * With `maxWidth` (a terminal's), long details are cut to fit it.
 */
export function timeline(
  events: readonly HistoryEventJson[],
  zone: Pick<RegionJson, 'timeZone' | 'timeZoneLabel'>,
  maxWidth?: number,
): string {
  const headers = [`AT (${zone.timeZoneLabel})`, 'EVENT', 'ACTOR', 'DETAILS'];
  const rows = events.map((e) => [
    dateTimeIn(e.at, zone.timeZone),
    e.type,
    e.actorEmail ?? e.actor,
    eventDetails(e).replace(/\s+/g, ' '),
  ]);
  if (maxWidth !== undefined) {
    const before = [0, 1, 2]
      .map((i) => Math.max((headers[i] ?? '').length, ...rows.map((row) => (row[i] ?? '').length)))
      .reduce((sum, width) => sum + width + 2, 0);
    const room = Math.max(20, maxWidth - before);
    for (const row of rows) row[3] = truncate(row[3] ?? '', room);
  }
  return table(headers, rows);
}

/** The agreement itself, as `label: value` lines, then its applications and contacts. */
export function agreementText(a: AgreementJson): string {
  const zone = a.hostRegion.timeZone;
  const sent = Object.entries(a.remindersSent);
  const lines = [
    a.title,
    `  id:             ${a.id}`,
    `  stage:          ${a.stage} since ${a.stageEnteredOn}`,
    `  host:           ${a.hostRegion.code} ${a.hostRegion.name}`,
    `  partner:        ${a.partnerRegion.code} ${a.partnerRegion.name} (${a.partnerRegion.timeZoneLabel})`,
    `  next reminder:  ${a.nextReminderDueAt ? `${dateTimeIn(a.nextReminderDueAt, zone)} ${a.hostRegion.timeZoneLabel}` : '-'}`,
    ...(a.term
      ? [
          `  term:           ${a.term.document} until ${a.term.validUntil}, ${a.term.status} (${String(a.term.daysLeft)} days left)`,
        ]
      : []),
    `  reminders sent: ${sent.length > 0 ? sent.map(([wait, n]) => `${wait} ${n}`).join(', ') : 'none'}`,
    ...(a.cancellation
      ? [
          `  cancelled:      ${dateTimeIn(a.cancellation.cancelledAt, zone)} by ${a.cancellation.cancelledByEmail ?? a.cancellation.cancelledBy}: ${a.cancellation.reason}`,
        ]
      : []),
    ...(a.needsAttention
      ? [
          `  NEEDS ATTENTION since ${dateTimeIn(a.needsAttention.since, zone)}: ${a.needsAttention.error}: ${a.needsAttention.cause}`,
        ]
      : []),
    `  created:        ${dateTimeIn(a.createdAt, zone)}, version ${a.version}`,
    '',
    'Applications',
  ];
  const apps = table(
    ['APP', 'STATUS', 'DETAILS'],
    a.apps.map((app) => [
      app.id,
      app.status,
      [
        app.handedOverOn ? `handed over ${app.handedOverOn}` : '',
        app.bastNumber ? `BAST ${app.bastNumber}` : '',
        app.lastReportedOn ? `reported ${app.lastReportedOn}` : '',
        app.droppedReason ? `dropped: ${app.droppedReason}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]),
  );
  const contacts = table(
    ['ROLE', 'SIDE', 'EMAIL', 'NAME'],
    a.contacts.map((c) => [c.role, c.side, c.email, c.name]),
  );
  return `${lines.join('\n')}\n${indent(apps)}\nContacts\n${indent(contacts)}`;
}

const indent = (block: string) =>
  block
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
