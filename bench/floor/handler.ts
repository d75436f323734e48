// The floor of a function: a handler that creates the AWS SDK clients the function creates and
// makes the AWS calls it makes for the same event, and nothing else (no middy, no Powertools,
// no validation, no domain code): what no implementation of the function can avoid.
// bench/floors.ts says which calls each function makes; bench/bundles.ts builds one floor per
// function from this module and the services it calls (a generated entry imports only those).

/** What a floor's call may read of the function's event. */
export interface FloorEvent {
  agreementId?: string;
  stateMachineArn?: string;
  pathParameters?: Record<string, string> | null;
}

/** One service's calls, on clients created once, when the floor loads. */
export interface FloorService {
  operations: readonly string[];
  call(operation: string, event: FloorEvent): Promise<unknown>;
}

export type FloorServiceFactory = (env: NodeJS.ProcessEnv) => FloorService;

/** `calls` as `<service> <operation>`, made one after the other. */
export function floorHandler(
  calls: readonly string[],
  factories: Record<string, FloorServiceFactory>,
): (event: FloorEvent) => Promise<{ calls: number; errors: string[]; urls: string[] }> {
  const services = new Map(
    Object.entries(factories).map(([name, factory]) => [name, factory(process.env)]),
  );
  const steps = calls.map((call) => {
    const [name = '', operation = ''] = call.split(' ');
    const service = services.get(name);
    if (!service?.operations.includes(operation)) {
      throw new Error(`The floor cannot make the call ${call}: add it to bench/floor/${name}.ts`);
    }
    return { call, operation, service };
  });
  return async (event) => {
    const errors: string[] = [];
    // Presigned URLs, answered as the function answers them.
    const urls: string[] = [];
    for (const { call, operation, service } of steps) {
      try {
        const answer = await service.call(operation, event);
        if (typeof answer === 'string') urls.push(answer);
      } catch (error) {
        // The call was made and answered: an error answer is part of the function's cost too
        // (a stale task token), and is reported so that a floor failing for its own reasons shows.
        errors.push(`${call}: ${error instanceof Error ? error.name : String(error)}`);
      }
    }
    return { calls: steps.length, errors, urls };
  };
}

/** The agreement an event is about, if any. */
export function agreementIdOf(event: FloorEvent): string {
  return event.agreementId ?? event.pathParameters?.id ?? 'bench-floor';
}

/** A fresh key for what a floor writes, apart from the app's items and files. */
export function floorKey(): string {
  return `FLOOR#${crypto.randomUUID()}`;
}

/** The event's document's file, or one of the floor's own. */
export function objectKey(event: FloorEvent): string {
  const documentId = event.pathParameters?.documentId;
  return documentId ? `agreements/${agreementIdOf(event)}/${documentId}` : `floor/${floorKey()}`;
}

/** The floors' email, to an address on a reserved example domain. */
export const FLOOR_EMAIL = {
  to: 'floor@bench.example.go.id',
  subject: 'Sepakat bench floor',
  text: 'The floor of a function that sends one email.',
};
