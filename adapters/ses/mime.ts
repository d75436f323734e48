// The raw MIME message SES's SendRawEmail sends: multipart/alternative text and html, in a
// multipart/mixed with the attachments (e.g. a training's calendar invitation). Nodemailer's
// MailComposer builds it (base64 or quoted-printable parts, RFC 2047 encoded-word subjects,
// folded headers); this module makes sure that nothing from the data can shape a header.
import MailComposer from 'nodemailer/lib/mail-composer';
import { isEmailAddress } from '../../domain/email-address.ts';
import type { OutgoingEmail } from '../../domain/ports.ts';

export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

// C0 and C1 controls (CR and LF among them), line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const CONTENT_TYPE =
  /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9_-]+=("[^"\\]*"|[a-z0-9._-]+))*$/i;

/** A header value: one line, no control characters. */
export function headerValue(value: string): string {
  return value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

function address(value: string, field: string): string {
  if (!isEmailAddress(value)) {
    throw new InvalidMessageError(
      `${field}: not a single valid email address: ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A file name without path separators or control characters. */
function filename(value: string): string {
  const name = headerValue(value).replace(/[/\\"]/g, '_');
  return name.length > 0 ? name.slice(0, 200) : 'attachment';
}

function contentType(value: string): string {
  const type = headerValue(value);
  if (!CONTENT_TYPE.test(type)) {
    throw new InvalidMessageError(`Not a valid content type: ${JSON.stringify(value)}`);
  }
  return type;
}

export interface RawMessageOptions {
  /** The sender: a verified SES identity. */
  from: string;
  /** @default now */
  date?: Date;
}

/**
 * The email as an RFC 5322 message with CRLF line breaks. Throws InvalidMessageError for an
 * address that is not one valid email address, an unusable content type, or no recipient.
 */
export async function buildRawMessage(
  email: OutgoingEmail,
  options: RawMessageOptions,
): Promise<Uint8Array> {
  const from = address(options.from, 'from');
  const to = email.to.map((a) => address(a, 'to'));
  const cc = email.cc.map((a) => address(a, 'cc'));
  if (to.length === 0) throw new InvalidMessageError('An email needs at least one recipient');
  const composer = new MailComposer({
    from,
    to,
    ...(cc.length > 0 ? { cc } : {}),
    subject: headerValue(email.subject),
    ...(options.date ? { date: options.date } : {}),
    text: email.text,
    ...(email.html !== undefined ? { html: email.html } : {}),
    attachments: (email.attachments ?? []).map((a) => ({
      filename: filename(a.filename),
      contentType: contentType(a.contentType),
      content: a.content,
    })),
    // Content is given, never read from a path or fetched from a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
    newline: 'windows',
  });
  const message = await composer.compile().build();
  return new Uint8Array(message);
}
