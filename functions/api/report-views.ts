// The reports' answers as zod schemas, for the OpenAPI document (functions/api/openapi.ts).
import * as z from '../../domain/zod.ts';
import { OPEN_STAGES } from '../../domain/reports/cycle-times.ts';

const int = () => z.number().check(z.int());
const days = z.nullable(int());

const distribution = {
  count: int(),
  medianDays: days.check(
    z.describe('Median, whole days (the mean of the two middle values if even)'),
  ),
  p90Days: days.check(z.describe('90th percentile (nearest rank), whole days')),
};

const stageCycleTimeView = z.object({
  stage: z.enum(OPEN_STAGES),
  completed: z
    .object({
      ...distribution,
      averageNudges: z.nullable(z.number()),
      averageEscalations: z.nullable(z.number()),
    })
    .check(
      z.describe('Agreements that left the stage: days it took, nudges sent before the milestone'),
    ),
  ongoing: z
    .object({ ...distribution, oldestDays: days })
    .check(z.describe('Agreements still in the stage: their age in it')),
});

const cycleTimeGroupView = z.object({
  key: z
    .string()
    .check(z.describe('Year of MoU (NO_MOU before it), province code or application id')),
  label: z.string(),
  agreements: int(),
  stages: z.array(stageCycleTimeView),
  live: z
    .object({ agreements: int(), share: z.nullable(z.number()) })
    .check(z.describe('Agreements whose kept applications are all live')),
});

export const cycleTimeReportView = z
  .object({
    asOf: z.string().check(z.describe('The instant ages are counted to')),
    overall: cycleTimeGroupView,
    byMouYear: z.array(cycleTimeGroupView),
    byProvince: z.array(cycleTimeGroupView),
    byApp: z.array(cycleTimeGroupView),
  })
  .register(z.globalRegistry, { id: 'CycleTimeReport' });
