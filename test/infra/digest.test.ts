// The monthly digest in the stack: its function, and the EventBridge Scheduler schedule that
// runs it at 08:00 WIB on the first seven days of each month (it sends on the first working
// day only, once per recipient and month).
import { describe, expect, it } from '@jest/globals';
import { DIGEST_SCHEDULE, MONTHLY_DIGEST_FUNCTION } from '../../infra/constructs/monthly-digest.ts';
import {
  functionDescribed,
  only,
  referenced,
  resources,
  synth,
  type Resource,
  type Statement,
} from './template.ts';

/** The one resource of a type that matches. */
function theOne(
  found: [string, Resource][],
  matches: (r: Resource) => boolean,
): [string, Resource] {
  const hits = found.filter(([, r]) => matches(r));
  expect(hits).toHaveLength(1);
  return hits[0] as [string, Resource];
}

describe.each(['dev', 'prod'])('the %s monthly digest', (env) => {
  const { template } = synth(env);
  const [functionId, fn] = functionDescribed(template, MONTHLY_DIGEST_FUNCTION.description);

  it('runs on a schedule at 08:00 WIB, days 1 to 7, retried a few times', () => {
    const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
    expect(DIGEST_SCHEDULE).toBe('cron(0 8 1-7 * ? *)');
    expect(schedule.Properties).toMatchObject({
      Name: `sepakat-${env}-monthly-digest`,
      ScheduleExpression: DIGEST_SCHEDULE,
      ScheduleExpressionTimezone: 'Asia/Jakarta',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { RetryPolicy: { MaximumRetryAttempts: 3 } },
    });
    const target = schedule.Properties.Target as { Arn: unknown; RoleArn: unknown };
    expect(referenced(target.Arn)).toBe(functionId);
  });

  it('lets the scheduler invoke that function and nothing else', () => {
    const [roleId, role] = theOne(resources(template, 'AWS::IAM::Role'), (r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
    expect(referenced((schedule.Properties.Target as { RoleArn: unknown }).RoleArn)).toBe(roleId);
    const policies = theOne(resources(template, 'AWS::IAM::Policy'), (p) =>
      JSON.stringify(p.Properties.Roles).includes(roleId),
    )[1];
    const statements = (policies.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'lambda:InvokeFunction' }),
    ]);
    expect(role.Properties.Description).toContain('monthly digest');
  });

  it('has the environment the function reads', () => {
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    for (const name of MONTHLY_DIGEST_FUNCTION.environment) expect(variables).toHaveProperty(name);
  });
});
