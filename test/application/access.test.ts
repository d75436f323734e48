// Who may do what, as the use cases check it before any rule or write (domain/access.ts).
import { describe, expect, it } from '@jest/globals';
import { cancelAgreementUseCase } from '../../application/cancel-agreement.ts';
import { AccessDeniedError } from '../../application/errors.ts';
import { getAgreementUseCase } from '../../application/get-agreement.ts';
import { listAgreementsUseCase } from '../../application/list-agreements.ts';
import { recordMilestoneUseCase } from '../../application/record-milestone.ts';
import { actorOf, type Principal } from '../../domain/access.ts';
import type { Agreement } from '../../domain/agreement.ts';
import { AgreementNotFoundError, type ListQuery } from '../../domain/ports.ts';
import { newAgreement, NOW } from '../support/fixtures.ts';

const KUBU_RAYA = '61.12';
const host: Principal = {
  subject: 'host-1',
  email: 'host@bandung.example.go.id',
  role: 'HOST_COORDINATOR',
};
const partner: Principal = {
  subject: 'partner-1',
  role: 'PARTNER_COORDINATOR',
  regionCode: KUBU_RAYA,
};
const otherPartner: Principal = {
  subject: 'partner-2',
  role: 'PARTNER_COORDINATOR',
  regionCode: '63.71',
};

/** One stored agreement; a write or a workflow call would be a test failure. */
function storeWith(agreement: Agreement) {
  const queries: ListQuery[] = [];
  const refuse = () => Promise.reject(new Error('no write expected'));
  return {
    agreements: {
      get: (id: string) => Promise.resolve(id === agreement.id ? agreement : undefined),
      update: refuse,
      list: (query: ListQuery) => {
        queries.push(query);
        return Promise.resolve({ items: [agreement] });
      },
    },
    idempotency: { replay: () => Promise.resolve(undefined) },
    workflow: { wake: refuse, cancel: refuse, start: refuse },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    now: () => NOW,
    queries,
  };
}

describe('the audit actor', () => {
  it("is the caller's Cognito subject, which no admin can change, with their address beside it", () => {
    expect(actorOf(host)).toEqual({ actor: 'host-1', actorEmail: 'host@bandung.example.go.id' });
    expect(actorOf(partner)).toEqual({ actor: 'partner-1' });
  });
});

describe('an agreement of another region', () => {
  const agreement = newAgreement();
  const deps = storeWith(agreement);
  const agreementId = agreement.id;

  it('is as missing to its partner coordinator: no read, no change, no cancellation', async () => {
    await expect(
      getAgreementUseCase(deps)({ principal: otherPartner, agreementId }),
    ).rejects.toBeInstanceOf(AgreementNotFoundError);
    const milestone = { type: 'MOU_SIGNED' as const, occurredAt: '2019-06-01' };
    await expect(
      recordMilestoneUseCase(deps)({ principal: otherPartner, agreementId, input: milestone }),
    ).rejects.toBeInstanceOf(AgreementNotFoundError);
    await expect(
      cancelAgreementUseCase(deps)({
        principal: otherPartner,
        agreementId,
        input: { reason: 'x' },
      }),
    ).rejects.toBeInstanceOf(AgreementNotFoundError);
  });

  it('is visible to the host and to its own partner coordinator', async () => {
    await expect(getAgreementUseCase(deps)({ principal: host, agreementId })).resolves.toBe(
      agreement,
    );
    await expect(getAgreementUseCase(deps)({ principal: partner, agreementId })).resolves.toBe(
      agreement,
    );
  });
});

describe('a partner coordinator', () => {
  const agreement = newAgreement();
  const agreementId = agreement.id;

  it('may not cancel, nor record what only the host records', async () => {
    const deps = storeWith(agreement);
    await expect(
      cancelAgreementUseCase(deps)({ principal: partner, agreementId, input: { reason: 'x' } }),
    ).rejects.toThrow(new AccessDeniedError('Your role may not cancel agreements.'));
    const schedule = {
      type: 'TRAINING_SCHEDULED' as const,
      occurredAt: '2019-06-01',
      startsOn: '2019-06-10',
      endsOn: '2019-06-11',
    };
    await expect(
      recordMilestoneUseCase(deps)({ principal: partner, agreementId, input: schedule }),
    ).rejects.toThrow(
      new AccessDeniedError('Your role may not record TRAINING_SCHEDULED on this agreement.'),
    );
  });

  it("lists only their own region's agreements, and is refused another region's", async () => {
    const deps = storeWith(agreement);
    const list = listAgreementsUseCase(deps);
    await list({ principal: partner, limit: 10 });
    await list({ principal: host, limit: 10, partnerRegionCode: '63.71' });
    expect(deps.queries).toEqual([
      { limit: 10, partnerRegionCode: KUBU_RAYA },
      { limit: 10, partnerRegionCode: '63.71' },
    ]);
    await expect(
      list({ principal: partner, limit: 10, partnerRegionCode: '63.71' }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
