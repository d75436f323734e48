// `npm run invite`: invites a coordinator to a deployed environment's Cognito user pool. The
// user's email is the username; Cognito emails a temporary password. Partner coordinators
// carry their region in custom:region, which the API reads (functions/api/principal.ts).
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  type AdminAddUserToGroupCommandInput,
  type AdminCreateUserCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { parseArgs } from 'node:util';
import { GROUPS, REGION_CLAIM } from '../functions/api/principal.ts';
import { checkedEmail, checkedRegionCode } from './token.ts';
import { EXIT, processIo, UsageError, usageErrorOf, type CliIo } from './shared.ts';

export const INVITE_USAGE = `Usage: npm run invite -- --email <address> --role <host|partner> [--region <code>] --user-pool-id <id>

Creates the coordinator in the user pool (Cognito emails a temporary password) and adds them
to their group. Uses the usual AWS credentials (AWS_PROFILE, ...); the AWS region is the user
pool id's prefix.

Options:
  --email <address>      the coordinator's email: their username
  --role <role>          host (${GROUPS.HOST_COORDINATOR}) or partner (${GROUPS.PARTNER_COORDINATOR})
  --region <code>        Kemendagri code of their region (${REGION_CLAIM}); required for partner
  --user-pool-id <id>    e.g. ap-southeast-3_AbC123xyz (default: $SEPAKAT_USER_POOL_ID)
  --dry-run              print the requests instead of sending them
  -h, --help             this text
`;

export interface Invitation {
  email: string;
  role: 'host' | 'partner';
  regionCode?: string;
  userPoolId: string;
  /** The AWS region, from the user pool id. */
  awsRegion: string;
}

export interface InviteCommand {
  invitation: Invitation;
  dryRun: boolean;
}

const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/;

/** The command line as an invitation; throws UsageError. Undefined for --help. */
export function parseInviteArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): InviteCommand | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        region: { type: 'string' },
        'user-pool-id': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw usageErrorOf(error);
  }
  if (values.help) return undefined;
  if (values.email === undefined) throw new UsageError('--email is required.');
  const email = checkedEmail(values.email).toLowerCase();
  const role = values.role;
  if (role !== 'host' && role !== 'partner') {
    throw new UsageError(
      role === undefined
        ? '--role is required: host or partner.'
        : `--role must be host or partner, not ${JSON.stringify(role)}.`,
    );
  }
  if (role === 'partner' && values.region === undefined) {
    throw new UsageError(
      'A partner coordinator needs --region: the Kemendagri code of their region, e.g. 61.12.',
    );
  }
  const userPoolId = values['user-pool-id'] ?? env.SEPAKAT_USER_POOL_ID;
  if (userPoolId === undefined) {
    throw new UsageError('--user-pool-id is required (or set SEPAKAT_USER_POOL_ID).');
  }
  const awsRegion = USER_POOL_ID.exec(userPoolId)?.[1];
  if (awsRegion === undefined) {
    throw new UsageError(
      `--user-pool-id must look like ap-southeast-3_AbC123xyz, not ${JSON.stringify(userPoolId)}.`,
    );
  }
  return {
    invitation: {
      email,
      role,
      userPoolId,
      awsRegion,
      ...(values.region !== undefined ? { regionCode: checkedRegionCode(values.region) } : {}),
    },
    dryRun: values['dry-run'],
  };
}

export const groupOf = (invitation: Invitation): string =>
  invitation.role === 'host' ? GROUPS.HOST_COORDINATOR : GROUPS.PARTNER_COORDINATOR;

