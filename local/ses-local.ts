// The SES stand-in (aws-ses-v2-local), in-process on loopback: it captures every email sent
// through the SES v1/v2 API and serves them at GET /store and in its web page at /.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import ses from 'aws-ses-v2-local';
// The stand-in keeps its emails in this module (one store per process); local mode saves them.
import sesStore from 'aws-ses-v2-local/dist/store.js';

export interface CapturedAttachment {
  filename?: string;
  contentType: string;
  /** Base64. */
  content: string;
  size: number;
}

export interface CapturedEmail {
  messageId: string;
  from: string;
  /** One address an entry (the stand-in lists a raw message's header as one entry). */
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** Those of a raw message (SendRawEmail); none for a simple one. */
  attachments: CapturedAttachment[];
  /** Epoch seconds. */
  at: number;
}

type StoredEmail = Omit<CapturedEmail, 'attachments'> & { attachments?: CapturedAttachment[] };

const ADDRESS = /[^\s<>",;]+@[^\s<>",;]+/g;

/** `"a@x, b@y"` (a raw message's To header as the stand-in stores it) → `["a@x", "b@y"]`. */
function addresses(entries: string[]): string[] {
  return entries.flatMap((entry) => entry.match(ADDRESS) ?? []);
}

function captured(email: StoredEmail): CapturedEmail {
  const { to, cc, bcc } = email.destination;
  return {
    ...email,
    destination: { to: addresses(to), cc: addresses(cc), bcc: addresses(bcc) },
    attachments: (email.attachments ?? []).map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      content: a.content,
      size: a.size,
    })),
  };
}

export interface SesLocal {
  endpoint: string;
  port: number;
  emails(): Promise<CapturedEmail[]>;
  stop(): Promise<void>;
}

export interface SesLocalOptions {
  /** Default: a free port. */
  port?: number;
  /**
   * Keep the captured emails in this JSON file: read at start, written at stop. Default: the
   * emails live as long as the process.
   */
  storeFile?: string;
}

async function loadEmails(file: string): Promise<void> {
  let saved: sesStore.Email[];
  try {
    saved = JSON.parse(await readFile(file, 'utf8')) as sesStore.Email[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') saved = [];
    else
      throw new Error(`Cannot read the saved emails in ${file}: ${String(error)}`, {
        cause: error,
      });
  }
  const { emails } = sesStore.getStoreReadonly();
  emails.splice(0, emails.length, ...saved);
}

async function saveEmails(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(sesStore.getStoreReadonly().emails));
  await rename(`${file}.tmp`, file);
}

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  if (options.storeFile) await loadEmails(options.storeFile);
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
      const store = (await response.json()) as { emails: StoredEmail[] };
      return store.emails.map(captured);
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      });
      if (options.storeFile) await saveEmails(options.storeFile);
    },
  };
}
