// `npm run invite`: argument checks, and the Cognito requests it sends, through a client whose
// `send` is a hand-written fake (Cognito has no local stand-in).
import { describe, expect, it, jest } from '@jest/globals';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  inviteCoordinator,
  InviteError,
  inviteRequests,
  parseInviteArgs,
  runInvite,
  type CognitoSender,
  type Invitation,
} from '../../cli/invite.ts';
import { UsageError, type CliIo } from '../../cli/shared.ts';

const POOL = 'ap-southeast-3_AbC123xyz';
const partnerArgs = [
  '--email',
  'Aptika@KubuRaya.example.go.id',
  '--role',
  'partner',
  '--region',
  '61.12',
  '--user-pool-id',
  POOL,
];

const partner: Invitation = {
  email: 'aptika@kuburaya.example.go.id',
  role: 'partner',
  regionCode: '61.12',
  userPoolId: POOL,
  awsRegion: 'ap-southeast-3',
};

type Sent = AdminCreateUserCommand | AdminAddUserToGroupCommand;

/** A Cognito client that records what it is sent; `fail` decides an error per command. */
function fakeCognito(fail: (command: Sent) => Error | undefined = () => undefined) {
  const sent: Sent[] = [];
  const send = jest.fn((command: Sent) => {
    sent.push(command);
    const error = fail(command);
    return error ? Promise.reject(error) : Promise.resolve({});
  });
  const client: CognitoSender = { send };
  return { client, sent, send };
}

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('parseInviteArgs', () => {
  it('reads an invitation, lower-casing the email and taking the AWS region from the pool id', () => {
    expect(parseInviteArgs(partnerArgs)).toEqual({ invitation: partner, dryRun: false });
    expect(
      parseInviteArgs(
        ['--email', 'kerjasama@bandung.example.go.id', '--role', 'host', '--dry-run'],
        {
          SEPAKAT_USER_POOL_ID: 'eu-west-1_Xyz',
        },
      ),
    ).toEqual({
      invitation: {
        email: 'kerjasama@bandung.example.go.id',
        role: 'host',
        userPoolId: 'eu-west-1_Xyz',
        awsRegion: 'eu-west-1',
      },
      dryRun: true,
    });
    expect(parseInviteArgs(['-h'])).toBeUndefined();
  });

  const without = (option: string) => {
    const i = partnerArgs.indexOf(option);
    return [...partnerArgs.slice(0, i), ...partnerArgs.slice(i + 2)];
  };
  const replaced = (option: string, value: string) =>
    partnerArgs.map((arg, i) => (partnerArgs[i - 1] === option ? value : arg));

  it.each([
    [without('--email'), '--email is required.'],
    [replaced('--email', 'aptika'), '--email must be an email address, not "aptika".'],
    [without('--role'), '--role is required: host or partner.'],
    [replaced('--role', 'none'), '--role must be host or partner, not "none".'],
    [
      without('--region'),
      'A partner coordinator needs --region: the Kemendagri code of their region, e.g. 61.12.',
    ],
    [replaced('--region', '61.99'), '--region 61.99 is not a known Kemendagri region code.'],
    [without('--user-pool-id'), '--user-pool-id is required (or set SEPAKAT_USER_POOL_ID).'],
    [
      replaced('--user-pool-id', 'AbC123xyz'),
      /^--user-pool-id must look like ap-southeast-3_AbC123xyz/,
    ],
    [[...partnerArgs, '--group', 'admins'], /Unknown option '--group'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseInviteArgs(argv)).toThrow(UsageError);
    expect(() => parseInviteArgs(argv)).toThrow(message);
  });
});

