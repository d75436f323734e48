// `npm run resume`: the command line and the report, without AWS. The real run, on the local
// engine and DynamoDB Local, is test/workflow/resume.test.ts.
import { describe, expect, it } from '@jest/globals';
import {
  parseResumeArgs,
  RESUME_USAGE,
  resultsTable,
  runResume,
  summaryLine,
  type ResumeResult,
} from '../../cli/resume.ts';
import { UsageError, type CliIo } from '../../cli/shared.ts';

const ARN =
  'arn:aws:states:ap-southeast-3:123456789012:stateMachine:sepakat-dev-agreement-lifecycle';
const TABLE = 'sepakat-dev-agreements';
const targets = ['--state-machine-arn', ARN, '--table-name', TABLE];

function captured(env: Record<string, string | undefined> = {}) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (chunk: string) => (out.stdout += chunk) },
    stderr: { write: (chunk: string) => (out.stderr += chunk) },
    env,
  };
  return { io, out };
}

const noClients = () => {
  throw new Error('a usage mistake must not reach AWS');
};

describe('parseResumeArgs', () => {
  it('reads the ids in order, once each, and the AWS region from the state machine ARN', () => {
    expect(parseResumeArgs(['agr-2', 'agr-1', 'agr-2', ...targets])).toEqual({
      ids: ['agr-2', 'agr-1'],
      allOpen: false,
      stateMachineArn: ARN,
      tableName: TABLE,
      awsRegion: 'ap-southeast-3',
      dryRun: false,
      concurrency: 4,
    });
  });

  it('takes the ARN and the table from the environment, and reads --all-open, --dry-run and --concurrency', () => {
    const govArn = 'arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:lifecycle';
    expect(
      parseResumeArgs(['--all-open', '--dry-run', '--concurrency', '8'], {
        SEPAKAT_STATE_MACHINE_ARN: govArn,
        SEPAKAT_TABLE_NAME: 'agreements',
      }),
    ).toEqual({
      ids: [],
      allOpen: true,
      stateMachineArn: govArn,
      tableName: 'agreements',
      awsRegion: 'us-gov-west-1',
      dryRun: true,
      concurrency: 8,
    });
  });

  it('lets the options win over the environment', () => {
    const command = parseResumeArgs(['agr-1', ...targets], {
      SEPAKAT_STATE_MACHINE_ARN: ARN.replace('ap-southeast-3', 'eu-west-1'),
      SEPAKAT_TABLE_NAME: 'other',
    });
    expect(command).toMatchObject({ awsRegion: 'ap-southeast-3', tableName: TABLE });
  });

  it('returns nothing for --help', () => {
    expect(parseResumeArgs(['-h'])).toBeUndefined();
    expect(parseResumeArgs(['--help', '--all-open', 'agr-1'])).toBeUndefined();
  });

  const concurrency = '--concurrency must be a whole number from 1 to 16.';
  it.each<[string, string[], string | RegExp]>([
    ['no agreement', [...targets], 'Name the agreements to resume, or pass --all-open.'],
    [
      'ids and --all-open',
      ['agr-1', '--all-open', ...targets],
      'Name agreement ids or pass --all-open, not both.',
    ],
    [
      'no state machine',
      ['agr-1', '--table-name', TABLE],
      /^--state-machine-arn is required \(or set SEPAKAT_STATE_MACHINE_ARN\): the stack output LifecycleStateMachineArn\.$/,
    ],
    [
      'a state machine name',
      ['agr-1', '--table-name', TABLE, '--state-machine-arn', 'sepakat-dev-agreement-lifecycle'],
      /^--state-machine-arn must look like arn:aws:states:ap-southeast-3:123456789012:stateMachine:<name>, not "sepakat-dev-agreement-lifecycle"\.$/,
    ],
    [
      'an execution ARN',
      [
        'agr-1',
        '--table-name',
        TABLE,
        '--state-machine-arn',
        ARN.replace(':stateMachine:', ':execution:'),
      ],
      /^--state-machine-arn must look like/,
    ],
    [
      'no table',
      ['agr-1', '--state-machine-arn', ARN],
      /^--table-name is required \(or set SEPAKAT_TABLE_NAME\): the stack output AgreementTableName\.$/,
    ],
    ['--concurrency 0', ['agr-1', ...targets, '--concurrency', '0'], concurrency],
    ['--concurrency 17', ['agr-1', ...targets, '--concurrency', '17'], concurrency],
    ['--concurrency many', ['agr-1', ...targets, '--concurrency', 'many'], concurrency],
    ['an empty id', ['', ...targets], 'An agreement id is empty.'],
    ['an unknown option', ['agr-1', ...targets, '--force'], /Unknown option '--force'/],
    ['an option without its value', ['agr-1', ...targets, '--table-name'], /--table-name/],
  ])('refuses %s', (_label, argv, message) => {
    expect(() => parseResumeArgs(argv)).toThrow(UsageError);
    expect(() => parseResumeArgs(argv)).toThrow(message);
  });

  it('counts an empty variable as not set', () => {
    expect(() =>
      parseResumeArgs(['agr-1'], { SEPAKAT_STATE_MACHINE_ARN: '', SEPAKAT_TABLE_NAME: TABLE }),
    ).toThrow(/^--state-machine-arn is required/);
  });
});

