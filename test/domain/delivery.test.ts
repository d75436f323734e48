import { describe, expect, it } from '@jest/globals';
import type { Agreement } from '../../domain/agreement.ts';
import {
  addressKey,
  deliverable,
  deliverableHostCoordinators,
  makesUndeliverable,
  markUndeliverable,
  recipientsAvoidingUndeliverable,
  recordNudgeRejected,
  recordUndeliverableAlert,
  type DeliveryFeedback,
} from '../../domain/delivery.ts';
import { composeUndeliverableAlert } from '../../domain/messages/operations-email.ts';
import type { Nudge } from '../../domain/nudge-plan.ts';
import { recipientsOf } from '../../domain/recipients.ts';
import { NOW, newAgreement } from '../support/fixtures.ts';

const LATER = new Date(NOW.getTime() + 60_000);
const OFFICIAL = 'kadis@kuburaya.example.go.id';
const ESCALATION = 'sekda@kuburaya.example.go.id';
const HOST_COORDINATOR = 'koordinator@bandung.example.go.id';

const bounce = (email: string, bounceType = 'Permanent'): DeliveryFeedback => ({
  email,
  kind: 'BOUNCE',
  bounceType,
  bounceSubType: 'General',
  diagnostic: 'smtp; 550 5.1.1 user unknown',
  at: '2019-06-01T02:59:00.000Z',
});
const complaint = (email: string): DeliveryFeedback => ({
  email,
  kind: 'COMPLAINT',
  diagnostic: 'abuse',
  at: '2019-06-01T02:59:30.000Z',
});

/** The agreement with these addresses marked, as the feedback function leaves it. */
function marked(agreement: Agreement, ...emails: string[]): Agreement {
  return emails.reduce((current, email) => {
    const change = markUndeliverable(current, bounce(email), NOW);
    if (!change) throw new Error(`${email} not marked`);
    return change.agreement;
  }, agreement);
}

const emails = (contacts: { email: string }[]) => contacts.map((c) => c.email);

describe('markUndeliverable', () => {
  it('marks a permanently bounced contact address, with an audit event', () => {
    const agreement = newAgreement();
    const change = markUndeliverable(agreement, bounce(OFFICIAL), LATER);
    expect(change?.agreement.version).toBe(agreement.version + 1);
    expect(change?.agreement.updatedAt).toBe(LATER.toISOString());
    expect(change?.agreement.undeliverable).toEqual({
      [OFFICIAL]: {
        since: '2019-06-01T02:59:00.000Z',
        kind: 'BOUNCE',
        detail: 'Permanent/General: smtp; 550 5.1.1 user unknown',
      },
    });
    expect(change?.events).toEqual([
      {
        type: 'CONTACT_UNDELIVERABLE',
        at: LATER.toISOString(),
        actor: 'email-feedback',
        data: {
          email: OFFICIAL,
          kind: 'BOUNCE',
          detail: 'Permanent/General: smtp; 550 5.1.1 user unknown',
          reportedAt: '2019-06-01T02:59:00.000Z',
          contacts: [
            { name: 'Kepala Diskominfo Kabupaten Kubu Raya', role: 'OFFICIAL', side: 'PARTNER' },
          ],
        },
      },
    ]);
  });

  it('marks a complaining address', () => {
    const change = markUndeliverable(newAgreement(), complaint(ESCALATION), LATER);
    expect(change?.agreement.undeliverable?.[ESCALATION]).toMatchObject({
      kind: 'COMPLAINT',
      detail: 'Complaint: abuse',
    });
  });

  it('matches the address whatever its case or display name', () => {
    const change = markUndeliverable(
      newAgreement(),
      bounce('Kadis <KADIS@KubuRaya.Example.go.id>'),
      LATER,
    );
    expect(Object.keys(change?.agreement.undeliverable ?? {})).toEqual([OFFICIAL]);
  });

  it('is idempotent: an address already marked is left as it is', () => {
    const once = marked(newAgreement(), OFFICIAL);
    expect(markUndeliverable(once, bounce(OFFICIAL), LATER)).toBeUndefined();
    expect(markUndeliverable(once, complaint(OFFICIAL.toUpperCase()), LATER)).toBeUndefined();
  });

  it('leaves transient and undetermined bounces alone', () => {
    expect(makesUndeliverable(bounce(OFFICIAL, 'Transient'))).toBe(false);
    expect(markUndeliverable(newAgreement(), bounce(OFFICIAL, 'Transient'), LATER)).toBeUndefined();
    expect(
      markUndeliverable(newAgreement(), bounce(OFFICIAL, 'Undetermined'), LATER),
    ).toBeUndefined();
  });

  it('ignores an address that is no contact of the agreement', () => {
    expect(
      markUndeliverable(newAgreement(), bounce('someone@elsewhere.example'), LATER),
    ).toBeUndefined();
  });

  it('keeps a remote diagnostic to one bounded line', () => {
    const change = markUndeliverable(
      newAgreement(),
      { ...bounce(OFFICIAL), diagnostic: `smtp; 550\r\nX-Injected: yes ${'x'.repeat(1000)}` },
      LATER,
    );
    const detail = change?.agreement.undeliverable?.[OFFICIAL]?.detail ?? '';
    expect(detail).not.toMatch(/[\r\n]/);
    expect(detail.length).toBeLessThanOrEqual(500);
  });
});

