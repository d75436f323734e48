// The reading of SES event notifications, fed forged payloads: anything but the shape SES
// publishes for the handled events is MALFORMED and nothing of it is trusted.
import { describe, expect, it } from '@jest/globals';
import { parseFeedbackNotification } from '../../adapters/ses/feedback-notification.ts';

const OFFICIAL = 'kadis@kuburaya.example.go.id';

function bounce(overrides: { mail?: object; bounce?: object } = {}) {
  return {
    eventType: 'Bounce',
    mail: {
      timestamp: '2019-06-01T02:58:00.000Z',
      messageId: '010701900000000-000000',
      destination: [OFFICIAL],
      tags: { 'ses:configuration-set': ['sepakat-dev-email'], agreement: ['agr-1'] },
      ...overrides.mail,
    },
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [{ emailAddress: OFFICIAL, diagnosticCode: 'smtp; 550 5.1.1' }],
      timestamp: '2019-06-01T02:59:00.000Z',
      ...overrides.bounce,
    },
  };
}

const parse = (value: unknown) => parseFeedbackNotification(JSON.stringify(value));

describe('a well-formed notification', () => {
  it('reads a bounce into feedback', () => {
    expect(parse(bounce())).toEqual({
      outcome: 'FEEDBACK',
      eventType: 'Bounce',
      agreementId: 'agr-1',
      messageId: '010701900000000-000000',
      feedback: [
        {
          email: OFFICIAL,
          kind: 'BOUNCE',
          at: '2019-06-01T02:59:00.000Z',
          bounceType: 'Permanent',
          bounceSubType: 'General',
          diagnostic: 'smtp; 550 5.1.1',
        },
      ],
    });
  });

  it('reads a complaint into feedback', () => {
    const complaint = {
      ...bounce(),
      bounce: undefined,
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: `Kadis <${OFFICIAL}>` }],
        timestamp: '2019-06-01T03:00:00.000Z',
        complaintFeedbackType: 'abuse',
      },
    };
    expect(parse(complaint)).toMatchObject({
      outcome: 'FEEDBACK',
      feedback: [{ email: OFFICIAL, kind: 'COMPLAINT', diagnostic: 'abuse' }],
    });
  });

  it('ignores an event type it does not handle, and an untagged email', () => {
    expect(parse({ ...bounce(), eventType: 'Delivery' })).toMatchObject({ outcome: 'IGNORED' });
    expect(parse(bounce({ mail: { tags: { 'ses:configuration-set': ['x'] } } }))).toMatchObject({
      outcome: 'IGNORED',
      reason: 'no agreement tag',
    });
  });
});

describe('a forged or broken notification is MALFORMED', () => {
  const recipient = { emailAddress: OFFICIAL };
  it.each<[string, unknown]>([
    ['no bounce', { ...bounce(), bounce: undefined }],
    ['bounce without recipients', bounce({ bounce: { bouncedRecipients: undefined } })],
    ['recipients not a list', bounce({ bounce: { bouncedRecipients: recipient } })],
    ['an empty list of recipients', bounce({ bounce: { bouncedRecipients: [] } })],
    [
      'more recipients than SES lists',
      bounce({ bounce: { bouncedRecipients: Array(51).fill(recipient) } }),
    ],
    [
      'a recipient address of the wrong type',
      bounce({ bounce: { bouncedRecipients: [{ emailAddress: 42 }] } }),
    ],
    [
      'a recipient that is no address',
      bounce({ bounce: { bouncedRecipients: [{ emailAddress: 'x' }] } }),
    ],
    ['a bounceType SES never sends', bounce({ bounce: { bounceType: 'Forever' } })],
    ['a bounceType of the wrong type', bounce({ bounce: { bounceType: ['Permanent'] } })],
    [
      'a diagnostic of the wrong type',
      bounce({ bounce: { bouncedRecipients: [{ ...recipient, diagnosticCode: {} }] } }),
    ],
    [
      'an oversized diagnostic',
      bounce({
        bounce: { bouncedRecipients: [{ ...recipient, diagnosticCode: 'x'.repeat(5000) }] },
      }),
    ],
    ['no timestamp', bounce({ bounce: { timestamp: undefined }, mail: { timestamp: undefined } })],
    ['a timestamp that is no date', bounce({ bounce: { timestamp: 'yesterday' } })],
    ['no mail', { ...bounce(), mail: undefined }],
    ['mail not an object', { ...bounce(), mail: 'mail' }],
    ['a messageId of the wrong type', bounce({ mail: { messageId: 7 } })],
    ['tags not an object', bounce({ mail: { tags: ['agreement'] } })],
    ['an agreement tag that is not a list', bounce({ mail: { tags: { agreement: 'agr-1' } } })],
    [
      'an agreement tag that is no agreement id',
      bounce({ mail: { tags: { agreement: ['agr 1/../x'] } } }),
    ],
    [
      'an agreement tag too long for an id',
      bounce({ mail: { tags: { agreement: ['a'.repeat(65)] } } }),
    ],
    ['two agreement tags', bounce({ mail: { tags: { agreement: ['agr-1', 'agr-2'] } } })],
    ['an empty agreement tag', bounce({ mail: { tags: { agreement: [] } } })],
    [
      'an oversized tag list',
      bounce({ mail: { tags: { agreement: ['agr-1'], x: Array(1000).fill('v') } } }),
    ],
    ['no eventType', { ...bounce(), eventType: undefined }],
    ['an eventType of the wrong type', { ...bounce(), eventType: { Bounce: true } }],
    ['not an object', ['Bounce']],
    ['a complaint without complaint', { ...bounce(), eventType: 'Complaint' }],
  ])('%s', (_, payload) => {
    expect(parse(payload)).toMatchObject({ outcome: 'MALFORMED' });
  });

  it('not JSON', () => {
    expect(parseFeedbackNotification('{"eventType":')).toMatchObject({ outcome: 'MALFORMED' });
  });
});
