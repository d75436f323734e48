// `npm run --silent token -- --role host`: a development token for the local API, signed with
// this machine's key (.sepakat/dev-signing-key.json, created on first use). Prints only the
// token, so that TOKEN=$(npm run --silent token -- --role host) works.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import * as z from 'zod';
import { REGION_CODE_PATTERN } from '../domain/regions/region-code.ts';
import { findRegion } from '../domain/regions/regions.ts';
import { loadOrCreateDevKey, signDevToken, type DevIdentity } from '../local/api/dev-tokens.ts';
import { localKeyFile } from './api-client.ts';
import { EXIT, processIo, UsageError, usageErrorOf, userPath, type CliIo } from './shared.ts';

export const TOKEN_USAGE = `Usage: npm run --silent token -- --role <host|partner|none> [options]

Prints a development token for the local API, signed with the key in local mode's data folder
($SEPAKAT_DATA_DIR, default .sepakat/), and nothing else, e.g.
  TOKEN=$(npm run --silent token -- --role partner --region 61.12)

Options:
  --role <role>      host (Kota Bandung's coordinators), partner, or none (signed in, no group)
  --region <code>    Kemendagri code of the coordinator's region; required for partner
  --email <address>  the token's email claim (default <role>-coordinator@sepakat.example.go.id)
  --ttl <seconds>    lifetime (default 43200, 12 hours; at most 2592000, 30 days)
  --key-file <path>  the signing key (default: dev-signing-key.json in the data folder)
  -h, --help         this text
`;

export const MAX_TTL_SECONDS = 30 * 24 * 3600;
const ROLES = ['host', 'partner', 'none'] as const;

export interface TokenCommand {
  identity: DevIdentity;
  keyFile: string;
}

/** Checks a region code the way the API does; returns it or throws UsageError. */
export function checkedRegionCode(code: string, option = '--region'): string {
  if (!REGION_CODE_PATTERN.test(code)) {
    throw new UsageError(
      `${option} must be a Kemendagri code such as 61.12 (regency/city) or 61 (province), not ${JSON.stringify(code)}.`,
    );
  }
  if (!findRegion(code)) {
    throw new UsageError(`${option} ${code} is not a known Kemendagri region code.`);
  }
  return code;
}

export function checkedEmail(email: string, option = '--email'): string {
  const address = email.trim();
  if (!z.email().safeParse(address).success) {
    throw new UsageError(`${option} must be an email address, not ${JSON.stringify(email)}.`);
  }
  return address;
}

const TOKEN_OPTIONS = {
  role: { type: 'string' },
  region: { type: 'string' },
  email: { type: 'string' },
  ttl: { type: 'string' },
  'key-file': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

/** The command line as a development identity; throws UsageError. Undefined for --help. */
export function parseTokenArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): TokenCommand | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: TOKEN_OPTIONS,
    }));
  } catch (error) {
    throw usageErrorOf(error, TOKEN_OPTIONS);
  }
  if (values.help) return undefined;
  const role = values.role;
  if (role === undefined) throw new UsageError('--role is required: host, partner or none.');
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be host, partner or none, not ${JSON.stringify(role)}.`);
  }
  if (role === 'partner' && values.region === undefined) {
    throw new UsageError('A partner coordinator needs --region, e.g. --region 61.12 (Kubu Raya).');
  }
  const identity: DevIdentity = { role: role as DevIdentity['role'] };
  if (values.region !== undefined) identity.region = checkedRegionCode(values.region);
  if (values.email !== undefined) identity.email = checkedEmail(values.email);
  if (values.ttl !== undefined) {
    const ttl = Number(values.ttl);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
      throw new UsageError(`--ttl must be whole seconds from 1 to ${MAX_TTL_SECONDS}.`);
    }
    identity.ttlSeconds = ttl;
  }
  const keyFile = values['key-file'];
  return { identity, keyFile: keyFile ? userPath(keyFile, env) : localKeyFile(env) };
}

/** `npm run token`: returns the exit code. */
export async function runToken(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let command: TokenCommand | undefined;
  try {
    command = parseTokenArgs(argv, io.env);
  } catch (error) {
    io.stderr.write(`token: ${usageErrorOf(error).message}\n\n${TOKEN_USAGE}`);
    return EXIT.USAGE;
  }
  if (!command) {
    io.stdout.write(TOKEN_USAGE);
    return EXIT.OK;
  }
  const key = await loadOrCreateDevKey(command.keyFile);
  io.stdout.write(`${await signDevToken(key, command.identity)}\n`);
  return EXIT.OK;
}
