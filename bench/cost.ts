// Issue 8, item 5: what one agreement's lifecycle costs on AWS, counted from a real run, and a
// year of it at 100, 1,000 and 10,000 agreements next to a daily cron that scans them all.
import { PRICE_REGION, PRICES, PRICES_READ_ON } from './cost-prices.ts';
import type { LifecycleMeasurement } from './cost-lifecycle.ts';
import { addTallies, emptyTally, type CapacityTally } from './cost-meter.ts';
import { fixed, kilobytes, ratio, table, type BenchSection } from './report.ts';

/** infra/constructs/sepakat-function.ts: every task function is arm64 with 256 MB. */
const TASK_MEMORY_GB = 256 / 1024;
/** infra/constructs/coordinator-api.ts: the API functions have 512 MB. */
const API_MEMORY_GB = 512 / 1024;
/** Assumed billed time of one invocation: a cold start's initialisation plus the handler. */
const BILLED_SECONDS = 0.3;
/** Lambda gives a function one vCPU at 1,769 MB, a share of one below. */
const FULL_VCPU_MB = 1769;
const SCAN_PAGE_BYTES = 1024 * 1024;
/** Assumed time to fetch one 1 MB page of a Scan. */
const SCAN_PAGE_SECONDS = 0.03;
const FLEET_SIZES = [100, 1000, 10_000];
const DAYS = 365;

interface Line {
  what: string;
  count: number;
  unit: string;
  unitUsd: number;
  usd: number;
}

function line(what: string, count: number, price: { usd: number; unit: string }): Line {
  return { what, count, unit: price.unit, unitUsd: price.usd, usd: count * price.usd };
}

const sum = (lines: readonly Line[]) => lines.reduce((s, l) => s + l.usd, 0);
const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

/** Write units, refused writes included at the mean units of the component's other writes. */
function writeUnits(tally: CapacityTally): number {
  const done = tally.writeRequests - tally.refusedWrites;
  return tally.writeUnits + (done > 0 ? (tally.refusedWrites * tally.writeUnits) / done : 0);
}

function lambdaSeconds(memoryGb: number, seconds: number) {
  return { usd: memoryGb * seconds * PRICES.lambdaArmGbSecond.usd, unit: 'invocation' };
}

export const costSection: BenchSection = {
  id: 'cost',
  title: 'Cost of one lifecycle, and of a year against a daily cron',
  run: async (context) => {
    // The handlers log through Powertools, which reads its level once, when first loaded:
    // silence it before the lifecycle's modules load, or the logs land in the Markdown.
    process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
    const { measureLifecycle } = await import('./cost-lifecycle.ts');
    return report(
      await measureLifecycle((message) => {
        context.progress(message);
      }),
    );
  },
};

