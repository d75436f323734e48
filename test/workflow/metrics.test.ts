// The workflow's own CloudWatch metrics, as the task functions print them in embedded metric
// format while the real state machine runs: what the dashboard and the needs-attention alarm
// read (test/infra/operations.test.ts checks they read these names and dimensions).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { METRIC, METRICS_SERVICE } from '../../functions/shared/metrics.ts';
import {
  createStored,
  eventually,
  recordAndWake,
  startHarness,
  stored,
  waitingFor,
  type Harness,
} from '../support/workflow.ts';

const NAMESPACE = 'Sepakat/test';

interface EmbeddedMetric {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] };
  [key: string]: unknown;
}

/** Every metric printed while the test runs, as `Name dimension=value ...`. */
const printed: EmbeddedMetric[] = [];
const counts = () =>
  printed.flatMap((m) => {
    const [directive] = m._aws.CloudWatchMetrics;
    const names = Object.keys(m).filter((k) => typeof m[k] === 'number');
    const dimensions = (directive?.Dimensions[0] ?? [])
      .filter((d) => d !== 'service')
      .map((d) => `${d}=${String(m[d])}`);
    return names.map((name) => [name, ...dimensions].join(' '));
  });

let h: Harness;
beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.POWERTOOLS_METRICS_NAMESPACE = NAMESPACE;
  const write = process.stdout.write.bind(process.stdout);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest) => {
    const text = String(chunk);
    if (!text.startsWith('{"_aws"')) return write(chunk, ...(rest as []));
    for (const line of text.trim().split('\n')) printed.push(JSON.parse(line) as EmbeddedMetric);
    return true;
  });
  h = await startHarness({ origin: new Date('2019-01-02T01:00:00Z') });
});
afterAll(async () => {
  await h.close();
  jest.restoreAllMocks();
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  delete process.env.POWERTOOLS_METRICS_NAMESPACE;
});

describe('the workflow metrics', () => {
  it('count each stage entered once, and each nudge sent by kind', async () => {
    const id = 'AGR-METRICS-1';
    await h.workflow.start(await createStored(h, id), 'created');
    await waitingFor(h, id, 'MOU');
    await eventually('the MoU action-needed email counted', () =>
      Promise.resolve(counts().includes(`${METRIC.nudgeSent} kind=ACTION_NEEDED`)),
    );
    await recordAndWake(h, id, (today) => ({ type: 'MOU_SIGNED', occurredAt: today }));
    await waitingFor(h, id, 'PKS');
    await eventually('two stages counted', () =>
      Promise.resolve(counts().includes(`${METRIC.stageEntered} stage=PKS`)),
    );

    expect(counts().filter((c) => c.startsWith(METRIC.stageEntered))).toEqual([
      `${METRIC.stageEntered} stage=MOU`,
      `${METRIC.stageEntered} stage=PKS`,
    ]);
    for (const metric of printed) {
      expect(metric._aws.CloudWatchMetrics[0]?.Namespace).toBe(NAMESPACE);
      expect(metric.service).toBe(METRICS_SERVICE);
    }
  });

  it('count nothing again when a newer execution takes the agreement over in the same stage', async () => {
    const id = 'AGR-METRICS-1';
    const before = counts().filter((c) => c.startsWith(METRIC.stageEntered)).length;
    const { executionArn } = await h.workflow.start(await stored(h, id), 'resumed');
    await eventually(
      'the resumed execution owns the agreement',
      async () => (await stored(h, id)).workflow?.executionArn === executionArn,
    );
    expect(counts().filter((c) => c.startsWith(METRIC.stageEntered))).toHaveLength(before);
  });
});
