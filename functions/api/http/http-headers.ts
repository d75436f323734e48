import { presentValues, type HttpMiddleware } from './event.ts';

/** Header names lower-cased, as HTTP compares them; the middlewares after it rely on that. */
export function httpHeaders(): HttpMiddleware {
  return {
    before: ({ event }) => {
      // Local callers and tests may leave headers out, as API Gateway never does.
      event.headers = Object.fromEntries(
        Object.entries(presentValues(event.headers)).map(([name, value]) => [
          name.toLowerCase(),
          value,
        ]),
      );
    },
  };
}