/** The two requests an invitation sends, in order. */
export function inviteRequests(invitation: Invitation): {
  createUser: AdminCreateUserCommandInput;
  addToGroup: AdminAddUserToGroupCommandInput;
} {
  return {
    createUser: {
      UserPoolId: invitation.userPoolId,
      Username: invitation.email,
      UserAttributes: [
        { Name: 'email', Value: invitation.email },
        { Name: 'email_verified', Value: 'true' },
        ...(invitation.regionCode ? [{ Name: REGION_CLAIM, Value: invitation.regionCode }] : []),
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    },
    addToGroup: {
      UserPoolId: invitation.userPoolId,
      Username: invitation.email,
      GroupName: groupOf(invitation),
    },
  };
}

/** What the invitation needs of a Cognito client (a CognitoIdentityProviderClient). */
export interface CognitoSender {
  send(command: AdminCreateUserCommand | AdminAddUserToGroupCommand): Promise<unknown>;
}

/** A Cognito failure the coordinator inviting someone can act on. */
export class InviteError extends Error {
  override readonly name = 'InviteError';
}

// By shape, not instanceof: the SDK's errors and a test's fakes may come from another realm.
const fieldOf = (error: unknown, field: 'name' | 'message') => {
  const value: unknown =
    error !== null && typeof error === 'object'
      ? (error as Record<string, unknown>)[field]
      : undefined;
  return typeof value === 'string' ? value : undefined;
};
const nameOf = (error: unknown) => fieldOf(error, 'name');
const messageOf = (error: unknown) => fieldOf(error, 'message') ?? String(error);

/** Creates the user, then adds them to their group; throws InviteError with what to do. */
export async function inviteCoordinator(
  invitation: Invitation,
  client: CognitoSender,
): Promise<void> {
  const { createUser, addToGroup } = inviteRequests(invitation);
  const pool = `user pool ${invitation.userPoolId}`;
  try {
    await client.send(new AdminCreateUserCommand(createUser));
  } catch (error) {
    switch (nameOf(error)) {
      case 'UsernameExistsException':
        throw new InviteError(
          `${invitation.email} already has an account in ${pool}; nothing was changed. ` +
            `To add it to ${addToGroup.GroupName}: aws cognito-idp admin-add-user-to-group ` +
            `--user-pool-id ${invitation.userPoolId} --username ${invitation.email} ` +
            `--group-name ${addToGroup.GroupName}`,
        );
      case 'ResourceNotFoundException':
        throw new InviteError(
          `No ${pool} in ${invitation.awsRegion} for these credentials: ${messageOf(error)}`,
        );
      default:
        throw new InviteError(`Creating ${invitation.email} failed: ${messageOf(error)}`);
    }
  }
  try {
    await client.send(new AdminAddUserToGroupCommand(addToGroup));
  } catch (error) {
    throw new InviteError(
      `${invitation.email} was created and invited, but adding it to the group ` +
        `${addToGroup.GroupName} failed (${messageOf(error)}); until it is in the group the API ` +
        `refuses it. Retry with: aws cognito-idp admin-add-user-to-group --user-pool-id ` +
        `${invitation.userPoolId} --username ${invitation.email} --group-name ${addToGroup.GroupName}`,
    );
  }
}

/** `npm run invite`: returns the exit code. The client is made for the pool's AWS region. */
export async function runInvite(
  argv: readonly string[],
  clientFor: (awsRegion: string) => CognitoSender,
  io: CliIo = processIo(),
): Promise<number> {
  let command: InviteCommand | undefined;
  try {
    command = parseInviteArgs(argv, io.env);
  } catch (error) {
    io.stderr.write(`invite: ${usageErrorOf(error).message}\n\n${INVITE_USAGE}`);
    return EXIT.USAGE;
  }
  if (!command) {
    io.stdout.write(INVITE_USAGE);
    return EXIT.OK;
  }
  const { invitation } = command;
  if (command.dryRun) {
    io.stdout.write(`${JSON.stringify(inviteRequests(invitation), null, 2)}\n`);
    return EXIT.OK;
  }
  try {
    await inviteCoordinator(invitation, clientFor(invitation.awsRegion));
  } catch (error) {
    io.stderr.write(`invite: ${messageOf(error)}\n`);
    return EXIT.FAILED;
  }
  const where = invitation.regionCode ? ` for region ${invitation.regionCode}` : '';
  io.stdout.write(
    `Invited ${invitation.email} to ${groupOf(invitation)}${where}; Cognito emailed a temporary password.\n`,
  );
  return EXIT.OK;
}
