// test/support/loopback-only.ts guards every test file; this checks the guard itself.
// It throws before a socket opens, so nothing leaves the machine.
import { describe, expect, it } from '@jest/globals';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import net from 'node:net';

describe('the loopback guard', () => {
  it('refuses a connection to an address outside loopback', () => {
    const socket = new net.Socket();
    expect(() => socket.connect(443, '192.0.2.10')).toThrow(
      'Tests may only connect to loopback, not 192.0.2.10',
    );
    socket.destroy();
  });

  it('refuses an AWS endpoint by name, as the SDK connects through net.connect', () => {
    expect(() => net.connect({ host: 'dynamodb.ap-southeast-3.amazonaws.com', port: 443 })).toThrow(
      'Tests may only connect to loopback',
    );
  });

  it('refuses an SDK call to real AWS', async () => {
    const client = new DynamoDBClient({
      endpoint: 'https://dynamodb.ap-southeast-3.amazonaws.com',
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      // The handler arms a socket-usage timer (3 s by default) that a request refused before its
      // socket opens never clears: a short one keeps it from holding jest's worker open.
      requestHandler: { socketAcquisitionWarningTimeout: 1 },
    });
    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(
      'Tests may only connect to loopback',
    );
    client.destroy();
  });

  it('lets loopback through', async () => {
    const server = net.createServer((socket) => {
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) =>
      socket.once('connect', resolve).once('error', reject),
    );
    socket.destroy();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  });
});
