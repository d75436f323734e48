// The state machine file itself: valid ASL, JSONPath only, readable, and in step with the
// domain's routes and the list of task functions (functions/workflow-tasks.ts).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import validate from 'asl-validator';
import { WAIT_ACTIONS } from '../../domain/nudge-plan.ts';
import { ROUTES } from '../../domain/routes.ts';
import { TASK_FUNCTIONS } from '../../functions/workflow-tasks.ts';
import { LIFECYCLE_ASL, substitute } from '../../local/stepfunctions/lifecycle.ts';

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Choices?: { Variable: string; StringEquals?: string; Next: string }[];
  Default?: string;
  Retry?: { ErrorEquals: string[] }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  ItemProcessor?: { States: Record<string, State> };
}

const text = readFileSync(LIFECYCLE_ASL, 'utf8');
const definition = JSON.parse(text) as { StartAt: string; States: Record<string, State> };
const inner = definition.States['Hand over each application']?.ItemProcessor?.States ?? {};
const allStates = { ...definition.States, ...inner };
const deployed = substitute(
  text,
  Object.fromEntries(
    TASK_FUNCTIONS.map((fn) => [
      fn.substitution,
      `arn:aws:lambda:ap-southeast-3:123456789012:function:${fn.name}`,
    ]),
  ),
);

describe('the lifecycle state machine', () => {
  it('is valid Amazon States Language, as written and as deployed', () => {
    for (const candidate of [definition, JSON.parse(deployed) as unknown]) {
      const { isValid, errorsText } = validate(candidate);
      expect({ isValid, errors: errorsText('\n') }).toEqual({ isValid: true, errors: '' });
    }
  });

  it('uses JSONPath only', () => {
    expect(text).not.toMatch(/"QueryLanguage"|"Arguments"|"Output"|"Assign"|\{%/);
  });

  it('has a placeholder for exactly the functions of the catalog', () => {
    const placeholders = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...placeholders].sort()).toEqual(TASK_FUNCTIONS.map((fn) => fn.substitution).sort());
  });

  it('routes every position the domain can report, and nothing else', () => {
    const router = definition.States['Route by stage'];
    const routed = router?.Choices?.map((c) => c.StringEquals) ?? [];
    expect([...routed].sort()).toEqual([...ROUTES].sort());
    for (const choice of router?.Choices ?? []) expect(allStates[choice.Next]).toBeDefined();
  });

  it('understands every answer of the reminder planner', () => {
    const planChoices = Object.entries(allStates).filter(([, s]) =>
      s.Choices?.some((c) => c.Variable === '$.plan.action'),
    );
    // One per stage wait, and the term's watch once the agreement is COMPLETED.
    expect(planChoices.length).toBe(8);
    for (const [, choice] of planChoices) {
      const actions = choice.Choices?.map((c) => c.StringEquals) ?? [];
      for (const action of actions) expect(WAIT_ACTIONS).toContain(action);
      expect(actions).toEqual(expect.arrayContaining(['DONE', 'NUDGE', 'WAIT', 'RENEW']));
    }
  });

  it('names its states for an operator, not a machine', () => {
    for (const name of Object.keys(allStates)) {
      // Words separated by spaces, starting with a capital: "Wait for PKS signature".
      expect(name).toMatch(/^[A-Z][A-Za-z-]*( [A-Za-z-]+,?)*\??$/);
      expect(name).not.toMatch(/^(Task|State|Choice|Pass)\d*$/);
    }
  });

  it('retries transient errors and catches everything else in every task', () => {
    for (const [name, state] of Object.entries(allStates)) {
      if (state.Type !== 'Task') continue;
      const retried = state.Retry?.flatMap((r) => r.ErrorEquals) ?? [];
      expect({ name, retried }).toEqual({
        name,
        retried: expect.arrayContaining(
          name === 'Mark needs attention'
            ? ['States.ALL']
            : ['Sepakat.TransientError', 'Lambda.ServiceException'],
        ),
      });
      const caught = state.Catch?.flatMap((c) => c.ErrorEquals) ?? [];
      // Inside the handover Map, failures go to the Map's own catch-all.
      const expected = name in inner ? ['Sepakat.Superseded'] : ['States.ALL'];
      expect({ name, caught }).toEqual({ name, caught: expect.arrayContaining(expected) });
    }
    const map = definition.States['Hand over each application'];
    expect(map?.Catch?.[0]).toMatchObject({
      ErrorEquals: ['States.ALL'],
      Next: 'Mark needs attention',
    });
  });

  it('waits on task tokens with the planned timeout', () => {
    const waits = Object.entries(allStates).filter(([, s]) =>
      s.Resource?.endsWith('.waitForTaskToken'),
    );
    expect(waits.map(([name]) => name).sort()).toEqual([
      'Wait for MoU signature',
      'Wait for PKS signature',
      'Wait for application handover',
      'Wait for follow-up reports',
      'Wait for training completion',
      'Wait for training to be scheduled',
      'Wait until shortly before the training',
      'Wait until the next term notice',
    ]);
    for (const [, state] of waits) {
      expect(state).toMatchObject({ TimeoutSecondsPath: '$.plan.timeoutSeconds' });
      expect(state.Catch?.[0]?.ErrorEquals).toEqual(['States.Timeout']);
    }
  });
});
