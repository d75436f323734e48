// The email as SES v2 SendEmail's simple content: SES builds the MIME message itself (text and
// html as multipart/alternative, the attachments beside them, RFC 2047 encoded subjects, folded
// headers), so no MIME composer ships in the functions. This module makes sure that nothing
// from the data can shape a header: each address is one valid address, the subject one line,
// an attachment's name and type plain values, and no header of our own is sent.
import type { Destination, Message } from '@aws-sdk/client-sesv2';
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
  /^([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)(\s*;\s*[a-z0-9_-]+=("[^"\\]*"|[a-z0-9._-]+))*$/i;
const UTF8 = 'UTF-8';

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

/** A file name without path separators, quotes or control characters. */
function filename(value: string): string {
  const name = headerValue(value).replace(/[/\\"]/g, '_');
  return name.length > 0 ? name.slice(0, 200) : 'attachment';
}

/**
 * The media type alone (`text/calendar`): SES's attachment field takes a media type and writes
 * the header itself. Its parameters are dropped: a calendar file is UTF-8 by definition
 * (RFC 5545, 3.1.4) and says its METHOD inside.
 */
function mediaType(value: string): string {
  const type = CONTENT_TYPE.exec(headerValue(value))?.[1];
  if (!type) throw new InvalidMessageError(`Not a valid content type: ${JSON.stringify(value)}`);
  return type.toLowerCase();
}

const utf8 = (data: string) => ({ Data: data, Charset: UTF8 });

/**
 * The sender, recipients and simple content of SendEmail for this email. Throws
 * InvalidMessageError for an address that is not one valid email address, an unusable content
 * type, or no recipient.
 */
export function simpleEmail(
  email: OutgoingEmail,
  from: string,
): { FromEmailAddress: string; Destination: Destination; Content: { Simple: Message } } {
  const sender = address(from, 'from');
  const to = email.to.map((a) => address(a, 'to'));
  const cc = email.cc.map((a) => address(a, 'cc'));
  if (to.length === 0) throw new InvalidMessageError('An email needs at least one recipient');
  const attachments = (email.attachments ?? []).map((a) => ({
    FileName: filename(a.filename),
    ContentType: mediaType(a.contentType),
    ContentDisposition: 'ATTACHMENT' as const,
    // Base64 keeps any byte of the file intact on its way through SMTP.
    ContentTransferEncoding: 'BASE64' as const,
    RawContent: new TextEncoder().encode(a.content),
  }));
  return {
    FromEmailAddress: sender,
    Destination: { ToAddresses: to, ...(cc.length > 0 ? { CcAddresses: cc } : {}) },
    Content: {
      Simple: {
        Subject: utf8(headerValue(email.subject)),
        Body: {
          Text: utf8(email.text),
          ...(email.html !== undefined ? { Html: utf8(email.html) } : {}),
        },
        ...(attachments.length > 0 ? { Attachments: attachments } : {}),
      },
    },
  };
}
