// An AWS SDK client, or how to make it when it is first needed. The functions' wiring passes
// the latter, so that an invocation that never calls the service (a refused request, a wait with
// nothing to wake, a bounce that needs no alert) does not spend its cold start configuring the
// client; tests and local mode pass their own clients.
export type ClientSource<C extends object> = C | (() => C);

/** The client of `source`, made at most once, on the first call. */
export function clientOf<C extends object>(source: ClientSource<C>): () => C {
  if (typeof source !== 'function') return () => source;
  let client: C | undefined;
  return () => (client ??= source());
}
