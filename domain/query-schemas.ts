// The query parameters of the agreement list and the report summary, apart from the bodies'
// schemas (schemas.ts): the routes that read never build those.
import * as z from './zod.ts';
import { TERM_STATUSES } from './enums.ts';
import { cursorSchema, queryInt } from './page-query.ts';
import { REGION_CODE_PATTERN } from './regions/region-code.ts';
import { findRegion } from './regions/regions.ts';
import { stageSchema } from './schema-parts.ts';

/** A yes/no query parameter: `true` or `false`, nothing else. */
const queryFlag = z.pipe(
  z.enum(['true', 'false'], { message: 'must be true or false' }),
  z.transform((value) => value === 'true'),
);

const partnerRegionParameter = z
  .string()
  .check(
    z.regex(REGION_CODE_PATTERN, 'must be a Kemendagri code'),
    z.describe('Only agreements with this partner region (Kemendagri code, e.g. 61.12)'),
  );

export const LIST_SORTS = ['newest', 'longest-waiting'] as const;

/** A province's Kemendagri code (two digits), one that exists. */
export const provinceCodeSchema = z.string().check(
  z.regex(/^\d{2}$/, { message: 'must be a Kemendagri province code such as "32"', abort: true }),
  z.refine((code) => findRegion(code) !== undefined, 'is not a known Kemendagri province code'),
);

/**
 * GET /agreements: every filter of the list, parsed in this one place. A new filter is a field
 * here, in `ListFilters` (domain/ports.ts) and in the adapter's filter table
 * (adapters/dynamodb/list-query.ts).
 */
export const listAgreementsQuerySchema = z.strictObject({
  stage: z.optional(stageSchema),
  province: z
    .optional(provinceCodeSchema)
    .check(
      z.describe('Only agreements whose partner region lies in this province (Kemendagri code)'),
    ),
  partnerRegion: z.optional(partnerRegionParameter),
  stalled: z
    .optional(queryFlag)
    .check(
      z.describe(
        '`true`: only agreements whose current stage is overdue against their reminder policy ' +
          '(at least one reminder sent); `false`: only the others',
      ),
    ),
  needsAttention: z
    .optional(queryFlag)
    .check(z.describe('`true`: only agreements the workflow failed on; `false`: only the others')),
  q: z
    .optional(
      z
        .string()
        .check(
          z.trim(),
          z.minLength(2, 'must be at least 2 characters'),
          z.maxLength(100, 'must be at most 100 characters'),
        ),
    )
    .check(
      z.describe(
        'Text search, case- and accent-insensitive, in the title and the partner region name',
      ),
    ),
  sort: z
    ._default(z.enum(LIST_SORTS), 'newest')
    .check(
      z.describe('`newest`: newest first; `longest-waiting`: longest in their current stage first'),
    ),
  limit: z._default(queryInt(1, 100), 20),
  cursor: z.optional(cursorSchema),
  dormant: z
    .optional(queryFlag)
    .check(
      z.describe(
        'true: only agreements with a dormant wait (reminders ended unanswered); false: none',
      ),
    ),
  termStatus: z
    .optional(z.enum(TERM_STATUSES))
    .check(z.describe('Only agreements whose term has this status today (soonest end first)')),
  expiringWithinDays: z
    .optional(queryInt(0, 3650))
    .check(
      z.describe('Only terms in force that end within this many days from today (today included)'),
    ),
});

/** GET /reports/summary. */
export const reportSummaryQuerySchema = z.strictObject({
  partnerRegion: z
    .optional(partnerRegionParameter)
    .check(
      z.describe('Host coordinators: the summary of one partner region (partners get their own)'),
    ),
  limit: z
    ._default(queryInt(1, 50), 10)
    .check(z.describe('How many agreements each list of the summary holds at most')),
});

export type ListAgreementsQuery = z.infer<typeof listAgreementsQuerySchema>;
export type ListSort = (typeof LIST_SORTS)[number];
export type ReportSummaryQuery = z.infer<typeof reportSummaryQuerySchema>;
