// `npx sepakat <command>`: the coordinator's command line over the HTTP API. Register an
// agreement, list and show agreements (with their history as a timeline), record milestones,
// cancel; `import` and `token` are the bulk import and development token commands.
// Tables for people by default, the API's JSON with --json; the API's refusals are shown as
// their problem details (exit code 1), mistakes in the command line exit with 2.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { CONTENT_TYPES } from '../domain/reports/export-table.ts';
import { MILESTONE_TYPES, STAGES, TERM_STATUSES } from '../domain/schemas.ts';
import { listsByTerm } from '../domain/term.ts';
import packageJson from '../package.json' with { type: 'json' };
import {
  ApiClient,
  ApiProblem,
  ApiUnreachable,
  apiUrlOf,
  localKeyFile,
  problemLines,
  resolveToken,
} from './api-client.ts';
import {
  agreementsTable,
  termsTable,
  agreementText,
  timeline,
  type AgreementJson,
  type HistoryEventJson,
} from './format.ts';
import {
  attachFile,
  attachOptionsOf,
  DOCUMENT_USAGE,
  documentsTable,
  parseDocumentArgs,
  type AttachOptions,
  type DocumentJson,
} from './documents.ts';
import { runImport } from './import.ts';
import {
  EXIT,
  processIo,
  suggestion,
  UsageError,
  usageErrorOf,
  userPath,
  type CliIo,
} from './shared.ts';
import { checkedRegionCode, runToken } from './token.ts';

const COMMON_OPTIONS = `Options of every command but import and token:
  --api <url>      API base URL (default: $SEPAKAT_API_URL or http://127.0.0.1:3000)
  --token <jwt>    bearer token (default: $SEPAKAT_TOKEN; on a loopback API, a host development
                   token signed with .sepakat/dev-signing-key.json, which local mode creates)
  --json           print the API's JSON instead of tables (problems too, on stdout)
  -h, --help       help`;

