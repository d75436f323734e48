// What the bundles hold of email (issue 22): SES builds the MIME message (no composer in any
// bundle), the calendar file is written without a validation library, and the templates of a
// message are only in the functions that send it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { functionBundles, type FunctionBundle } from '../support/function-bundles.ts';

let bundles: FunctionBundle[];

beforeAll(async () => {
  bundles = await functionBundles();
}, 120_000);

const holds = (fn: FunctionBundle, path: string) => fn.inputs.some((input) => input.includes(path));
/** The message templates of a bundle (not the shared layout and phrases). */
const messageTemplates = (fn: FunctionBundle) =>
  fn.inputs
    .filter((input) => input.startsWith('templates/'))
    .filter((input) => !/^templates\/(layout|phrases)\./.test(input));

describe('the bundles', () => {
  it('hold no MIME composer and no validation library for the calendar file', () => {
    for (const fn of bundles) {
      for (const name of ['nodemailer', 'ics', 'yup']) {
        expect([fn.name, name, holds(fn, `node_modules/${name}/`)]).toEqual([fn.name, name, false]);
      }
    }
  });

  it('hold the SES client and message templates only where the function sends email', () => {
    const senders = bundles.filter((fn) => fn.capabilities.includes('sendEmail'));
    expect(senders.map((fn) => fn.name).sort()).toEqual([
      'answer-action',
      'mark-needs-attention',
      'send-nudge',
      'ses-feedback',
    ]);
    for (const fn of bundles) {
      const sends = senders.includes(fn);
      expect([fn.name, holds(fn, '@aws-sdk/client-sesv2/')]).toEqual([fn.name, sends]);
      if (!sends) expect([fn.name, messageTemplates(fn)]).toEqual([fn.name, []]);
    }
  });

  it('hold only the templates of what the function sends, and the calendar writer with a training', () => {
    const templatesOf = (name: string) =>
      messageTemplates(bundles.find((fn) => fn.name === name) as FunctionBundle).sort();
    expect(templatesOf('mark-needs-attention')).toEqual([
      'templates/needs-attention.en.json',
      'templates/needs-attention.id.json',
    ]);
    expect(templatesOf('ses-feedback')).toEqual([
      'templates/undeliverable-alert.en.json',
      'templates/undeliverable-alert.id.json',
    ]);
    expect(templatesOf('answer-action')).toEqual([
      'templates/official-answer.en.json',
      'templates/official-answer.id.json',
    ]);
    for (const fn of bundles) {
      const training = holds(fn, 'templates/training-invitation.id.json');
      expect([fn.name, holds(fn, 'node_modules/ical-generator/')]).toEqual([fn.name, training]);
    }
    expect(templatesOf('send-nudge')).toContain('templates/training-invitation.id.json');
  });
});