describe('runResume on a usage mistake', () => {
  it.each([
    [
      'ids and --all-open',
      ['agr-1', '--all-open', ...targets],
      'Name agreement ids or pass --all-open, not both.',
    ],
    ['no state machine', ['agr-1'], '--state-machine-arn is required'],
    ['no table', ['agr-1', '--state-machine-arn', ARN], '--table-name is required'],
  ])(
    'exits 2 for %s with the reason and a hint, before reaching AWS',
    async (_label, argv, reason) => {
      const { io, out } = captured();
      expect(await runResume(argv, noClients, io)).toBe(2);
      const [first, hint, ...rest] = out.stderr.split('\n');
      expect(first?.startsWith(`resume: ${reason}`)).toBe(true);
      expect(hint).toBe('Run with --help for the usage.');
      expect(rest).toEqual(['']);
      expect(out.stdout).toBe('');
    },
  );

  it('prints the usage for --help and exits 0', async () => {
    const { io, out } = captured();
    expect(await runResume(['--help'], noClients, io)).toBe(0);
    expect(out.stdout).toBe(RESUME_USAGE);
    expect(out.stderr).toBe('');
  });

  it('documents every option it reads', () => {
    for (const option of [
      '--all-open',
      '--state-machine-arn',
      '--table-name',
      '--dry-run',
      '--concurrency',
      '--help',
      '$SEPAKAT_STATE_MACHINE_ARN',
      '$SEPAKAT_TABLE_NAME',
    ]) {
      expect(RESUME_USAGE).toContain(option);
    }
  });
});

describe('the report', () => {
  const results: ResumeResult[] = [
    {
      agreementId: 'agr-1',
      stage: 'PKS',
      outcome: 'resumed',
      execution: `${ARN.replace(':stateMachine:', ':execution:')}:agr-1-61-12-resumed-m0abc`,
    },
    {
      agreementId: 'agr-2',
      stage: 'CANCELLED',
      outcome: 'skipped',
      reason: 'cancelled: nothing to resume',
    },
    { agreementId: 'agr-3', outcome: 'not found', reason: 'no such agreement in the table' },
  ];

  it('shows each agreement with its stage, outcome and execution or reason', () => {
    const lines = resultsTable(results).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^AGREEMENT\s+STAGE\s+OUTCOME\s+EXECUTION \/ REASON$/);
    expect(lines[1]).toMatch(
      /^agr-1\s+PKS\s+resumed\s+arn:aws:states:.*:agr-1-61-12-resumed-m0abc$/,
    );
    expect(lines[2]).toMatch(/^agr-2\s+CANCELLED\s+skipped\s+cancelled: nothing to resume$/);
    expect(lines[3]).toMatch(/^agr-3\s+-\s+not found\s+no such agreement in the table$/);
  });

  it('counts the outcomes, and says when nothing was started', () => {
    expect(summaryLine(results, false)).toBe('1 resumed, 1 skipped, 1 not found.\n');
    expect(
      summaryLine([{ agreementId: 'agr-1', stage: 'MOU', outcome: 'would resume' }], true),
    ).toBe('1 would resume (dry run: nothing was started).\n');
  });
});
