// The SES message tags that name an email's agreement and, for a nudge, which nudge it is. The
// mailer sends every email about an agreement with them, and SES repeats them in its send,
// bounce and complaint events, which is how feedback finds its agreement and a send event its
// nudge's claim (feedback-notification.ts).

/** The tag's name; feedback notifications list it under `mail.tags`. */
export const AGREEMENT_TAG = 'agreement';

/** What SES accepts as a tag value: ASCII letters, digits, `_` and `-`, at most 256 characters. */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

export function isValidTagValue(value: unknown): value is string {
  return typeof value === 'string' && TAG_VALUE.test(value);
}

/** The tag that names a nudge, as `<number>-<its ledger key, base64url>`. */
export const NUDGE_TAG = 'nudge';

export interface NudgeRef {
  key: string;
  number: number;
}

/** A nudge's tag value: its key (e.g. `HANDOVER#app`) in base64url, which SES accepts. */
export function nudgeTagValue({ key, number }: NudgeRef): string {
  return `${String(number)}-${Buffer.from(key, 'utf8').toString('base64url')}`;
}

export function parseNudgeTag(value: unknown): NudgeRef | undefined {
  const match = typeof value === 'string' ? /^([1-9]\d{0,5})-([A-Za-z0-9_-]+)$/.exec(value) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const key = Buffer.from(match[2], 'base64url').toString('utf8');
  return key ? { key, number: Number(match[1]) } : undefined;
}

/**
 * The message tags an email about this agreement (and nudge) is sent with (the SES MessageTag
 * shape). None for a value SES would refuse: SES rejects the whole send for a bad tag.
 */
export function deliveryTags(
  agreementId: string,
  nudge?: NudgeRef,
): { Name: string; Value: string }[] {
  if (!isValidTagValue(agreementId)) return [];
  const tags = [{ Name: AGREEMENT_TAG, Value: agreementId }];
  const nudgeTag = nudge && nudgeTagValue(nudge);
  if (nudgeTag && isValidTagValue(nudgeTag)) tags.push({ Name: NUDGE_TAG, Value: nudgeTag });
  return tags;
}
