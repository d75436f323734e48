import { describe, expect, it } from '@jest/globals';
import { attachWorkflow, markNeedsAttention } from '../../domain/execution.ts';
import { ctx, execution, inPks } from '../support/fixtures.ts';

describe('the execution that drives an agreement', () => {
  it('takes over with an audit event, and an older execution stands down', () => {
    const first = attachWorkflow(inPks, execution, ctx.now);
    if (!first || first === 'superseded') throw new Error('expected a change');
    expect(first.events.map((e) => e.type)).toEqual(['WORKFLOW_STARTED', 'WAITING']);
    expect(first.agreement.version).toBe(inPks.version + 1);
    expect(attachWorkflow(first.agreement, execution, ctx.now)).toBeUndefined();
    const older = { executionArn: 'arn:old', executionStartTime: '2019-05-01T00:00:00.000Z' };
    expect(attachWorkflow(first.agreement, older, ctx.now)).toBe('superseded');
    const newer = { executionArn: 'arn:new', executionStartTime: '2019-07-01T00:00:00.000Z' };
    const taken = attachWorkflow(first.agreement, newer, ctx.now);
    expect(taken !== 'superseded' && taken?.agreement.workflow?.executionArn).toBe('arn:new');
  });

  it('clears the needs-attention mark when a new execution takes over, and keeps it otherwise', () => {
    const first = attachWorkflow(inPks, execution, ctx.now);
    if (!first || first === 'superseded') throw new Error('expected a change');
    const failure = { error: 'Boom', cause: 'no table', executionArn: execution.executionArn };
    const marked = markNeedsAttention(first.agreement, failure, ctx.now);
    if (!marked) throw new Error('expected a mark');
    expect(marked.agreement.needsAttention).toMatchObject({ error: 'Boom' });
    // The failed execution itself moving on changes nothing about the mark.
    const moved = attachWorkflow({ ...marked.agreement, stage: 'HANDOVER' }, execution, ctx.now);
    expect(moved !== 'superseded' && moved?.agreement.needsAttention?.error).toBe('Boom');

    const resumed = { executionArn: 'arn:resumed', executionStartTime: '2019-07-01T00:00:00.000Z' };
    const taken = attachWorkflow(marked.agreement, resumed, ctx.now);
    if (!taken || taken === 'superseded') throw new Error('expected a change');
    expect(taken.agreement.needsAttention).toBeUndefined();
    expect(taken.events[0]).toMatchObject({
      type: 'WORKFLOW_STARTED',
      data: { executionArn: 'arn:resumed', clearedNeedsAttention: { error: 'Boom' } },
    });
  });

  it('records a failure once per execution and error', () => {
    const failure = { error: 'States.Runtime', cause: 'boom', executionArn: 'arn:x' };
    const marked = markNeedsAttention(inPks, failure, ctx.now);
    expect(marked?.agreement.needsAttention).toMatchObject(failure);
    expect(marked?.events[0]?.type).toBe('NEEDS_ATTENTION');
    expect(markNeedsAttention(marked?.agreement ?? inPks, failure, ctx.now)).toBeUndefined();
  });
});
