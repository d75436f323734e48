// Development sign-in for local mode and tests: tokens with Cognito's claim names, signed by a
// key that exists only on this machine (created in .sepakat/, which git ignores). The local
// HTTP adapter accepts no other tokens.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import {
  GROUPS,
  GROUPS_CLAIM,
  isIdToken,
  REGION_CLAIM,
  TOKEN_REFUSALS,
  type TokenRefusal,
} from '../../functions/api/principal.ts';

const ALGORITHM = 'ES256';
const ISSUER = 'sepakat-local';

export interface DevKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export async function createDevKey(): Promise<DevKey> {
  return generateKeyPair(ALGORITHM, { extractable: true });
}

/**
 * Where local mode keeps the development key: in its data folder (SEPAKAT_DATA_DIR, default
 * `.sepakat`), so a local mode on another folder has its own key.
 */
export function devKeyFile(dataDir = process.env.SEPAKAT_DATA_DIR || '.sepakat'): string {
  return join(dataDir, 'dev-signing-key.json');
}

/** The machine's development key, created on first use. */
export async function loadOrCreateDevKey(file = devKeyFile()): Promise<DevKey> {
  try {
    const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    return {
      privateKey: (await importJWK(jwk, ALGORITHM)) as CryptoKey,
      publicKey: (await importJWK(publicJwk, ALGORITHM)) as CryptoKey,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = await createDevKey();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(await exportJWK(key.privateKey)), { mode: 0o600 });
    return key;
  }
}

export interface DevIdentity {
  role: 'host' | 'partner' | 'none';
  /** Kemendagri code; required for a partner coordinator. */
  region?: string;
  email?: string;
  subject?: string;
  /** Default 12 hours. */
  ttlSeconds?: number;
}

export async function signDevToken(key: DevKey, identity: DevIdentity): Promise<string> {
  if (identity.role === 'partner' && !identity.region) {
    throw new Error('A partner coordinator token needs a region code (--region 61.12)');
  }
  const groups =
    identity.role === 'host'
      ? [GROUPS.HOST_COORDINATOR]
      : identity.role === 'partner'
        ? [GROUPS.PARTNER_COORDINATOR]
        : [];
  const email = identity.email ?? `${identity.role}-coordinator@sepakat.example.go.id`;
  return new SignJWT({
    email,
    [GROUPS_CLAIM]: groups,
    ...(identity.region ? { [REGION_CLAIM]: identity.region } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(identity.subject ?? `local-${identity.role}-${identity.region ?? 'all'}`)
    .setIssuer(ISSUER)
    .setAudience(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${String(identity.ttlSeconds ?? 12 * 3600)}s`)
    .sign(key.privateKey);
}

/** A token the local API refuses; its message is the 401's detail. */
export class TokenRefusedError extends Error {
  readonly refusal: TokenRefusal;

  constructor(refusal: TokenRefusal) {
    super(TOKEN_REFUSALS[refusal]);
    this.name = 'TokenRefusedError';
    this.refusal = refusal;
  }
}

/** Which check a token failed, as Cognito's authorizer would tell them apart. */
function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'nbf' ? 'notYetValid' : 'wrongKind';
  }
  return 'badSignature';
}

/**
 * The claims of an ID token this machine's key signed, issued in the past and not expired, as
 * Cognito issues them (they always carry exp and iat); else throws a TokenRefusedError.
 */
export async function verifyDevToken(key: DevKey, token: string): Promise<JWTPayload> {
  const payload = await jwtVerify(token, key.publicKey, {
    issuer: ISSUER,
    audience: ISSUER,
    algorithms: [ALGORITHM],
    requiredClaims: ['exp', 'iat'],
  }).then(
    (verified) => verified.payload,
    (error: unknown) => {
      throw new TokenRefusedError(refusalOf(error));
    },
  );
  if ((payload.iat ?? 0) > Date.now() / 1000) throw new TokenRefusedError('notYetValid');
  if (!isIdToken(payload)) throw new TokenRefusedError('wrongKind');
  return payload;
}
