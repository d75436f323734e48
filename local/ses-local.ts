// The SES stand-in (aws-ses-v2-local), in-process on loopback: it captures every email sent
// through the SES v1/v2 API and serves them at GET /store and in its web page at /. It drops a
// raw email's message tags; this module keeps them on the captured email (`tags`), so that the
// store answers what SES's send events answer in AWS: which nudge an email was.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import ses from 'aws-ses-v2-local';
// The stand-in keeps its emails in this module (one store per process); local mode saves them.
import sesStore from 'aws-ses-v2-local/dist/store.js';
import { NUDGE_TAG, nudgeTagValue, AGREEMENT_TAG } from '../adapters/ses/message-tags.ts';
import type { SentMessages } from '../domain/ports.ts';

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
  /** The message tags it was sent with, by name. */
  tags: Record<string, string>;
}

type StoredEmail = Omit<CapturedEmail, 'attachments' | 'tags'> & {
  attachments?: CapturedAttachment[];
  tags?: Record<string, string>;
};

const ADDRESS = /[^\s<>",;]+@[^\s<>",;]+/g;

/** `"a@x, b@y"` (a raw message's To header as the stand-in stores it) → `["a@x", "b@y"]`. */
function addresses(entries: string[]): string[] {
  return entries.flatMap((entry) => entry.match(ADDRESS) ?? []);
}

function captured(email: StoredEmail): CapturedEmail {
  const { to, cc, bcc } = email.destination;
  return {
    ...email,
    tags: email.tags ?? {},
    destination: { to: addresses(to), cc: addresses(cc), bcc: addresses(bcc) },
    attachments: (email.attachments ?? []).map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      contentType: a.contentType,
      content: a.content,
      size: a.size,
    })),
  };
}

/** `Tags.member.N.Name` / `.Value` of a SendRawEmail request (the SES query protocol). */
function tagsOf(form: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let n = 1; typeof form[`Tags.member.${String(n)}.Name`] === 'string'; n++) {
    const name = form[`Tags.member.${String(n)}.Name`] as string;
    const value = form[`Tags.member.${String(n)}.Value`];
    if (typeof value === 'string') tags[name] = value;
  }
  return tags;
}

/**
 * Puts the stand-in's own request listener (its express app) behind one that, as the answer to a
 * SendRawEmail goes out, writes the request's tags onto the email the stand-in just stored.
 */
function keepTags(server: Server): void {
  const [app] = server.listeners('request') as RequestListener[];
  if (!app) throw new Error('The SES stand-in has no request listener');
  server.removeListener('request', app);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      // Express parsed the form into `req.body` before the stand-in answered.
      const form = (req as IncomingMessage & { body?: Record<string, unknown> }).body;
      const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(String(args[0]))?.[1];
      if (form?.Action === 'SendRawEmail' && messageId) {
        const email = sesStore.getStoreReadonly().emails.find((e) => e.messageId === messageId);
        if (email) Object.assign(email, { tags: tagsOf(form) });
      }
      return end(...args);
    }) as typeof res.end;
    app(req, res);
  });
}

/** The nudges the stand-in captured, by their tags: local mode's send events. */
export function standInSentMessages(endpoint: string): SentMessages {
  return {
    async sentNudge(agreementId, nudge) {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`SES stand-in store: HTTP ${String(response.status)}`);
      const { emails } = (await response.json()) as { emails: StoredEmail[] };
      const tag = nudgeTagValue(nudge);
      return emails.find(
        (e) => e.tags?.[AGREEMENT_TAG] === agreementId && e.tags[NUDGE_TAG] === tag,
      )?.messageId;
    },
  };
}

export interface SesLocal {
  endpoint: string;
  /** What the stand-in captured, as the send task asks SES's send events. */
  sentMessages: SentMessages;
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
  keepTags(server);
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    sentMessages: standInSentMessages(endpoint),
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