function report(m: LifecycleMeasurement) {
  const taskCalls = total(m.taskInvocations);
  // Every Task state here calls Lambda: invocations beyond the Task states entered are retries,
  // which AWS bills as transitions too.
  const retries = Math.max(0, taskCalls - (m.statesEntered.TaskStateEntered ?? 0));
  const transitions = total(m.statesEntered) + retries;
  const apiCalls = total(m.apiCalls);
  const tallies = Object.entries(m.capacity).filter(
    ([, t]) => t.readRequests + t.writeRequests > 0,
  );
  const workflowTallies = tallies.filter(([component]) => component !== 'api');
  const apiTally = m.capacity.api ?? emptyTally();
  const nudgeTally = m.capacity['send-nudge'] ?? emptyTally();
  const all = addTallies(tallies.map(([, t]) => t));
  const allWrites = tallies.reduce((s, [, t]) => s + writeUnits(t), 0);
  const attachmentGb = m.emails.attachmentBytes / 1024 ** 3;

  const transitionLine = line(
    'Step Functions state transitions',
    transitions,
    PRICES.stateTransition,
  );
  const workflow: Line[] = [
    transitionLine,
    line('Lambda requests, task functions', taskCalls, PRICES.lambdaRequest),
    line(
      `Lambda duration, task functions (${TASK_MEMORY_GB * 1024} MB × ${BILLED_SECONDS} s)`,
      taskCalls,
      lambdaSeconds(TASK_MEMORY_GB, BILLED_SECONDS),
    ),
    line(
      'DynamoDB read units, task functions',
      workflowTallies.reduce((s, [, t]) => s + t.readUnits, 0),
      PRICES.dynamoReadUnit,
    ),
    line(
      'DynamoDB write units, task functions',
      workflowTallies.reduce((s, [, t]) => s + writeUnits(t), 0),
      PRICES.dynamoWriteUnit,
    ),
  ];
  const api: Line[] = [
    line('API Gateway REST requests', apiCalls, PRICES.apiGatewayRequest),
    line('Lambda requests, API functions', apiCalls, PRICES.lambdaRequest),
    line(
      `Lambda duration, API functions (${API_MEMORY_GB * 1024} MB × ${BILLED_SECONDS} s)`,
      apiCalls,
      lambdaSeconds(API_MEMORY_GB, BILLED_SECONDS),
    ),
    line('DynamoDB read units, API', apiTally.readUnits, PRICES.dynamoReadUnit),
    line('DynamoDB write units, API', writeUnits(apiTally), PRICES.dynamoWriteUnit),
  ];
  const email: Line[] = [
    line(
      `SES recipients (${m.emails.messages} messages)`,
      m.emails.recipients,
      PRICES.sesRecipient,
    ),
    line('SES attachment data (GB)', attachmentGb, PRICES.sesAttachmentGb),
  ];
  const lifecycleUsd = sum(workflow) + sum(api) + sum(email);

  // The cron does the same API calls and sends the same emails, recording each as send-nudge
  // does; instead of the workflow it scans every agreement once a day.
  const itemBytes = m.itemBytes.reduce((s, b) => s + b, 0) / m.itemBytes.length;
  const cronPerAgreement =
    sum(api) + sum(email) + writeUnits(nudgeTally) * PRICES.dynamoWriteUnit.usd;
  const cronDay = (agreements: number) => {
    const bytes = agreements * itemBytes;
    const fullPages = Math.floor(bytes / SCAN_PAGE_BYTES);
    const rest = bytes - fullPages * SCAN_PAGE_BYTES;
    // Eventually consistent: half a unit per 4 KB, rounded up per page.
    const readUnits = 0.5 * (fullPages * (SCAN_PAGE_BYTES / 4096) + Math.ceil(rest / 4096));
    const pages = fullPages + (rest > 0 ? 1 : 0);
    const seconds =
      BILLED_SECONDS +
      pages * SCAN_PAGE_SECONDS +
      (agreements * m.evaluationMicros * (FULL_VCPU_MB / (TASK_MEMORY_GB * 1024))) / 1e6;
    const usd =
      readUnits * PRICES.dynamoReadUnit.usd +
      PRICES.lambdaRequest.usd +
      TASK_MEMORY_GB * seconds * PRICES.lambdaArmGbSecond.usd;
    return { readUnits, seconds, usd };
  };
  const fleets = FLEET_SIZES.map((agreements) => {
    const day = cronDay(agreements);
    const sepakat = agreements * lifecycleUsd;
    const cron = agreements * cronPerAgreement + DAYS * day.usd;
    return {
      agreements,
      sepakatUsd: sepakat,
      cronUsd: cron,
      cronDailyUsd: DAYS * day.usd,
      scanReadUnitsPerDay: day.readUnits,
      cronRunSeconds: day.seconds,
      cronOverSepakat: cron / sepakat,
    };
  });
  // What Sepakat spends that the cron does not, against what one agreement's daily scan costs.
  const workflowOnlyUsd = sum(workflow) - writeUnits(nudgeTally) * PRICES.dynamoWriteUnit.usd;
  const scanDayPerAgreement = (itemBytes / 4096) * 0.5 * PRICES.dynamoReadUnit.usd;
  const breakEvenYears = workflowOnlyUsd / (DAYS * scanDayPerAgreement);
  const workflowDays = (Date.parse(m.completedAt) - Date.parse(m.origin)) / 86_400_000;
  const kinds = countKinds(m.nudges.map((n) => n.kind));
  const transitionShare = transitionLine.usd / lifecycleUsd;
  const emailShare = sum(email) / lifecycleUsd;

  const entered = listCounts(m.statesEntered).replaceAll('StateEntered', '');
  const retryText =
    retries === 0 ? 'no retries' : `${retries} ${retries === 1 ? 'retry' : 'retries'} of a task`;
  const invoked = listCounts(m.taskInvocations);
  const executionsText =
    m.executions === 1
      ? '1 execution (no renewal: one comes only after 330 days)'
      : `${m.executions} executions (renewals included)`;
  const taskTime = m.taskMeanMs === undefined ? 'an unmeasured time' : `${fixed(m.taskMeanMs)} ms`;

  const markdown = [
    '## Cost: one lifecycle, and a year against a daily cron',
    '',
    `One agreement with ${m.apiCalls['create-agreement'] ?? 0} registration and ` +
      `${m.apiCalls['record-milestone'] ?? 0} milestones through the API (MoU, PKS, two ` +
      'handovers, training scheduled and completed, two follow-up reports), run on the real ' +
      'state machine, task functions, DynamoDB Local and SES stand-in in scaled time ' +
      `(a day in ${m.dayMs} ms; ${fixed(workflowDays, 0)} workflow days in ${fixed(m.realSeconds, 0)} s). ` +
      `Its PKS policy (first reminder after ${m.pksPolicy.firstAfterDays} days, then every ` +
      `${m.pksPolicy.everyDays}, escalation after ${m.pksPolicy.escalateAfter}) is set ` +
      'for the issue\'s "2 reminders and 1 escalation"; every other stage uses the default policy, ' +
      `and people act after each stage's opening message. The agreement got ${m.nudges.length} ` +
      `nudges: ${listCounts(kinds)}. It ran in ${executionsText}.`,
    ...(sameCounts(kinds, m.intendedNudges)
      ? []
      : [
          '',
          `**This run's lifecycle is not the intended one** (${listCounts(m.intendedNudges)}): ` +
            'the machine was probably too busy for the scaled time. The figures ' +
            'below are those of the lifecycle that ran.',
        ]),
    '',
    `Prices: on-demand, ${PRICE_REGION}, read ${PRICES_READ_ON}; Jakarta's were on none of the ` +
      'stored pages. Free tiers are ignored. Figures not read on an AWS page are marked below.',
    '',
    '### One lifecycle',
    '',
    table(
      ['Item', 'Count', 'Unit price (USD)', 'Cost (USD)'],
      [...workflow, ...api, ...email]
        .map((l) => [l.what, count(l.count), `${usd(l.unitUsd)} per ${l.unit}`, usd(l.usd)])
        .concat([['**Total**', '', '', `**${usd(lifecycleUsd)}**`]]),
    ),
    '',
    `State transitions are every state entered (\`*StateEntered\` events of the execution ` +
      "history: Task, Choice, Map, Succeed, the Map iterations' states included), which is " +
      'what AWS bills for a Standard workflow ("each time a step of your workflow is executed", ' +
      `retries included): ${entered}, and ${retryText}. Lambda invocations are the history's ` +
      `Lambda tasks: ${invoked}. Durations are assumed (${BILLED_SECONDS} s billed per ` +
      'invocation, a cold start included); measured here in-process, a task that is not a ' +
      `token wait ran ${taskTime} on average and an API call took ${fixed(m.apiMeanMs)} ms ` +
      'through the local adapter.',
    '',
    'DynamoDB units are what DynamoDB Local reported for each request (`ReturnConsumedCapacity: ' +
      "INDEXES`, asked by a middleware on each function's client). Checked by hand, it rounds " +
      'item sizes up, counts transactions twice, and includes the writes to the three global ' +
      'secondary indexes (twice when an index key moves). ' +
      'A write refused by its condition is billed by AWS but reports no units: it is counted at ' +
      "the mean units of that component's other writes (an estimate).",
    '',
    table(
      [
        'Component',
        'Reads',
        'Read units',
        'Writes',
        'Write units',
        'of which indexes',
        'Transactions',
        'Refused writes',
      ],
      [...tallies, ['**all**', all] as const].map(([component, t]) => [
        component,
        t.readRequests,
        fixed(t.readUnits, 1),
        t.writeRequests,
        fixed(t.writeUnits, 0),
        fixed(t.indexWriteUnits, 0),
        t.transactions,
        t.refusedWrites,
      ]),
    ),
    '',
    `With refused writes estimated, the lifecycle used ${fixed(allWrites, 0)} write units. ` +
      `Emails: what the SES stand-in captured for this agreement, ${m.emails.messages} messages ` +
      `to ${m.emails.recipients} recipients (SES bills recipients; the coordinator is copied), ` +
      `${kilobytes(m.emails.attachmentBytes)} of attachments (the training's calendar file).`,
    '',
    '### A year: Sepakat against a daily cron',
    '',
    'Sepakat: one lifecycle per agreement per year, as measured. Daily cron (what ' +
      'SIKERJA-style systems do): a scheduled Lambda that Scans every agreement item each day ' +
      '(eventually consistent reads of the agreements-only index), evaluates each with the same ' +
      'rules, sends the same emails and records them as send-nudge does; the coordinators make ' +
      'the same API calls. Its table holds all the agreements all year.',
    '',
    table(
      [
        'Agreements',
        'Sepakat (USD/yr)',
        'Daily cron (USD/yr)',
        'Cron ÷ Sepakat',
        "Cron's daily run (USD/yr)",
        'Scan read units/day',
        'Cron run time',
      ],
      fleets.map((f) => [
        count(f.agreements),
        usd(f.sepakatUsd),
        usd(f.cronUsd),
        ratio(f.cronUsd, f.sepakatUsd),
        usd(f.cronDailyUsd),
        count(f.scanReadUnitsPerDay),
        `${fixed(f.cronRunSeconds, 2)} s`,
      ]),
    ),
    '',
    `Baseline assumptions: an agreement item of ${kilobytes(itemBytes)} (the mean of its ` +
      `${m.itemBytes.length} sizes after each API call and at the end, from ` +
      `${kilobytes(m.itemBytes[0] ?? 0)} to ${kilobytes(m.itemBytes.at(-1) ?? 0)}, by DynamoDB's ` +
      `size rules; DynamoDB Local charged ${m.itemWriteUnits} write units to write the last one); ` +
      `a Scan reads 1 MB pages at 0.5 read units per 4 KB; the cron function has ` +
      `${TASK_MEMORY_GB * 1024} MB and runs ${BILLED_SECONDS} s + ${SCAN_PAGE_SECONDS} s per page ` +
      `+ ${fixed(m.evaluationMicros, 0)} µs per agreement (unmarshal and plan, measured here) × ` +
      `${fixed(FULL_VCPU_MB / (TASK_MEMORY_GB * 1024), 1)} for its share of a vCPU; its schedule ` +
      'costs nothing; storage, logs, tracing and data transfer are left out of both designs.',
    '',
    '### What it shows',
    '',
    `- ${cheaper(fleets)} A scan of a ${kilobytes(itemBytes)} item costs ` +
      `${usd(scanDayPerAgreement)} a day, so Sepakat's workflow (${usd(workflowOnlyUsd)} a ` +
      'lifecycle: transitions, task Lambdas and their DynamoDB units) costs as much as ' +
      `${fixed(breakEvenYears, 0)} years of daily scans of one agreement. State transitions are ` +
      `${fixed(transitionShare * 100, 0)}% of a lifecycle's cost, emails ${fixed(emailShare * 100, 0)}%.`,
    `- How each grows: Sepakat's cost is a sum over events (a sleeping wait costs nothing; ` +
      `each nudge, milestone and stage costs transitions), ${usd(lifecycleUsd)} per agreement ` +
      "whatever the size of the table. The cron's daily run grows with agreements × days, " +
      `stalled and finished agreements alike: ${usd(fleets[0]?.cronDailyUsd ?? 0)} a year at ` +
      `${count(FLEET_SIZES[0] ?? 0)} agreements, ${usd(fleets.at(-1)?.cronDailyUsd ?? 0)} at ` +
      `${count(FLEET_SIZES.at(-1) ?? 0)}, and it would grow further with larger items or more ` +
      'runs a day.',
    `- ${fixed((all.indexWriteUnits / all.writeUnits) * 100, 0)}% of the write units are ` +
      'writes to the three global secondary indexes, which project every attribute of the ' +
      'agreement item: the largest DynamoDB cost, in both designs.',
    `- Both stay under ${usd(Math.max(...fleets.map((f) => Math.max(f.sepakatUsd, f.cronUsd))))} ` +
      `a year at ${count(FLEET_SIZES.at(-1) ?? 0)} agreements: the choice between them rests ` +
      'on what they do (a reminder when it is due, in office hours, against once a day), not ' +
      'on the bill.',
    '',
    '### Prices used',
    '',
    table(
      ['Price of', 'USD', 'Source', 'Read on an AWS page'],
      Object.values(PRICES).map((p) => [
        p.unit,
        usd(p.usd),
        `${p.source} — ${p.note}`,
        p.onAwsPage ? 'yes' : '**no: not verified on an AWS page**',
      ]),
    ),
  ].join('\n');

  return {
    markdown,
    data: {
      region: PRICE_REGION,
      pricesReadOn: PRICES_READ_ON,
      assumptions: {
        taskMemoryGb: TASK_MEMORY_GB,
        apiMemoryGb: API_MEMORY_GB,
        billedSecondsPerInvocation: BILLED_SECONDS,
        scanPageSeconds: SCAN_PAGE_SECONDS,
        agreementItemBytes: itemBytes,
      },
      measured: m,
      lifecycle: {
        usd: lifecycleUsd,
        lines: [...workflow, ...api, ...email],
        stateTransitions: transitions,
        taskInvocations: taskCalls,
        apiCalls,
        readUnits: all.readUnits,
        writeUnits: allWrites,
      },
      year: fleets,
      breakEvenYears,
    },
  };
}