describe('recordUndeliverableAlert', () => {
  it('notes the alert once', () => {
    const agreement = marked(newAgreement(), OFFICIAL);
    const change = recordUndeliverableAlert(agreement, OFFICIAL, LATER);
    expect(change?.agreement.undeliverable?.[OFFICIAL]?.alertedAt).toBe(LATER.toISOString());
    expect(change?.agreement.version).toBe(agreement.version + 1);
    expect(change?.events).toEqual([]);
    if (!change) throw new Error('expected a change');
    expect(recordUndeliverableAlert(change.agreement, OFFICIAL, LATER)).toBeUndefined();
    expect(recordUndeliverableAlert(newAgreement(), OFFICIAL, LATER)).toBeUndefined();
  });
});

describe('deliverable', () => {
  it('drops the contacts whose address is marked', () => {
    const agreement = marked(newAgreement(), OFFICIAL);
    expect(emails(deliverable(agreement.contacts, agreement))).toEqual([
      HOST_COORDINATOR,
      ESCALATION,
    ]);
    expect(deliverable(agreement.contacts, newAgreement())).toHaveLength(3);
  });
});

describe('recipientsAvoidingUndeliverable', () => {
  it('changes nothing while every address is deliverable', () => {
    const agreement = newAgreement();
    const recipients = recipientsOf(agreement, 'REMINDER');
    expect(recipientsAvoidingUndeliverable(agreement, recipients)).toEqual({
      ...recipients,
      avoided: [],
    });
  });

  it('sends a reminder for an unreachable official to the escalation contacts', () => {
    const agreement = marked(newAgreement(), OFFICIAL);
    const result = recipientsAvoidingUndeliverable(agreement, recipientsOf(agreement, 'REMINDER'));
    expect(emails(result.to)).toEqual([ESCALATION]);
    expect(emails(result.cc)).toEqual([HOST_COORDINATOR]);
    expect(result).toMatchObject({ avoided: [OFFICIAL], fallback: 'ESCALATION' });
  });

  it('keeps the reachable ones of several officials, without a fallback', () => {
    const agreement = marked(
      newAgreement({
        contacts: [
          ...newAgreement().contacts,
          {
            name: 'Sekretaris Diskominfo Kubu Raya',
            email: 'sekdis@kuburaya.example.go.id',
            role: 'OFFICIAL',
            side: 'PARTNER',
            locale: 'id',
          },
        ],
      }),
      OFFICIAL,
    );
    const result = recipientsAvoidingUndeliverable(agreement, recipientsOf(agreement, 'REMINDER'));
    expect(emails(result.to)).toEqual(['sekdis@kuburaya.example.go.id']);
    expect(result.fallback).toBeUndefined();
    expect(result.avoided).toEqual([OFFICIAL]);
  });

  it('falls back to the host coordinators when the escalation contacts are unreachable too', () => {
    const agreement = marked(newAgreement(), OFFICIAL, ESCALATION);
    const result = recipientsAvoidingUndeliverable(
      agreement,
      recipientsOf(agreement, 'ESCALATION'),
    );
    expect(emails(result.to)).toEqual([HOST_COORDINATOR]);
    // The host coordinator was copied; now addressed, it is not copied as well.
    expect(result.cc).toEqual([]);
    expect(result.fallback).toBe('HOST_COORDINATOR');
    expect([...result.avoided].sort()).toEqual([ESCALATION, OFFICIAL].sort());
  });

  it('leaves no one to send to when nobody can be reached', () => {
    const agreement = marked(newAgreement(), OFFICIAL, ESCALATION, HOST_COORDINATOR);
    const result = recipientsAvoidingUndeliverable(agreement, recipientsOf(agreement, 'REMINDER'));
    expect(result.to).toEqual([]);
    expect(result.cc).toEqual([]);
    expect(deliverableHostCoordinators(agreement)).toEqual([]);
  });

  it('drops an unreachable copied contact and keeps the addressees', () => {
    const agreement = marked(newAgreement(), HOST_COORDINATOR);
    const result = recipientsAvoidingUndeliverable(agreement, recipientsOf(agreement, 'REMINDER'));
    expect(emails(result.to)).toEqual([OFFICIAL]);
    expect(result.cc).toEqual([]);
    expect(result).toMatchObject({ avoided: [HOST_COORDINATOR] });
    expect(result.fallback).toBeUndefined();
  });
});

