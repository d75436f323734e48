// The reports' answers as zod schemas, for the OpenAPI document (functions/api/openapi.ts).
import * as z from 'zod';
import { OPEN_STAGES } from '../../domain/reports/cycle-times.ts';

const days = z.number().int().nullable();

const distribution = {
  count: z.number().int(),
  medianDays: days.describe('Median, whole days (the mean of the two middle values if even)'),
  p90Days: days.describe('90th percentile (nearest rank), whole days'),
};

const stageCycleTimeView = z.object({
  stage: z.enum(OPEN_STAGES),
  completed: z
    .object({
      ...distribution,
      averageNudges: z.number().nullable(),
      averageEscalations: z.number().nullable(),
    })
    .describe('Agreements that left the stage: days it took, nudges sent before the milestone'),
  ongoing: z
    .object({ ...distribution, oldestDays: days })
    .describe('Agreements still in the stage: their age in it'),
});

const cycleTimeGroupView = z.object({
  key: z.string().describe('Year of MoU (NO_MOU before it), province code or application id'),
  label: z.string(),
  agreements: z.number().int(),
  stages: z.array(stageCycleTimeView),
  live: z
    .object({ agreements: z.number().int(), share: z.number().nullable() })
    .describe('Agreements whose kept applications are all live'),
});

export const cycleTimeReportView = z
  .object({
    asOf: z.string().describe('The instant ages are counted to'),
    overall: cycleTimeGroupView,
    byMouYear: z.array(cycleTimeGroupView),
    byProvince: z.array(cycleTimeGroupView),
    byApp: z.array(cycleTimeGroupView),
  })
  .meta({ id: 'CycleTimeReport' });
