// Local mode's console server: the built console (web/dist) on its own origin, its runtime
// configuration (/config.json: the local API, development sign-in), and the development
// sign-in's two helpers, which exist here only: POST /dev-token signs a development token with
// the data folder's key, GET /dev-regions finds a partner region by name before anyone has a
// token. The deployed console (S3 + CloudFront) has neither: its sign-in is Cognito's.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { searchRegions } from '../../domain/regions/regions.ts';
import { REGION_CODE_PATTERN } from '../../domain/regions/region-code.ts';
import { signDevToken, type DevKey } from '../api/dev-tokens.ts';
import { listenOnLoopback, type Listening } from '../listen.ts';

export interface ConsoleServerProps {
  /** The API the console calls (its origin goes into the CSP's connect-src). */
  apiUrl: string;
  /** The S3 stand-in, where the documents' files go up and come down (its origin too). */
  storageUrl?: string;
  key: DevKey;
  /** The built console: web/dist. */
  distDir: string;
  port?: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The headers the deployed console gets from CloudFront's response headers policy, in spirit. */
function securityHeaders(apiUrl: string, storageUrl?: string): Record<string, string> {
  const connect = [apiUrl, ...(storageUrl ? [storageUrl] : [])].map((url) => new URL(url).origin);
  return {
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ${connect.join(' ')}`,
      "img-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  };
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    'content-type': status < 400 ? 'application/json' : 'application/problem+json',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

function problem(response: ServerResponse, status: number, detail: string) {
  const title =
    status === 405 ? 'Method not allowed' : status >= 500 ? 'Internal error' : 'Bad request';
  json(response, status, { type: 'about:blank', title, status, detail });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 10_000) return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startConsoleServer(props: ConsoleServerProps): Promise<Listening> {
  const headers = securityHeaders(props.apiUrl, props.storageUrl);
  const root = normalize(props.distDir);

  async function devToken(request: IncomingMessage, response: ServerResponse) {
    const body = (await readJson(request)) as { role?: unknown; region?: unknown } | undefined;
    const role = body?.role;
    const region = body?.region;
    if (role !== 'host' && role !== 'partner') {
      problem(response, 400, 'role must be "host" or "partner"');
      return;
    }
    if (
      role === 'partner' &&
      (typeof region !== 'string' || !REGION_CODE_PATTERN.test(region) || !region.includes('.'))
    ) {
      problem(
        response,
        400,
        'a partner needs region: the Kemendagri code of a regency or city, e.g. 61.12',
      );
      return;
    }
    const token = await signDevToken(props.key, {
      role,
      ...(role === 'partner' ? { region: region as string } : {}),
    });
    json(response, 200, { token });
  }

  async function file(path: string, response: ServerResponse, method: string) {
    // Every path that is not a file is a page of the console: index.html routes it.
    let target = normalize(join(root, decodeURIComponent(path)));
    if (!target.startsWith(root + sep)) target = join(root, 'index.html');
    const info = await stat(target).catch(() => undefined);
    if (!info?.isFile()) target = join(root, 'index.html');
    const immutable = target.includes(`${sep}assets${sep}`);
    response.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...headers,
    });
    if (method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(target).pipe(response);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const handled = (async () => {
      if (url.pathname === '/config.json' && method === 'GET') {
        json(response, 200, { apiUrl: props.apiUrl, auth: { kind: 'local' } });
      } else if (url.pathname === '/dev-token' && method === 'POST') {
        await devToken(request, response);
      } else if (url.pathname === '/dev-regions' && method === 'GET') {
        const q = (url.searchParams.get('q') ?? '').trim();
        json(response, 200, { items: q.length >= 2 ? searchRegions(q, 10) : [] });
      } else if (method === 'GET' || method === 'HEAD') {
        await file(url.pathname, response, method);
      } else {
        problem(response, 405, `${method} is not allowed here`);
      }
    })();
    handled.catch((error: unknown) => {
      if (!response.headersSent) problem(response, 500, String(error));
      else response.destroy();
    });
  });
  return listenOnLoopback(server, { port: props.port ?? 0 });
}
