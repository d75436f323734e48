// The API as a coordinator's script meets it: HTTP through the local adapter, on the real
// workflow harness (DynamoDB Local, the local engine, the SES stand-in).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDevKey,
  signDevToken,
  type DevIdentity,
  type DevKey,
} from '../../local/api/dev-tokens.ts';
import { startLocalApi } from '../../local/api/local-api.ts';
import type { RunningApi } from '../../local/api/server.ts';
import { startS3Local, type S3Local } from '../../local/s3-local.ts';
import { kubuRayaInput } from './fixtures.ts';
import { CONSOLE_URL, startHarness, type Harness } from './workflow.ts';

export interface ApiHarness extends Harness {
  api: RunningApi;
  /** The S3 stand-in holding the documents' files. */
  s3: S3Local;
  /** The key the API accepts tokens of: tests sign the tokens signDevToken would not make. */
  key: DevKey;
  token(identity: DevIdentity): Promise<string>;
  call(request: ApiCall): Promise<ApiAnswer>;
}

export interface ApiCall {
  method?: string;
  path: string;
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read what they assert
  body: any;
  headers: Headers;
}

export const KUBU_RAYA = '61.12';
/** The environment's reminder policy the harness deploys with (REMINDER_POLICY). */
export const ENVIRONMENT_REMINDER_POLICY = {
  FOLLOW_UP: { checkInAfterDays: [20, 60], windowDays: 90 },
};
/** The largest document the harness's API accepts (DOCUMENT_MAX_BYTES): 2 MB. */
export const DOCUMENT_MAX_BYTES = 2 * 1024 * 1024;
/** The future web page's origin, allowed by CORS. */
export const WEB_ORIGIN = 'https://sepakat.bandung.example.go.id';

/** Real time by default: API tests wait for no reminder, and hundreds of agreements stay quiet. */
export async function startApiHarness(
  props: Parameters<typeof startHarness>[0] = {},
): Promise<ApiHarness> {
  const h = await startHarness({ dayMs: Infinity, ...props });
  const s3Directory = await mkdtemp(join(tmpdir(), 'sepakat-s3-'));
  const s3 = await startS3Local({ port: 0, directory: s3Directory });
  const key = await createDevKey();
  const api = await startLocalApi({
    key,
    environment: {
      TABLE_NAME: h.table.tableName,
      STATE_MACHINE_ARN: h.stateMachineArn,
      HOST_REGION_CODE: '32.73',
      ALLOWED_ORIGINS: WEB_ORIGIN,
      REMINDER_POLICY: JSON.stringify(ENVIRONMENT_REMINDER_POLICY),
      DOCUMENT_BUCKET: s3.bucket,
      DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES),
      CONSOLE_URL,
      SENDER_EMAIL: 'sepakat@bandung.example.go.id',
    },
    options: { now: h.clock.now, s3: s3.client },
  });
  return {
    ...h,
    api,
    s3,
    key,
    token: (identity) => signDevToken(key, identity),
    async call({ method = 'GET', path, token, body, rawBody, headers = {} }) {
      const response = await fetch(`${api.endpoint}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined || rawBody !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
          ...headers,
        },
        ...(rawBody !== undefined
          ? { body: rawBody }
          : body !== undefined
            ? { body: JSON.stringify(body) }
            : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: the test sees the text
      }
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        body: parsed,
        headers: response.headers,
      };
    },
    async close() {
      await api.close();
      await s3.stop();
      await rm(s3Directory, { recursive: true, force: true });
      await h.close();
    },
  };
}

/** A POST /agreements body for Kubu Raya (the fixture's contacts, on example domains). */
export function agreementBody(overrides: Record<string, unknown> = {}) {
  const { title, partnerRegion, apps, contacts } = kubuRayaInput();
  return { title, partnerRegion, apps, contacts, ...overrides };
}