export const COMMAND_USAGE = {
  create: `sepakat create <agreement.json> [--key <idempotency-key>]
sepakat create --title <text> --partner <code> --app <id>... --contact <ROLE:SIDE:email:name>...
               [--host <code>] [--mou-signed <date> [--pks-signed <date>]] [--key <key>]
  Registers an agreement (POST /agreements) and starts its workflow. The file holds one
  POST /agreements body (docs/openapi.json); several agreements: use import. --contact may
  be repeated: ROLE is COORDINATOR, OFFICIAL or ESCALATION, SIDE HOST or PARTNER, e.g.
  --contact "OFFICIAL:PARTNER:kadis@kuburaya.example.go.id:Kepala Diskominfo Kubu Raya".
  --mou-signed/--pks-signed register milestones already reached, with their real dates.`,
  list: `sepakat list [--stage <stage>] [--region <code>] [--expiring <days>] [--term <status>]
             [--limit <n> | --all]
  Agreements, newest first. --stage: ${STAGES.join(', ')}.
  --region: the partner's Kemendagri code. --limit: how many (default 20); --all: every one.
  --expiring: those whose PKS (or KSB) ends within so many days, still in force; --term: those
  whose term is ${TERM_STATUSES.join(', ')}. With either, soonest end first, with the terms.`,
  show: `sepakat show <id>
  One agreement (stage, applications, contacts, next reminder) and its whole history as a
  timeline: time, event, actor, details.`,
  record: `sepakat record <id> <TYPE> --on <YYYY-MM-DD> [options]
  Records a milestone (POST /agreements/{id}/milestones) that happened on --on. TYPE is one of
  ${MILESTONE_TYPES.slice(0, 4).join(', ')},
  ${MILESTONE_TYPES.slice(4).join(', ')}.
    --app <id>           APP_HANDED_OVER, APP_DROPPED, FOLLOW_UP_REPORTED: the application
    --live <true|false>  FOLLOW_UP_REPORTED: whether the application is live at the partner
    --starts <date> --ends <date>   TRAINING_SCHEDULED: the training's first and last day
    --location <text>    TRAINING_SCHEDULED
    --reason <text>      APP_DROPPED
    --valid-until <date> PKS_SIGNED: the end of the PKS term (at most 5 years); MOU_SIGNED:
                         the KSB's; TERM_AMENDED (adendum), TERM_RENEWED (new PKS): the new end
    --reason <text>      AGREEMENT_TERMINATED: why the parties ended it early
    --bast <number>      APP_HANDED_OVER: the handover certificate's number
    --participants <n>   TRAINING_COMPLETED
    --notes <text>       any milestone
    --key <key>          Idempotency-Key: the same key again replays instead of recording twice`,
  cancel: `sepakat cancel <id> --reason <text> [--key <idempotency-key>]
  Cancels the agreement; later milestones are refused.`,
  export: `sepakat export [--format csv|xlsx] [--stage <stage>] [--region <code>]
               [--province <code>] [--sheets apps] > agreements.xlsx
  The agreement list as a file on stdout (GET /agreements/export), with the list's filters:
  CSV (default) or XLSX, one row per agreement, Indonesian column headers; --sheets apps adds
  a sheet per application to an XLSX file.`,
  import: `sepakat import <file.csv|file.json> [options]
  Registers many agreements at once: see sepakat import --help.`,
  token: `sepakat token --role <host|partner|none> [--region <code>]
  Prints a development token for the local API: see sepakat token --help.`,
  ...DOCUMENT_USAGE,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;
const COMMANDS = Object.keys(COMMAND_USAGE) as CommandName[];

export const SEPAKAT_USAGE = `Usage: sepakat <command> [arguments] [options]

Smart-city cooperation agreements through the Sepakat API, for coordinators.

Commands:
${COMMANDS.map((name) => COMMAND_USAGE[name].replace(/^/gm, '  ')).join('\n\n')}

${COMMON_OPTIONS}
  sepakat --version prints the version.

Dates are YYYY-MM-DD. Exit code: 0 done, 1 the API refused (its problem details are shown),
2 usage error, no token or unreachable API (nothing was done).
`;

export interface Connection {
  apiUrl: string;
  /** Given with --token or $SEPAKAT_TOKEN; else resolved when the command runs. */
  token?: string;
  json: boolean;
}

export type SepakatCommand =
  | { command: 'help'; topic?: CommandName }
  | {
      command: 'create';
      connection: Connection;
      /** A file holding the body, or the body built from flags. */
      source: { file: string } | { body: Record<string, unknown> };
      idempotencyKey?: string;
    }
  | {
      command: 'list';
      connection: Connection;
      stage?: string;
      region?: string;
      /** How many agreements at most; undefined with --all. */
      limit?: number;
      expiringWithinDays?: number;
      termStatus?: string;
    }
  | { command: 'show'; connection: Connection; id: string }
  | {
      command: 'export';
      connection: Connection;
      format: 'csv' | 'xlsx';
      /** The list's filters and the sheets, as query parameters. */
      query: Record<string, string | undefined>;
    }
  | {
      command: 'record';
      connection: Connection;
      id: string;
      milestone: Record<string, unknown>;
      idempotencyKey?: string;
    }
  | {
      command: 'cancel';
      connection: Connection;
      id: string;
      reason: string;
      idempotencyKey?: string;
    }
  | { command: 'attach'; connection: Connection; id: string; file: string; options: AttachOptions }
  | { command: 'documents'; connection: Connection; id: string }
  | { command: 'import' | 'token'; argv: string[] }
  | { command: 'version' };

const CONNECTION_OPTIONS = {
  api: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

const COMMAND_OPTIONS = {
  create: {
    title: { type: 'string' },
    partner: { type: 'string' },
    host: { type: 'string' },
    app: { type: 'string', multiple: true },
    contact: { type: 'string', multiple: true },
    'mou-signed': { type: 'string' },
    'pks-signed': { type: 'string' },
    key: { type: 'string' },
  },
  list: {
    stage: { type: 'string' },
    region: { type: 'string' },
    limit: { type: 'string' },
    all: { type: 'boolean', default: false },
    expiring: { type: 'string' },
    term: { type: 'string' },
  },
  show: {},
  export: {
    format: { type: 'string', default: 'csv' },
    stage: { type: 'string' },
    region: { type: 'string' },
    province: { type: 'string' },
    sheets: { type: 'string' },
  },
  record: {
    on: { type: 'string' },
    app: { type: 'string' },
    live: { type: 'string' },
    starts: { type: 'string' },
    ends: { type: 'string' },
    location: { type: 'string' },
    reason: { type: 'string' },
    'valid-until': { type: 'string' },
    bast: { type: 'string' },
    participants: { type: 'string' },
    notes: { type: 'string' },
    key: { type: 'string' },
  },
  cancel: { reason: { type: 'string' }, key: { type: 'string' } },
} as const satisfies Record<string, ParseArgsOptionsConfig>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkedDate(value: string, option: string): string {
  if (!DATE.test(value)) {
    throw new UsageError(`${option} must be a date YYYY-MM-DD, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function positionals(values: string[], names: readonly string[], command: CommandName): string[] {
  if (values.length < names.length) {
    throw new UsageError(`${command} needs ${names.slice(values.length).join(' and ')}.`);
  }
  if (values.length > names.length) {
    throw new UsageError(
      `${command} takes ${names.length === 0 ? 'no arguments' : names.join(' and ')}; unexpected ${JSON.stringify(values[names.length])}.`,
    );
  }
  return values;
}

/** `PKS_SIGNED`, `pks-signed`, `pks_signed`: the milestone type, or a usage error. */
export function milestoneTypeOf(value: string): (typeof MILESTONE_TYPES)[number] {
  const type = value.trim().toUpperCase().replaceAll('-', '_');
  const known = MILESTONE_TYPES.find((t) => t === type);
  if (!known) {
    throw new UsageError(
      `Unknown milestone type ${JSON.stringify(value)}: one of ${MILESTONE_TYPES.join(', ')}.`,
    );
  }
  return known;
}

const CONTACT_ROLES = ['COORDINATOR', 'OFFICIAL', 'ESCALATION'];
const SIDES = ['HOST', 'PARTNER'];

/** `ROLE:SIDE:email:name` (the name may hold colons) as a contact of POST /agreements. */
export function contactOf(value: string): Record<string, string> {
  const [role = '', side = '', email = '', ...rest] = value.split(':');
  const name = rest.join(':').trim();
  if (!CONTACT_ROLES.includes(role.trim().toUpperCase())) {
    throw new UsageError(
      `--contact ${JSON.stringify(value)}: begin with the role, ${CONTACT_ROLES.join(', ')} (ROLE:SIDE:email:name).`,
    );
  }
  if (!SIDES.includes(side.trim().toUpperCase())) {
    throw new UsageError(
      `--contact ${JSON.stringify(value)}: the side comes second, HOST or PARTNER (ROLE:SIDE:email:name).`,
    );
  }
  if (!email.trim() || !name) {
    throw new UsageError(
      `--contact ${JSON.stringify(value)}: give an email and a name (ROLE:SIDE:email:name).`,
    );
  }
  return {
    name,
    email: email.trim(),
    role: role.trim().toUpperCase(),
    side: side.trim().toUpperCase(),
  };
}

type RecordValues = Partial<Record<keyof (typeof COMMAND_OPTIONS)['record'], string>>;

/** Which record options each milestone type takes, and which of them it needs. */
const MILESTONE_OPTIONS: Record<
  (typeof MILESTONE_TYPES)[number],
  { takes: (keyof RecordValues)[]; needs: (keyof RecordValues)[] }
> = {
  MOU_SIGNED: { takes: ['valid-until'], needs: [] },
  PKS_SIGNED: { takes: ['valid-until'], needs: [] },
  APP_HANDED_OVER: { takes: ['app', 'bast'], needs: ['app'] },
  APP_DROPPED: { takes: ['app', 'reason'], needs: ['app', 'reason'] },
  TRAINING_SCHEDULED: {
    takes: ['starts', 'ends', 'location'],
    needs: ['starts', 'ends'],
  },
  TRAINING_COMPLETED: { takes: ['participants'], needs: [] },
  FOLLOW_UP_REPORTED: { takes: ['app', 'live'], needs: ['app', 'live'] },
  TERM_AMENDED: { takes: ['valid-until'], needs: ['valid-until'] },
  TERM_RENEWED: { takes: ['valid-until'], needs: ['valid-until'] },
  AGREEMENT_TERMINATED: { takes: ['reason'], needs: ['reason'] },
};

/** A POST /agreements/{id}/milestones body from the record command's options. */
export function milestoneOf(typeArgument: string, values: RecordValues): Record<string, unknown> {
  const type = milestoneTypeOf(typeArgument);
  const { takes, needs } = MILESTONE_OPTIONS[type];
  const general = new Set<string>(['on', 'notes', 'key']);
  for (const [option, value] of Object.entries(values) as [keyof RecordValues, unknown][]) {
    if (value !== undefined && !general.has(option) && !takes.includes(option)) {
      throw new UsageError(`--${option} does not apply to ${type}.`);
    }
  }
  if (values.on === undefined) {
    throw new UsageError(`--on is required: the date ${type} happened (YYYY-MM-DD).`);
  }
  for (const option of needs) {
    if (values[option] === undefined) throw new UsageError(`${type} needs --${option}.`);
  }
  const milestone: Record<string, unknown> = { type, occurredAt: checkedDate(values.on, '--on') };
  if (values.app !== undefined) milestone.appId = values.app;
  if (values.live !== undefined) {
    if (values.live !== 'true' && values.live !== 'false') {
      throw new UsageError(`--live must be true or false, not ${JSON.stringify(values.live)}.`);
    }
    milestone.live = values.live === 'true';
  }
  if (values.starts !== undefined) milestone.startsOn = checkedDate(values.starts, '--starts');
  if (values.ends !== undefined) milestone.endsOn = checkedDate(values.ends, '--ends');
  if (values.location !== undefined) milestone.location = values.location;
  if (values.reason !== undefined) milestone.reason = values.reason;
  if (values['valid-until'] !== undefined) {
    milestone.validUntil = checkedDate(values['valid-until'], '--valid-until');
  }
  if (values.bast !== undefined) milestone.bastNumber = values.bast;
  if (values.participants !== undefined) {
    const participants = Number(values.participants);
    if (!Number.isInteger(participants) || participants < 1) {
      throw new UsageError(`--participants must be a whole number of at least 1.`);
    }
    milestone.participants = participants;
  }
  if (values.notes !== undefined) milestone.notes = values.notes;
  return milestone;
}

type CreateValues = {
  title?: string;
  partner?: string;
  host?: string;
  app?: string[];
  contact?: string[];
  'mou-signed'?: string;
  'pks-signed'?: string;
};

/** A POST /agreements body from the create command's flags. */
export function agreementOf(values: CreateValues): Record<string, unknown> {
  const missing = [
    values.title === undefined ? '--title' : '',
    values.partner === undefined ? '--partner' : '',
    (values.app ?? []).length === 0 ? '--app' : '',
    (values.contact ?? []).length === 0 ? '--contact' : '',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(`create needs a file, or ${missing.join(', ')}.`);
  }
  if (values['pks-signed'] !== undefined && values['mou-signed'] === undefined) {
    throw new UsageError('--pks-signed needs --mou-signed: a PKS follows a kesepakatan bersama.');
  }
  const milestones = [
    ...(values['mou-signed'] !== undefined
      ? [{ type: 'MOU_SIGNED', occurredAt: checkedDate(values['mou-signed'], '--mou-signed') }]
      : []),
    ...(values['pks-signed'] !== undefined
      ? [{ type: 'PKS_SIGNED', occurredAt: checkedDate(values['pks-signed'], '--pks-signed') }]
      : []),
  ];
  return {
    title: values.title,
    partnerRegion: { code: values.partner },
    ...(values.host !== undefined ? { hostRegion: { code: values.host } } : {}),
    apps: (values.app ?? []).map((id) => ({ id })),
    contacts: (values.contact ?? []).map(contactOf),
    ...(milestones.length > 0 ? { milestones } : {}),
  };
}

const VERSION = packageJson.version;

function unknownCommand(typed: string): UsageError {
  return new UsageError(`Unknown command ${JSON.stringify(typed)}.${suggestion(typed, COMMANDS)}`);
}

/** --api, --token and --json, with their environment defaults. */
function connectionOf(
  values: Record<string, unknown>,
  env: Record<string, string | undefined>,
): Connection {
  const token = (values.token as string | undefined) ?? env.SEPAKAT_TOKEN;
  return {
    apiUrl: apiUrlOf(values.api as string | undefined, env),
    json: values.json === true,
    ...(token ? { token } : {}),
  };
}

/** The command line as a command; throws UsageError. Reads nothing. */
export function parseSepakatArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): SepakatCommand {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError(`Name a command: ${COMMANDS.join(', ')}.`);
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help' };
    if (!(COMMANDS as string[]).includes(topic)) throw unknownCommand(topic);
    return { command: 'help', topic: topic as CommandName };
  }
  if (first === '--version' || first === '-v') return { command: 'version' };
  if (first === 'import' || first === 'token') return { command: first, argv: rest };
  if (first === 'attach' || first === 'documents') return documentCommandOf(first, rest, env);
  if (!Object.hasOwn(COMMAND_OPTIONS, first)) {
    throw new UsageError(
      first.startsWith('-')
        ? `Name the command first, then ${first}: sepakat <command> [options].`
        : unknownCommand(first).message,
    );
  }
  const command = first as keyof typeof COMMAND_OPTIONS;
  const options = { ...CONNECTION_OPTIONS, ...COMMAND_OPTIONS[command] };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options });
  } catch (error) {
    throw usageErrorOf(error, options);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (values.help === true) return { command: 'help', topic: command };
  const connection = connectionOf(values, env);
  const key = values.key as string | undefined;
  const idempotency = key !== undefined ? { idempotencyKey: key } : {};
  switch (command) {
    case 'create': {
      if (parsed.positionals.length > 1) {
        throw new UsageError(`create takes one file, not ${parsed.positionals.length}.`);
      }
      const file = parsed.positionals[0];
      const flags = values as CreateValues;
      if (file !== undefined) {
        const given = Object.keys(COMMAND_OPTIONS.create).filter(
          (name) => name !== 'key' && flags[name as keyof CreateValues] !== undefined,
        );
        if (given.length > 0) {
          throw new UsageError(
            `Either a file or flags: --${given.join(', --')} cannot go with ${file}.`,
          );
        }
        return { command, connection, source: { file }, ...idempotency };
      }
      return { command, connection, source: { body: agreementOf(flags) }, ...idempotency };
    }
    case 'list': {
      positionals(parsed.positionals, [], command);
      const stageValue = values.stage as string | undefined;
      const stage = stageValue?.toUpperCase().replaceAll('-', '_');
      if (stageValue !== undefined && !(STAGES as readonly string[]).includes(stage ?? '')) {
        throw new UsageError(
          `--stage must be one of ${STAGES.join(', ')}, not ${JSON.stringify(stageValue)}.`,
        );
      }
      const region = values.region as string | undefined;
      const limitValue = values.limit as string | undefined;
      if (values.all === true && limitValue !== undefined) {
        throw new UsageError('Either --limit or --all.');
      }
      const limit = limitValue === undefined ? 20 : Number(limitValue);
      if (!Number.isInteger(limit) || limit < 1) {
        throw new UsageError(`--limit must be a whole number of at least 1.`);
      }
      const expiring = values.expiring as string | undefined;
      const expiringWithinDays = expiring === undefined ? undefined : Number(expiring);
      if (
        expiringWithinDays !== undefined &&
        !(Number.isInteger(expiringWithinDays) && expiringWithinDays >= 0)
      ) {
        throw new UsageError(`--expiring must be a whole number of days (0 or more).`);
      }
      const termValue = values.term as string | undefined;
      const termStatus = termValue?.toUpperCase().replaceAll('-', '_');
      if (
        termValue !== undefined &&
        !(TERM_STATUSES as readonly string[]).includes(termStatus ?? '')
      ) {
        throw new UsageError(
          `--term must be one of ${TERM_STATUSES.join(', ')}, not ${JSON.stringify(termValue)}.`,
        );
      }
      return {
        command,
        connection,
        ...(expiringWithinDays !== undefined ? { expiringWithinDays } : {}),
        ...(termStatus !== undefined ? { termStatus } : {}),
        ...(stage !== undefined ? { stage } : {}),
        ...(region !== undefined ? { region: checkedRegionCode(region) } : {}),
        ...(values.all === true ? {} : { limit }),
      };
    }
    case 'show': {
      const [id = ''] = positionals(parsed.positionals, ['<id>'], command);
      return { command, connection, id };
    }
    case 'export': {
      positionals(parsed.positionals, [], command);
      const format = values.format;
      if (format !== 'csv' && format !== 'xlsx') {
        throw new UsageError(`--format must be csv or xlsx, not ${JSON.stringify(format)}.`);
      }
      // The API checks the filters and names a wrong one.
      const option = (name: string) => values[name] as string | undefined;
      return {
        command,
        connection,
        format,
        query: {
          format,
          stage: option('stage')?.toUpperCase().replaceAll('-', '_'),
          partnerRegion: option('region'),
          province: option('province'),
          sheets: option('sheets'),
        },
      };
    }
    case 'record': {
      const [id = '', type = ''] = positionals(parsed.positionals, ['<id>', '<TYPE>'], command);
      const recordValues = Object.fromEntries(
        Object.keys(COMMAND_OPTIONS.record).map((name) => [name, values[name]]),
      ) as RecordValues;
      const milestone = milestoneOf(type, recordValues);
      return { command, connection, id, milestone, ...idempotency };
    }
    case 'cancel': {
      const [id = ''] = positionals(parsed.positionals, ['<id>'], command);
      const reason = values.reason as string | undefined;
      if (reason === undefined || reason.trim() === '') {
        throw new UsageError('cancel needs --reason: why the cooperation ends.');
      }
      return { command, connection, id, reason, ...idempotency };
    }
  }
}

/** `attach` and `documents` (cli/documents.ts), with the connection options of every command. */
function documentCommandOf(
  command: 'attach' | 'documents',
  args: string[],
  env: Record<string, string | undefined>,
): SepakatCommand {
  let parsed;
  try {
    parsed = parseDocumentArgs(command, args);
  } catch (error) {
    throw usageErrorOf(error);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help === true) return { command: 'help', topic: command };
  const connection = connectionOf(values, env);
  const [id = '', file = ''] = parsed.positionals;
  if (command === 'documents') return { command, connection, id };
  const options = attachOptionsOf(values);
  return { command, connection, id, file, options };
}

export interface SepakatDeps {
  io?: CliIo;
  fetch?: typeof fetch;
  /** The development key for loopback APIs; default local mode's (see localKeyFile). */
  keyFile?: string;
}

/** A terminal's width, to cut long lines to; none when the output goes to a file or a pipe. */
const terminalWidth = (io: CliIo) =>
  io.stdout.isTTY === true ? Math.max(60, io.stdout.columns ?? 120) : undefined;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const agreementPath = (id: string) => `/agreements/${encodeURIComponent(id)}`;

/** `npx sepakat`: returns the exit code. */
export async function runSepakat(argv: readonly string[], deps: SepakatDeps = {}): Promise<number> {
  const io = deps.io ?? processIo();
  let command: SepakatCommand;
  try {
    command = parseSepakatArgs(argv, io.env);
  } catch (error) {
    const topic = COMMANDS.find((name) => name === argv[0]);
    io.stderr.write(
      `sepakat: ${usageErrorOf(error).message}\n` +
        (topic
          ? `\nUsage: ${COMMAND_USAGE[topic]}\n`
          : 'Run sepakat --help for the commands and options.\n'),
    );
    return EXIT.USAGE;
  }
  switch (command.command) {
    case 'help':
      io.stdout.write(
        command.topic
          ? `Usage: ${COMMAND_USAGE[command.topic]}\n\n${COMMON_OPTIONS}\n`
          : SEPAKAT_USAGE,
      );
      return EXIT.OK;
    case 'import':
      return runImport(command.argv, {
        io,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.keyFile ? { keyFile: deps.keyFile } : {}),
      });
    case 'token':
      return runToken(command.argv, io);
    case 'version':
      io.stdout.write(`sepakat ${VERSION}\n`);
      return EXIT.OK;
  }
  const { connection } = command;
  try {
    let body: unknown;
    if (command.command === 'create' && 'file' in command.source) {
      body = await readAgreementFile(command.source.file, io.env);
    }
    const token = await resolveToken(
      connection.apiUrl,
      connection.token,
      deps.keyFile ?? localKeyFile(io.env),
    );
    const client = new ApiClient({
      apiUrl: connection.apiUrl,
      token,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    const out = (json: unknown, text: () => string) => {
      io.stdout.write(connection.json ? `${JSON.stringify(json, null, 2)}\n` : text());
    };
    switch (command.command) {
      case 'create': {
        const answer = await client.send<AgreementJson>('/agreements', {
          method: 'POST',
          body: 'body' in command.source ? command.source.body : body,
          ...(command.idempotencyKey ? { idempotencyKey: command.idempotencyKey } : {}),
        });
        const a = answer.body;
        out(
          a,
          () =>
            `${answer.replayed ? 'Already registered (same Idempotency-Key)' : 'Registered'} ${a.id}: ${a.title}\n` +
            `  stage ${a.stage} since ${a.stageEnteredOn}, partner ${a.partnerRegion.code} ${a.partnerRegion.name}\n`,
        );
        return EXIT.OK;
      }
      case 'list': {
        const byTerm = listsByTerm(command);
        const page = await client.collect<AgreementJson>(
          '/agreements',
          {
            stage: command.stage,
            partnerRegion: command.region,
            expiringWithinDays: command.expiringWithinDays,
            termStatus: command.termStatus,
          },
          command.limit,
        );
        out(page, () =>
          page.items.length === 0
            ? 'No agreements.\n'
            : `${(byTerm ? termsTable : agreementsTable)(page.items)}\n${plural(page.items.length, 'agreement')}${page.nextCursor ? ', more with --all or a larger --limit' : ''}\n`,
        );
        return EXIT.OK;
      }
      case 'export': {
        if (command.format === 'xlsx' && io.stdout.isTTY === true) {
          io.stderr.write(
            'sepakat: an XLSX file is not for a terminal: sepakat export --format xlsx > agreements.xlsx\n',
          );
          return EXIT.USAGE;
        }
        const file = await client.download('/agreements/export', {
          query: command.query,
          accept: CONTENT_TYPES[command.format],
        });
        io.stdout.write(file);
        return EXIT.OK;
      }
      case 'show': {
        const agreement = await client.request<AgreementJson>(agreementPath(command.id));
        const history = await client.collect<HistoryEventJson>(
          `${agreementPath(command.id)}/history`,
        );
        out(
          { agreement, history: history.items },
          () =>
            `${agreementText(agreement)}\nHistory\n${timeline(history.items, agreement.hostRegion, terminalWidth(io))}`,
        );
        return EXIT.OK;
      }
      case 'record': {
        const answer = await client.send<AgreementJson>(`${agreementPath(command.id)}/milestones`, {
          method: 'POST',
          body: command.milestone,
          ...(command.idempotencyKey ? { idempotencyKey: command.idempotencyKey } : {}),
        });
        const a = answer.body;
        out(
          a,
          () =>
            `${answer.replayed ? 'Already recorded (same Idempotency-Key)' : 'Recorded'} ${String(command.milestone.type)} on ${String(command.milestone.occurredAt)} for ${a.id}\n` +
            `  stage ${a.stage} since ${a.stageEnteredOn}; ${a.stage === 'COMPLETED' ? 'the cooperation is complete and its workflow has ended' : 'the workflow carries on from there'}\n`,
        );
        return EXIT.OK;
      }
      case 'attach': {
        const document = await attachFile(
          client,
          agreementPath(command.id),
          command.file,
          command.options,
          io,
        );
        out(
          document,
          () =>
            `Attached ${String(document.documentId)}: ${String(document.kind)} ${String(document.fileName)} to ${command.id}\n` +
            `  ${String(document.sizeBytes)} bytes, SHA-256 ${String(document.sha256)}\n`,
        );
        return EXIT.OK;
      }
      case 'documents': {
        const page = await client.collect<DocumentJson>(`${agreementPath(command.id)}/documents`);
        out(page, () => documentsTable(page.items));
        return EXIT.OK;
      }
      case 'cancel': {
        const answer = await client.send<AgreementJson>(`${agreementPath(command.id)}/cancel`, {
          method: 'POST',
          body: { reason: command.reason },
          ...(command.idempotencyKey ? { idempotencyKey: command.idempotencyKey } : {}),
        });
        const a = answer.body;
        out(
          a,
          () =>
            `${answer.replayed ? 'Already cancelled (same Idempotency-Key)' : 'Cancelled'} ${a.id}: ${a.title}\n` +
            `  reason: ${a.cancellation?.reason ?? command.reason}\n`,
        );
        return EXIT.OK;
      }
    }
  } catch (error) {
    if (error instanceof ApiProblem) {
      if (connection.json) io.stdout.write(`${JSON.stringify(error.body, null, 2)}\n`);
      io.stderr.write(
        problemLines(error)
          .map((line, i) => `${i === 0 ? 'sepakat: ' : ''}${line}\n`)
          .join(''),
      );
      return EXIT.FAILED;
    }
    if (error instanceof UsageError || error instanceof ApiUnreachable) {
      io.stderr.write(`sepakat: ${error.message}\n`);
      return EXIT.USAGE;
    }
    throw error;
  }
}

/** One POST /agreements body from a JSON file; throws UsageError. */
async function readAgreementFile(
  file: string,
  env: Record<string, string | undefined>,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(userPath(file, env), 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(body)) {
    throw new UsageError(
      `${file} holds ${plural(body.length, 'agreement')}: register several with sepakat import ${file}.`,
    );
  }
  return body;
}
