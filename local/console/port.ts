// The console's port. Unlike the API's, it has a fallback: when SEPAKAT_WEB_PORT is not set and
// the default is taken (another local mode, a dev server), the console takes any free port and
// the ready block and local-mode.json say which. A port set on purpose that is taken stops the
// start, as the other parts' ports do.
import { createServer } from 'node:net';
import { freePort } from '../dynamodb-local.ts';

export const DEFAULT_WEB_PORT = 3001;
export const WEB_PORT_VARIABLE = 'SEPAKAT_WEB_PORT';

/** Thrown as local mode's own LocalModeError by its caller's catch: a plain message. */
export class WebPortError extends Error {
  override readonly name = 'WebPortError';
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** The port the console listens on; `taken` are the other parts' ports. */
export async function consolePort(given: number | undefined, taken: number[]): Promise<number> {
  const raw = process.env[WEB_PORT_VARIABLE];
  const wanted = given ?? (raw !== undefined && raw !== '' ? Number(raw) : undefined);
  if (wanted === undefined) {
    if (!taken.includes(DEFAULT_WEB_PORT) && (await isFree(DEFAULT_WEB_PORT)))
      return DEFAULT_WEB_PORT;
    return freePort();
  }
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65_535) {
    throw new WebPortError(
      `${WEB_PORT_VARIABLE} must be a port number from 1 to 65535, not ${JSON.stringify(given ?? raw)}.`,
    );
  }
  if (wanted === 0) return freePort();
  if (taken.includes(wanted) || !(await isFree(wanted))) {
    throw new WebPortError(
      `Port ${String(wanted)} is already in use, so the console cannot start: stop what uses it, or set ${WEB_PORT_VARIABLE} to a free port (e.g. ${WEB_PORT_VARIABLE}=${String(wanted + 10)} npm start).`,
    );
  }
  return wanted;
}
