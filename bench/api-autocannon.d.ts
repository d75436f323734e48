// autocannon ships no types; this is the part of its API the bench uses.
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  interface RequestStep extends Request {
    /** Called before each request of a connection; returns the request to send. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, unknown>,
      headers: Record<string, string>,
    ) => void;
  }
  interface Options {
    url: string;
    connections: number;
    /** Seconds. */
    duration: number;
    requests?: RequestStep[];
    /** Stops early once this many requests were sent, all connections together. */
    maxOverallRequests?: number;
    /** Seconds. */
    timeout?: number;
  }
  interface Result {
    /** Connection errors and timeouts. */
    errors: number;
    timeouts: number;
    /** Seconds. */
    duration: number;
  }
  interface Instance extends PromiseLike<Result> {
    /** `responseTime` in milliseconds, at the resolution of process.hrtime. */
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): this;
  }
  export default function autocannon(options: Options): Instance;
}
