import type { HttpEvent, HttpMiddleware } from './event.ts';
import { Problem } from './problems.ts';

export interface JsonBodyOptions {
  /** Larger bodies are refused with 413 before they are parsed. */
  maxBytes: number;
}

function parsedBody(event: HttpEvent, maxBytes: number): unknown {
  if (!event.body) return undefined;
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  if (Buffer.byteLength(raw) > maxBytes) {
    throw new Problem(413, 'too-large', 'Request too large', `The body exceeds ${maxBytes} bytes.`);
  }
  const type = event.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(type)) {
    throw new Problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the body as JSON with Content-Type: application/json.',
    );
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Problem(
      400,
      'malformed-json',
      'Malformed JSON',
      'The request body is not valid JSON.',
    );
  }
}

/** The JSON body as `event.json` (after httpHeaders(): it reads `content-type`). */
export function jsonBody({ maxBytes }: JsonBodyOptions): HttpMiddleware {
  return {
    before: ({ event }) => {
      event.json = parsedBody(event, maxBytes);
    },
  };
}
