// The floors the bench measures every function against (bench/floor/, bench/floors.json): every
// function the stack deploys has its recorded AWS calls, and its floor can make each of them.
// Whether the recorded calls are still the function's own is checked by `npm run bench` (its
// recording round stops the cold-start section when they are not): that needs every stand-in.
import { describe, expect, it } from '@jest/globals';
import { lambdaFunctions } from '../../bench/bundles.ts';
import type { FloorServiceFactory } from '../../bench/floor/handler.ts';
import { floorCalls } from '../../bench/floors.ts';

const calls = floorCalls();

describe('the floors', () => {
  it('cover every function the stack deploys, and no other', async () => {
    const names = (await lambdaFunctions()).map((fn) => fn.name).sort();
    expect(Object.keys(calls).sort()).toEqual(names);
  });

  it('can make every call recorded for them', async () => {
    const unknown: string[] = [];
    for (const [name, made] of Object.entries(calls)) {
      for (const call of made) {
        const [service = '', operation = ''] = call.split(' ');
        const factory = (
          (await import(`../../bench/floor/${service}.ts`)) as { default: FloorServiceFactory }
        ).default;
        if (!factory({}).operations.includes(operation)) unknown.push(`${name}: ${call}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
