// Every test file runs with this: a connection to anything but loopback fails the test,
// so no test can reach AWS or the internet by accident.
import net from 'node:net';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with its socket below
const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;

function hostOf(args: unknown[]): string | undefined {
  // net.connect() and HTTP agents (the AWS SDK) pass one normalized array: [options, callback].
  const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : (options.host ?? 'localhost');
  }
  if (typeof first === 'number') return typeof second === 'string' ? second : 'localhost';
  return undefined; // a Unix socket path
}

net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host !== undefined && !LOOPBACK.test(host)) {
    throw new Error(`Tests may only connect to loopback, not ${host}`);
  }
  return connect.apply(this, args);
};

// The SDK must never look for credentials on an instance metadata endpoint.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
