import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server of local mode, listening on loopback. */
export interface Listening {
  server: Server;
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts `server` on loopback (port 0: any free port). `close` first runs `beforeClose`, then
 * drops open connections so that no keep-alive socket holds the process.
 */
export async function listenOnLoopback(
  server: Server,
  options: { port?: number; host?: string } = {},
  beforeClose: () => void = () => undefined,
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    endpoint: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        beforeClose();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
