// The SES stand-in (aws-ses-v2-local), in-process on loopback: it captures every email sent
// through the SES v1/v2 API and serves them at GET /store and in its web page at /. It drops an
// email's message tags; this module keeps them on the captured email (`tags`), so that the
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
  /** Its attachments: a raw message's parts, or a simple one's `Attachments`. */
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

/**
 * The message tags of a send, by name: SendRawEmail's `Tags.member.N.Name` / `.Value` (the v1
 * query protocol), or SendEmail's `EmailTags` (v2, JSON).
 */
function tagsOf(body: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let n = 1; typeof body[`Tags.member.${String(n)}.Name`] === 'string'; n++) {
    const name = body[`Tags.member.${String(n)}.Name`] as string;
    const value = body[`Tags.member.${String(n)}.Value`];
    if (typeof value === 'string') tags[name] = value;
  }
  const emailTags: unknown = body.EmailTags;
  for (const tag of Array.isArray(emailTags) ? (emailTags as unknown[]) : []) {
    const { Name: name, Value: value } = (tag ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof name === 'string' && typeof value === 'string') tags[name] = value;
  }
  return tags;
}

/** The MessageId a send's answer names: SES v1's query XML, or v2's JSON. */
function sentMessageId(answer: string): string | undefined {
  return (
    /<MessageId>([^<]+)<\/MessageId>/.exec(answer)?.[1] ??
    /^\{"MessageId":"([^"]+)"\}$/.exec(answer)?.[1]
  );
}

/**
 * Puts the stand-in's own request listener (its express app) behind one that, as the answer to a
 * send goes out, writes the request's tags onto the email the stand-in just stored, and
 * calls `sent` once an email is stored. It also keeps the stand-in's slips from reaching the
 * process, which runs the API and the engine too (docs/ses-stand-in-bug.md): an email it does
 * not have is answered here, and a second answer to one request is dropped, not thrown.
 */
function guard(server: Server, sent: () => void): void {
  const [app] = server.listeners('request') as RequestListener[];
  if (!app) throw new Error('The SES stand-in has no request listener');
  server.removeListener('request', app);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (unknownEmail(req)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'No captured email has this messageId' }));
      return;
    }
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (res.writableEnded) return res;
      // Express parsed the form or JSON into `req.body` before the stand-in answered.
      const body = (req as IncomingMessage & { body?: Record<string, unknown> }).body;
      // A send's answer names the stored email's MessageId.
      const messageId = sentMessageId(String(args[0]));
      if (body && messageId) {
        const email = sesStore.getStoreReadonly().emails.find((e) => e.messageId === messageId);
        if (email) Object.assign(email, { tags: tagsOf(body) });
      }
      if (/MessageId/.test(String(args[0]))) sent();
      return end(...args);
    }) as typeof res.end;
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) =>
      res.headersSent ? res : setHeader(name, value);
    app(req, res);
  });
}

/** GET /get-emlContent for a messageId the store lacks: the stand-in answers twice (a crash). */
function unknownEmail(req: IncomingMessage): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/get-emlContent') return false;
  const messageId = url.searchParams.get('messageId');
  return !sesStore.getStoreReadonly().emails.some((e) => e.messageId === messageId);
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
   * Keep the captured emails in this JSON file (user-only): read at start, written as each
   * arrives and at stop. Default: the emails live as long as the process.
   */
  storeFile?: string;
  /** At most this many emails are kept, the oldest dropped first. Default 2000. */
  maxEmails?: number;
}

/** The cap on what the store keeps, so that a long run does not grow it without bound. */
export const MAX_EMAILS = 2000;

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
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  await writeFile(temporary, JSON.stringify(sesStore.getStoreReadonly().emails), { mode: 0o600 });
  await rename(temporary, file);
}

function cap(maxEmails: number): void {
  const { emails } = sesStore.getStoreReadonly();
  if (emails.length > maxEmails) emails.splice(0, emails.length - maxEmails);
}

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  const { storeFile } = options;
  const maxEmails = options.maxEmails ?? MAX_EMAILS;
  if (storeFile) await loadEmails(storeFile);
  cap(maxEmails);
  const server: Server = await ses.default({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = server.address() as AddressInfo | null;
  // The stand-in reports a port already in use this way.
  if (!address) throw new Error(`SES stand-in could not listen on port ${String(options.port)}`);
  // Written as they arrive (a killed local mode loses none), one write at a time.
  let writing = Promise.resolve();
  let pending = false;
  const save = () => {
    if (!storeFile || pending) return;
    pending = true;
    writing = writing.then(async () => {
      pending = false;
      cap(maxEmails);
      await saveEmails(storeFile).catch((error: unknown) => {
        console.error(`The SES stand-in could not save ${storeFile}: ${String(error)}`);
      });
    });
  };
  guard(server, save);
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
      await writing;
      cap(maxEmails);
      if (storeFile) await saveEmails(storeFile);
    },
  };
}