describe('composeUndeliverableAlert', () => {
  it('tells the host coordinators who cannot be reached, why, and what happens next', () => {
    const agreement = marked(newAgreement(), OFFICIAL);
    const to = deliverableHostCoordinators(agreement);
    const email = composeUndeliverableAlert(agreement, OFFICIAL, to);
    expect(email).toMatchObject({
      agreementId: agreement.id,
      to: [HOST_COORDINATOR],
      cc: [],
      subject: `Alamat email tidak dapat dikirimi: ${OFFICIAL} - ${agreement.partnerRegion.name}`,
    });
    expect(email.text).toContain('Kepala Diskominfo Kabupaten Kubu Raya');
    expect(email.text).toContain('550 5.1.1 user unknown');
    expect(email.text).toContain('kontak eskalasi');
    expect(email.text).toContain(agreement.id);
  });

  it('is in English for English-speaking coordinators', () => {
    const base = newAgreement();
    const agreement = marked(
      {
        ...base,
        contacts: base.contacts.map((c) =>
          c.role === 'COORDINATOR' ? { ...c, locale: 'en' as const } : c,
        ),
      },
      OFFICIAL,
    );
    const email = composeUndeliverableAlert(
      agreement,
      OFFICIAL,
      deliverableHostCoordinators(agreement),
    );
    expect(email.subject).toMatch(/^Email address undeliverable: /);
    expect(email.text).toContain('escalation contacts');
  });
});

describe('addressKey', () => {
  it('is the bare lower-cased address', () => {
    expect(addressKey(' Kadis <Kadis@KubuRaya.example.go.id> ')).toBe(OFFICIAL);
    expect(addressKey('KADIS@kuburaya.example.go.id')).toBe(OFFICIAL);
  });
});

describe('recordNudgeRejected', () => {
  it('counts the nudge as done and records the refusal', () => {
    const agreement = newAgreement();
    const nudge: Nudge = {
      waitKey: 'MOU',
      key: 'MOU',
      number: 2,
      kind: 'REMINDER',
      dueAt: NOW.toISOString(),
    };
    const change = recordNudgeRejected(
      { ...agreement, nudges: { MOU: { sent: 1, pending: 2 } } },
      nudge,
      { recipients: [OFFICIAL], error: 'MessageRejected', message: 'Address\r\nblocked' },
      LATER,
    );
    expect(change.agreement.nudges.MOU).toEqual({ sent: 2, lastSentAt: LATER.toISOString() });
    expect(change.agreement.version).toBe(agreement.version + 1);
    expect(change.events).toEqual([
      {
        type: 'NUDGE_REJECTED',
        at: LATER.toISOString(),
        actor: 'workflow',
        data: {
          kind: 'REMINDER',
          waitKey: 'MOU',
          number: 2,
          recipients: [OFFICIAL],
          error: 'MessageRejected',
          message: 'Address blocked',
        },
      },
    ]);
  });
});