/** Which design is cheaper, and the cron's cost as a share of Sepakat's at each fleet size. */
function cheaper(fleets: readonly { agreements: number; cronOverSepakat: number }[]): string {
  const verdict = fleets.every((f) => f.cronOverSepakat < 1)
    ? 'At every size here the daily cron is the cheaper design'
    : fleets.every((f) => f.cronOverSepakat > 1)
      ? 'At every size here Sepakat is the cheaper design'
      : 'Which design is cheaper depends on the size';
  const list = (items: string[]) =>
    items.length > 1
      ? `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`
      : items.join('');
  const shares = list(fleets.map((f) => fixed(f.cronOverSepakat, 2)));
  const sizes = list(fleets.map((f) => count(f.agreements)));
  return `${verdict}: the cron costs ${shares} times Sepakat's at ${sizes} agreements.`;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** `3 A, 1 B`: counts as the text lists them. */
function listCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
}

function countKinds(kinds: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Counts as people read them: thousands separated, fractions only where there are any. */
function count(n: number): string {
  return Number.isInteger(n) || n >= 1000
    ? Math.round(n).toLocaleString('en-US')
    : n.toPrecision(3);
}

/** Dollars with three significant digits, however small. */
function usd(value: number): string {
  if (value === 0) return '$0';
  if (value >= 100) return `$${value.toFixed(0)}`;
  const decimals = Math.max(2, 2 - Math.floor(Math.log10(Math.abs(value))));
  return `$${value.toFixed(decimals)}`;
}
