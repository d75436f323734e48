// The SES message tag that names an email's agreement. The mailer sends every email about an
// agreement with it, and SES repeats it in bounce and complaint notifications, which is how
// feedback finds its agreement (feedback-notification.ts).

/** The tag's name; feedback notifications list it under `mail.tags`. */
export const AGREEMENT_TAG = 'agreement';

/** What SES accepts as a tag value: ASCII letters, digits, `_` and `-`, at most 256 characters. */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

export function isValidTagValue(value: unknown): value is string {
  return typeof value === 'string' && TAG_VALUE.test(value);
}

/**
 * The message tags an email about this agreement is sent with (the SES MessageTag shape).
 * None for an id SES would refuse as a tag value: SES rejects the whole send for a bad tag.
 */
export function deliveryTags(agreementId: string): { Name: string; Value: string }[] {
  return isValidTagValue(agreementId) ? [{ Name: AGREEMENT_TAG, Value: agreementId }] : [];
}
