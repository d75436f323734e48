// The checks of the milestones that change a term (an adendum, a new PKS, an early end) and of
// the KSB's own term: each fits only after the PKS, before the agreement was terminated, with a
// validUntil after its signing and not in the past, within the legal maximum unless the
// adendum itself says otherwise. What they change is the term (term.ts), read from them.
import { addYears } from './dates.ts';
import { STAGES } from './enums.ts';
import type { Agreement, Stage } from './agreement.ts';
import { reject, type Rejection } from './rejections.ts';
import type { MilestoneInput } from './schemas.ts';
import { termBasis } from './term.ts';

type TermMilestone = Extract<
  MilestoneInput,
  { type: 'TERM_AMENDED' | 'TERM_RENEWED' | 'AGREEMENT_TERMINATED' }
>;

/** The stages in which a term milestone may be recorded: any, the PKS is checked instead. */
export const TERM_MILESTONE_STAGES: readonly Stage[] = STAGES.filter(
  (stage) => stage !== 'CANCELLED',
);

/** A KSB's term, if it has one, ends after its signing. */
export function checkMouTerm(
  milestone: Extract<MilestoneInput, { type: 'MOU_SIGNED' }>,
): Rejection | undefined {
  if (milestone.validUntil === undefined || milestone.validUntil > milestone.occurredAt) {
    return undefined;
  }
  return reject(
    'MOU_TERM_NOT_AFTER_SIGNING',
    `validUntil ${milestone.validUntil} must be after the signing date`,
  );
}

/**
 * What a term milestone does to the stage (a termination before the implementation is done
 * cancels it; after it, COMPLETED stays), or why it does not fit.
 */
export function termMilestoneEffect(
  agreement: Agreement,
  milestone: TermMilestone,
  maxTermYears: number,
  today: string,
): { nextStage?: Stage } | Rejection {
  const basis = termBasis(agreement);
  if (!basis || basis.document !== 'PKS') {
    return reject(
      'PKS_NOT_SIGNED',
      `${milestone.type} needs a signed PKS: record PKS_SIGNED first`,
    );
  }
  if (milestone.occurredAt < basis.signedOn) {
    return reject(
      'DATE_BEFORE_PREREQUISITE',
      `${milestone.type} on ${milestone.occurredAt} cannot precede the signing of the PKS in force on ${basis.signedOn}`,
      { prerequisiteDate: basis.signedOn },
    );
  }
  if (milestone.type === 'AGREEMENT_TERMINATED') {
    return agreement.stage === 'COMPLETED' ? {} : { nextStage: 'CANCELLED' };
  }
  const { validUntil, occurredAt } = milestone;
  if (validUntil <= occurredAt) {
    return reject(
      'PKS_TERM_NOT_AFTER_SIGNING',
      `validUntil ${validUntil} must be after the date of the ${milestone.type === 'TERM_AMENDED' ? 'adendum' : 'new PKS'} (${occurredAt})`,
    );
  }
  if (validUntil < today) {
    return reject('TERM_IN_PAST', `validUntil ${validUntil} is in the past (today is ${today})`, {
      validUntil,
      today,
    });
  }
  if (milestone.type === 'TERM_AMENDED' && occurredAt > basis.validUntil) {
    return reject(
      'TERM_ALREADY_EXPIRED',
      `The PKS ended on ${basis.validUntil}: an adendum of ${occurredAt} cannot extend it; record TERM_RENEWED for a new PKS`,
      { validUntil: basis.validUntil },
    );
  }
  // An adendum counts from the original signing, a new PKS from its own.
  const from = milestone.type === 'TERM_AMENDED' ? basis.signedOn : occurredAt;
  const latest = addYears(from, maxTermYears);
  const allowed = milestone.type === 'TERM_AMENDED' && milestone.extendsBeyondMaxTerm === true;
  if (validUntil > latest && !allowed) {
    return reject(
      'PKS_TERM_TOO_LONG',
      `A PKS runs at most ${String(maxTermYears)} years from its signing (${from}): validUntil must be on or before ${latest}` +
        (milestone.type === 'TERM_AMENDED'
          ? ', unless the adendum says so (extendsBeyondMaxTerm)'
          : ''),
      { maxTermYears, latestValidUntil: latest },
    );
  }
  return {};
}
