// The local API answers a browser's preflight exactly as the deployed API Gateway does: the
// answer is read from the synthesized mock integration of OPTIONS (its static headers and the
// response template that picks the caller's origin) and compared with the local server's.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API_ROUTES } from '../../functions/api/routes.ts';
import { startApiServer, type RunningApi } from '../../local/api/server.ts';
import { localAllowedOrigins } from '../../local/api/origins.ts';
import { resources, synth, type Resource } from './template.ts';

/** What the distribution's domain stands for in this test. */
const CONSOLE_DOMAIN = 'd111111abcdef8.cloudfront.net';

/** A template value with the distribution's domain filled in (the only token it holds). */
function resolved(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(resolved).join(join[0]);
  const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (getAtt?.[1] === 'DomainName') return CONSOLE_DOMAIN;
  throw new Error(`Unexpected template value ${JSON.stringify(value)}`);
}

interface Preflight {
  status: number;
  /** Header name (lower case) to value, as API Gateway sends them. */
  headers: Record<string, string>;
  /** The origins the response template answers with the caller's own. */
  echoed: string[];
}

function deployedPreflight(): Preflight {
  const { template } = synth('dev');
  const options = resources(template, 'AWS::ApiGateway::Method').filter(
    ([, m]) => m.Properties.HttpMethod === 'OPTIONS',
  );
  const [, method] = options[0] as [string, Resource];
  const integration = method.Properties.Integration as {
    IntegrationResponses: {
      StatusCode: string;
      ResponseParameters: Record<string, unknown>;
      ResponseTemplates?: Record<string, unknown>;
    }[];
  };
  const [response] = integration.IntegrationResponses;
  if (!response) throw new Error('no integration response');
  const headers = Object.fromEntries(
    Object.entries(response.ResponseParameters).map(([name, value]) => [
      name.replace('method.response.header.', '').toLowerCase(),
      resolved(value).replace(/^'|'$/g, ''),
    ]),
  );
  const vtl = resolved(response.ResponseTemplates?.['application/json'] ?? '');
  const echoed = [...vtl.matchAll(/\$origin == "([^"]+)"/g)].map((m) => m[1] ?? '');
  return { status: Number(response.StatusCode), headers, echoed };
}

let deployed: Preflight;
let api: RunningApi;
beforeAll(async () => {
  deployed = deployedPreflight();
  const origins = [deployed.headers['access-control-allow-origin'] ?? '', ...deployed.echoed];
  api = await startApiServer({
    routes: API_ROUTES.map((route) => ({
      route,
      handler: () => Promise.reject(new Error('a preflight reaches no handler')),
    })),
    verify: () => Promise.reject(new Error('a preflight needs no token')),
    allowedOrigins: origins,
    port: 0,
  });
});
afterAll(async () => {
  await api.close();
});

describe('a CORS preflight', () => {
  it('is deployed for the console’s CloudFront origin first, and the configured ones', () => {
    expect(deployed.headers['access-control-allow-origin']).toBe(`https://${CONSOLE_DOMAIN}`);
    expect(deployed.echoed).toEqual(['https://sepakat-dev.bandung.example.go.id']);
  });

  it.each([
    ['the console', `https://${CONSOLE_DOMAIN}`],
    ['another allowed page', 'https://sepakat-dev.bandung.example.go.id'],
    ['a page not allowed', 'https://evil.example'],
    ['no page at all', undefined],
  ])('from %s is answered locally as API Gateway answers it', async (_, origin) => {
    for (const path of ['/agreements', '/reports/summary', '/agreements/agr-1/milestones']) {
      const answer = await fetch(`${api.endpoint}${path}`, {
        method: 'OPTIONS',
        headers: {
          ...(origin ? { origin } : {}),
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      const expected = { ...deployed.headers };
      if (origin && deployed.echoed.includes(origin)) {
        expected['access-control-allow-origin'] = origin;
      }
      const received = Object.fromEntries(
        Object.keys(expected).map((name) => [name, answer.headers.get(name)]),
      );
      expect([path, answer.status, received]).toEqual([path, deployed.status, expected]);
      expect(await answer.text()).toBe('');
    }
  });
});

describe('the local origins', () => {
  it('are the console’s port on loopback and those the developer adds', () => {
    expect(
      localAllowedOrigins({
        SEPAKAT_WEB_PORT: '45123',
        SEPAKAT_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      }),
    ).toEqual([
      'http://127.0.0.1:45123',
      'http://localhost:45123',
      'https://a.example',
      'https://b.example',
    ]);
    expect(localAllowedOrigins({}, 'http://127.0.0.1:45200/dev-sign-in')).toEqual([
      'http://127.0.0.1:45200',
    ]);
    expect(localAllowedOrigins({ SEPAKAT_WEB_PORT: '' })).toEqual([]);
  });
});
