// `npm run token`: argument checks, a stdout that holds only the token, and a token the local
// API accepts (verifyDevToken) with the claims the API reads (principalFromClaims).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseTokenArgs, runToken } from '../../cli/token.ts';
import { UsageError, type CliIo } from '../../cli/shared.ts';
import { principalFromClaims } from '../../functions/api/principal.ts';
import { loadOrCreateDevKey, verifyDevToken } from '../../local/api/dev-tokens.ts';
import { DEFAULT_DATA_DIR } from '../../local/local-mode-file.ts';

// Local mode's data folder, wherever the command runs (it was ./.sepakat/, see issue 21).
const KEY_FILE = join(DEFAULT_DATA_DIR, 'dev-signing-key.json');

describe('parseTokenArgs', () => {
  it('reads a host and a partner identity', () => {
    expect(parseTokenArgs(['--role', 'host'], {})).toEqual({
      identity: { role: 'host' },
      keyFile: KEY_FILE,
    });
    expect(
      parseTokenArgs(
        [
          '--role=partner',
          '--region',
          '61.12',
          '--email',
          'aptika@kuburaya.example.go.id',
          '--ttl',
          '600',
        ],
        {},
      ),
    ).toEqual({
      identity: {
        role: 'partner',
        region: '61.12',
        email: 'aptika@kuburaya.example.go.id',
        ttlSeconds: 600,
      },
      keyFile: KEY_FILE,
    });
    expect(parseTokenArgs(['--help'])).toBeUndefined();
  });

  it('signs with the key of local mode’s data folder, SEPAKAT_DATA_DIR', () => {
    const env = { SEPAKAT_DATA_DIR: '/tmp/sepakat-elsewhere' };
    expect(parseTokenArgs(['--role', 'host'], env)?.keyFile).toBe(
      '/tmp/sepakat-elsewhere/dev-signing-key.json',
    );
    const relative = parseTokenArgs(['--role', 'host', '--key-file', 'k.json'], {
      INIT_CWD: '/home/me',
    });
    expect(relative?.keyFile).toBe('/home/me/k.json');
  });

  it.each([
    [[], '--role is required: host, partner or none.'],
    [['--role', 'admin'], '--role must be host, partner or none, not "admin".'],
    [
      ['--role', 'partner'],
      'A partner coordinator needs --region, e.g. --region 61.12 (Kubu Raya).',
    ],
    [
      ['--role', 'partner', '--region', '61.99'],
      '--region 61.99 is not a known Kemendagri region code.',
    ],
    [
      ['--role', 'partner', '--region', '6112'],
      /^--region must be a Kemendagri code such as 61\.12/,
    ],
    [['--role', 'host', '--region', 'Bandung'], /^--region must be a Kemendagri code/],
    [['--role', 'host', '--email', 'kadis'], '--email must be an email address, not "kadis".'],
    [['--role', 'host', '--ttl', '0'], '--ttl must be whole seconds from 1 to 2592000.'],
    [['--role', 'host', '--ttl', '1.5'], '--ttl must be whole seconds from 1 to 2592000.'],
    [['--role', 'host', '--ttl', '2592001'], '--ttl must be whole seconds from 1 to 2592000.'],
    [['--role', 'host', '--scope', 'all'], /Unknown option '--scope'/],
    [['--role', 'host', 'extra'], /Unexpected argument 'extra'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(UsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});

describe('runToken', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sepakat-token-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(argv: string[]) {
    const out = { stdout: '', stderr: '' };
    const io: CliIo = {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      env: {},
    };
    const code = await runToken([...argv, '--key-file', join(dir, 'key.json')], io);
    return { code, ...out };
  }

  it('prints only the token, which the local API accepts as a partner coordinator of 61.12', async () => {
    const { code, stdout, stderr } = await run([
      '--role',
      'partner',
      '--region',
      '61.12',
      '--ttl',
      '600',
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = await verifyDevToken(
      await loadOrCreateDevKey(join(dir, 'key.json')),
      stdout.trim(),
    );
    expect(claims).toMatchObject({
      'cognito:groups': ['partner-coordinators'],
      'custom:region': '61.12',
      email: 'partner-coordinator@sepakat.example.go.id',
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
    expect(principalFromClaims(claims)).toMatchObject({
      role: 'PARTNER_COORDINATOR',
      regionCode: '61.12',
    });
  });

  it('signs a host token with the given email, with the same key on every run', async () => {
    const { stdout } = await run(['--role', 'host', '--email', 'kerjasama@bandung.example.go.id']);
    const claims = await verifyDevToken(
      await loadOrCreateDevKey(join(dir, 'key.json')),
      stdout.trim(),
    );
    expect(principalFromClaims(claims)).toMatchObject({
      role: 'HOST_COORDINATOR',
      email: 'kerjasama@bandung.example.go.id',
    });
  });

  it('is not accepted by another machine’s key', async () => {
    const { stdout } = await run(['--role', 'host']);
    const other = await loadOrCreateDevKey(join(dir, 'other-key.json'));
    await expect(verifyDevToken(other, stdout.trim())).rejects.toThrow();
  });

  it('exits 2 with the reason and the usage on stderr, nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['--role', 'partner']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^token: A partner coordinator needs --region.*\n\nUsage: npm run --silent token/,
    );
  });
});
