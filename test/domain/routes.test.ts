import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  isWaitRoute,
  parseWaitKey,
  ROUTES,
  waitKey,
  waitKeysOf,
  type WaitKey,
} from '../../domain/routes.ts';
import { handedOver, inPks, pksSigned, through } from '../support/fixtures.ts';

const waitRoute = fc.constantFrom(...ROUTES.filter(isWaitRoute));
/** Application ids of the catalog: lower-case words joined by hyphens, never a '#'. */
const appId = fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/);

describe('the key of a wait', () => {
  it('is stored as it always was: the route, or HANDOVER#<appId>', () => {
    expect(waitKey('PKS')).toBe('PKS');
    expect(waitKey('HANDOVER', 'e-rk')).toBe('HANDOVER#e-rk');
    expect(parseWaitKey('HANDOVER#e-rk')).toEqual({ route: 'HANDOVER', appId: 'e-rk' });
    expect(parseWaitKey('TRAINING_COMPLETION')).toEqual({ route: 'TRAINING_COMPLETION' });
  });

  it('reads back the route and application it was made of', () => {
    fc.assert(
      fc.property(waitRoute, fc.option(appId, { nil: undefined }), (route, app) => {
        const parsed = parseWaitKey(waitKey(route, app));
        expect(parsed.route).toBe(route);
        expect(parsed.appId).toBe(app);
      }),
    );
  });

  it('is made again from what it reads', () => {
    const key: fc.Arbitrary<WaitKey> = fc.oneof(
      waitRoute,
      fc.tuple(waitRoute, appId).map(([route, app]): WaitKey => `${route}#${app}`),
    );
    fc.assert(
      fc.property(key, (k) => {
        const { route, appId: app } = parseWaitKey(k);
        expect(waitKey(route, app)).toBe(k);
      }),
    );
  });
});

describe('the waits open in a route', () => {
  it('are one per pending application in the handover, and the route itself otherwise', () => {
    const inHandover = through(inPks, pksSigned);
    expect(waitKeysOf(inPks, 'PKS')).toEqual(['PKS']);
    expect(waitKeysOf(inHandover, 'HANDOVER')).toEqual(['HANDOVER#sabilulungan', 'HANDOVER#e-rk']);
    expect(waitKeysOf(through(inHandover, handedOver('e-rk')), 'HANDOVER')).toEqual([
      'HANDOVER#sabilulungan',
    ]);
  });
});
