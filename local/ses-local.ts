// The SES stand-in (aws-ses-v2-local), in-process on loopback: it captures every email sent
// through the SES v1/v2 API and serves them at GET /store and in its web page at /.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ses from 'aws-ses-v2-local';

export interface CapturedEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Epoch seconds. */
  at: number;
}

export interface SesLocal {
  endpoint: string;
  port: number;
  emails(): Promise<CapturedEmail[]>;
  stop(): Promise<void>;
}

export async function startSesLocal(options: { port?: number } = {}): Promise<SesLocal> {
  const server: Server = await ses.default({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = server.address() as AddressInfo | null;
  // The stand-in reports a port already in use this way.
  if (!address) throw new Error(`SES stand-in could not listen on port ${String(options.port)}`);
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    port: address.port,
    async emails() {
      const response = await fetch(`${endpoint}/store`);
      const store = (await response.json()) as { emails: CapturedEmail[] };
      return store.emails;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
