// What a cold start asks of AWS: a loopback proxy in front of each stand-in that forwards every
// request and notes its service and operation, whatever client or library sent it. The bench
// runs one uncounted round through it, for each function and its floor, so that a floor that
// no longer makes the calls of its function is caught in the run that would report it.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One AWS call: `dynamodb GetItem`, `sfn StartExecution`, `s3 PutObject`, `ses SendRawEmail`. */
export type Call = string;

export interface Recorder {
  /** The same variables as the stand-ins' (`AWS_ENDPOINT_URL_<SERVICE>`), on the proxies. */
  endpoints: Record<string, string>;
  /** Starts a new record; what came since the last `take` is returned. */
  take(): Call[];
  stop(): Promise<void>;
}

/** The service of an endpoint variable: `AWS_ENDPOINT_URL_SESV2` → `sesv2`. */
function serviceOf(variable: string): string {
  return variable.replace('AWS_ENDPOINT_URL_', '').toLowerCase();
}

/** The operation of a request, by the service's protocol (JSON target, query, REST). */
export function operationOf(service: string, req: IncomingMessage, body: string): string {
  const target = req.headers['x-amz-target'];
  // JSON protocols (DynamoDB, Step Functions): `DynamoDB_20120810.GetItem`.
  if (typeof target === 'string') return target.split('.').at(-1) ?? target;
  const url = new URL(req.url ?? '/', 'http://stand-in');
  // SES v2 (REST): POST /v2/email/outbound-emails is SendEmail.
  if (url.pathname.startsWith('/v2/email/outbound-emails')) return 'SendEmail';
  // Query protocol (SES v1, should a function use it again): the action is a form field.
  const action = new URLSearchParams(body).get('Action') ?? url.searchParams.get('Action');
  if (action) return action;
  if (service === 's3') return s3Operation(req.method ?? 'GET', url);
  return `${req.method ?? 'GET'} ${url.pathname}`;
}

/** S3's REST operations on objects that the functions use. */
function s3Operation(method: string, url: URL): string {
  if (url.searchParams.has('retention'))
    return `${method === 'PUT' ? 'Put' : 'Get'}ObjectRetention`;
  const verb = { GET: 'Get', PUT: 'Put', DELETE: 'Delete', HEAD: 'Head' }[method] ?? method;
  return `${verb}Object`;
}

/** A proxy per endpoint, forwarding to it. */
export async function startRecorder(targets: Record<string, string>): Promise<Recorder> {
  let calls: Call[] = [];
  const servers: Server[] = [];
  const endpoints: Record<string, string> = {};
  for (const [variable, target] of Object.entries(targets)) {
    const service = serviceOf(variable);
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        calls.push(`${service} ${operationOf(service, req, body.toString())}`);
        const forward = request(
          new URL(req.url ?? '/', target),
          { method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', (error) => {
          res.writeHead(502).end(String(error));
        });
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    endpoints[variable] = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  }
  return {
    endpoints,
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
    async stop() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.closeAllConnections();
              server.close(resolve);
            }),
        ),
      );
    },
  };
}