describe('inviteCoordinator', () => {
  it('creates the user with a verified email and its region, then adds it to its group', async () => {
    const { client, sent } = fakeCognito();
    await inviteCoordinator(partner, client);
    expect(sent.map((c) => c.constructor)).toEqual([
      AdminCreateUserCommand,
      AdminAddUserToGroupCommand,
    ]);
    expect(sent[0]?.input).toEqual({
      UserPoolId: POOL,
      Username: 'aptika@kuburaya.example.go.id',
      UserAttributes: [
        { Name: 'email', Value: 'aptika@kuburaya.example.go.id' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:region', Value: '61.12' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(sent[1]?.input).toEqual({
      UserPoolId: POOL,
      Username: 'aptika@kuburaya.example.go.id',
      GroupName: 'partner-coordinators',
    });
  });

  it('gives a host coordinator no region unless told, and the host group', () => {
    const { createUser, addToGroup } = inviteRequests({
      email: 'kerjasama@bandung.example.go.id',
      role: 'host',
      userPoolId: POOL,
      awsRegion: 'ap-southeast-3',
    });
    expect(createUser.UserAttributes?.map((a) => a.Name)).toEqual(['email', 'email_verified']);
    expect(addToGroup.GroupName).toBe('host-coordinators');
  });

  it('says so when the user exists, and changes nothing', async () => {
    const { client, sent } = fakeCognito(() =>
      awsError('UsernameExistsException', 'User account already exists'),
    );
    const invitation = inviteCoordinator(partner, client);
    await expect(invitation).rejects.toThrow(InviteError);
    await expect(invitation).rejects.toThrow(
      /^aptika@kuburaya\.example\.go\.id already has an account in user pool ap-southeast-3_AbC123xyz; nothing was changed\. To add it to partner-coordinators: aws cognito-idp admin-add-user-to-group/,
    );
    expect(sent).toHaveLength(1);
  });

  it('names a missing user pool', async () => {
    const { client } = fakeCognito(() =>
      awsError('ResourceNotFoundException', 'User pool does not exist.'),
    );
    await expect(inviteCoordinator(partner, client)).rejects.toThrow(
      'No user pool ap-southeast-3_AbC123xyz in ap-southeast-3 for these credentials: User pool does not exist.',
    );
  });

  it('says the user was created when only adding it to the group failed', async () => {
    const { client } = fakeCognito((command) =>
      command instanceof AdminAddUserToGroupCommand
        ? awsError('ResourceNotFoundException', 'Group not found.')
        : undefined,
    );
    await expect(inviteCoordinator(partner, client)).rejects.toThrow(
      /was created and invited, but adding it to the group partner-coordinators failed \(Group not found\.\)/,
    );
  });
});

describe('runInvite', () => {
  function io() {
    const out = { stdout: '', stderr: '' };
    const cli: CliIo = {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      env: {},
    };
    return { cli, out };
  }

  it('invites with a client for the pool’s region, and exits 0', async () => {
    const { client, send } = fakeCognito();
    const regions: string[] = [];
    const { cli, out } = io();
    const code = await runInvite(partnerArgs, (region) => (regions.push(region), client), cli);
    expect(code).toBe(0);
    expect(regions).toEqual(['ap-southeast-3']);
    expect(send).toHaveBeenCalledTimes(2);
    expect(out.stdout).toBe(
      'Invited aptika@kuburaya.example.go.id to partner-coordinators for region 61.12; Cognito emailed a temporary password.\n',
    );
  });

  it('exits 1 on a Cognito failure and 2 on a usage error, sending nothing then', async () => {
    const exists = fakeCognito(() => awsError('UsernameExistsException', 'exists'));
    const failed = io();
    expect(await runInvite(partnerArgs, () => exists.client, failed.cli)).toBe(1);
    expect(failed.out.stderr).toMatch(/^invite: .* already has an account/);

    const unused = fakeCognito();
    const usage = io();
    expect(await runInvite(['--role', 'partner'], () => unused.client, usage.cli)).toBe(2);
    expect(usage.out.stderr).toMatch(/^invite: --email is required\.\n\nUsage: npm run invite/);
    expect(unused.send).not.toHaveBeenCalled();
  });

  it('prints the requests in a dry run without sending them', async () => {
    const unused = fakeCognito();
    const { cli, out } = io();
    expect(await runInvite([...partnerArgs, '--dry-run'], () => unused.client, cli)).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(inviteRequests(partner));
    expect(unused.send).not.toHaveBeenCalled();
  });
});
