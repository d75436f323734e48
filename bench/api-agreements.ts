// What the API and scale benches store and send: valid, distinct agreements, a workflow time at
// which no email is due, and the DynamoDB requests the repository makes, captured from the
// repository itself rather than rebuilt by hand.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { DynamoAgreementRepository } from '../adapters/dynamodb/agreement-repository.ts';
import type { Agreement, AuditEventDraft } from '../domain/agreement.ts';
import { latestIndonesianDate } from '../domain/dates.ts';
import { createAgreement } from '../domain/lifecycle.ts';
import { allRegions } from '../domain/regions/regions.ts';
import { createAgreementSchema } from '../domain/schemas.ts';
import { LOCAL_HOST_REGION_CODE } from '../local/local-mode.ts';

const PARTNERS = allRegions()
  .filter((region) => region.type !== 'PROVINSI' && region.code !== LOCAL_HOST_REGION_CODE)
  .map((region) => region.code);

/** The body of POST /agreements for the n-th bench agreement: its own title, partners in turn. */
export function agreementBody(n: number) {
  const partner = PARTNERS[n % PARTNERS.length] ?? '61.12';
  const domain = `mitra-${partner.replace('.', '-')}.example.go.id`;
  return {
    title: `Kerja sama smart city dan e-government, bench ${String(n)}`,
    partnerRegion: { code: partner },
    apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
    contacts: [
      {
        name: 'Koordinator Diskominfo Kota Bandung',
        email: 'koordinator@bandung.example.go.id',
        role: 'COORDINATOR',
        side: 'HOST',
      },
      { name: 'Kepala Diskominfo', email: `kadis@${domain}`, role: 'OFFICIAL', side: 'PARTNER' },
      { name: 'Sekretaris Daerah', email: `sekda@${domain}`, role: 'ESCALATION', side: 'PARTNER' },
    ],
  };
}

/** A MoU signed on the workflow's current date: accepted once per agreement in stage MOU. */
export function mouSignedBody(now: Date) {
  return { type: 'MOU_SIGNED', occurredAt: latestIndonesianDate(now) };
}

const SATURDAY = 6;
const HOUR_MS = 3_600_000;

/**
 * The next Saturday 18:00 UTC from `now`: Sunday 01:00-03:00 in every Indonesian zone. Nudges
 * go out in office hours on working days, so for the next day and a half no email is due and
 * every execution the bench starts stores its wait and sleeps, whatever the hour of the run.
 */
export function quietSunday(now = new Date()): Date {
  const at = new Date(now);
  at.setUTCHours(18, 0, 0, 0);
  at.setUTCDate(at.getUTCDate() + ((SATURDAY - at.getUTCDay() + 7) % 7));
  return at.getTime() < now.getTime() ? new Date(at.getTime() + 7 * 24 * HOUR_MS) : at;
}

/** The n-th bench agreement as POST /agreements creates it, at `at`. */
export function benchAgreement(
  n: number,
  at: Date,
): { agreement: Agreement; events: AuditEventDraft[] } {
  const outcome = createAgreement(createAgreementSchema.parse(agreementBody(n)), {
    now: at,
    actor: 'bench@bandung.example.go.id',
    id: ulid(at.getTime()),
    defaultHostRegionCode: LOCAL_HOST_REGION_CODE,
  });
  if (!outcome.ok) throw new Error(`Bench agreement ${String(n)}: ${outcome.rejection.message}`);
  return outcome;
}

/** A DynamoDB request as the repository makes it: the low-level operation and its input. */
export interface CapturedRequest {
  /** The operation's name in DynamoDB's API, e.g. Query, TransactWriteItems. */
  operation: string;
  /** The document client's input (attribute values not yet typed). */
  input: Record<string, unknown>;
}

/**
 * The DynamoDB requests `call` makes on a repository of `tableName`, in order; nothing is sent
 * and each is answered with `output`.
 */
export async function capturedRequests(
  tableName: string,
  call: (repository: DynamoAgreementRepository) => Promise<unknown>,
  output: Record<string, unknown> = {},
): Promise<CapturedRequest[]> {
  const requests: CapturedRequest[] = [];
  const recorder = {
    send: (command: { input: Record<string, unknown> }) => {
      requests.push({ operation: operationOf(command.constructor.name), input: command.input });
      return Promise.resolve(output);
    },
  } as unknown as DynamoDBDocumentClient;
  await call(new DynamoAgreementRepository({ client: recorder, tableName }));
  return requests;
}

/** The inputs of the requests `call` makes (see capturedRequests). */
export async function capturedInputs(
  tableName: string,
  call: (repository: DynamoAgreementRepository) => Promise<unknown>,
  output: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  return (await capturedRequests(tableName, call, output)).map((request) => request.input);
}

/** The document client's command name as DynamoDB's operation: GetCommand is GetItem. */
function operationOf(commandName: string): string {
  const name = commandName.replace(/Command$/, '');
  if (name.startsWith('Transact')) return `${name}Items`;
  return ['Get', 'Put', 'Update', 'Delete', 'BatchGet', 'BatchWrite'].includes(name)
    ? `${name}Item`
    : name;
}

/** The items a creation writes (the agreement with its index keys, its events), in order. */
export async function creationItems(
  tableName: string,
  created: { agreement: Agreement; events: AuditEventDraft[] },
): Promise<Record<string, unknown>[]> {
  const [transaction] = await capturedInputs(tableName, (repository) =>
    repository.create(created.agreement, created.events),
  );
  const items = (transaction?.TransactItems ?? []) as { Put?: { Item: object } }[];
  return items.flatMap((item) => (item.Put ? [item.Put.Item as Record<string, unknown>] : []));
}

const MARSHALLED = ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey'];

/**
 * A document client's input as DynamoDB's JSON protocol carries it (attribute values typed),
 * a transaction's items each in turn.
 */
export function wireInput(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).map(([name, value]) => {
      if (name === 'TransactItems' && Array.isArray(value)) {
        return [name, value.map((item: Record<string, Record<string, unknown>>) => wireItem(item))];
      }
      return [
        name,
        MARSHALLED.includes(name) && value
          ? marshall(value as Record<string, unknown>, { removeUndefinedValues: true })
          : value,
      ];
    }),
  );
}

/** One item of a transaction: { Put | Update | Delete | ConditionCheck: input }. */
function wireItem(item: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([kind, body]) => [kind, wireInput(body)]));
}
