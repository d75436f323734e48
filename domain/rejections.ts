/** Why the domain refused a change; `code` is for machines, `message` for people. */
export type RejectionCode =
  | 'UNKNOWN_REGION'
  | 'PARTNER_IS_HOST'
  | 'AGREEMENT_CLOSED'
  | 'STAGE_MISMATCH'
  | 'DATE_IN_FUTURE'
  | 'DATE_BEFORE_PREREQUISITE'
  | 'PKS_TERM_TOO_LONG'
  | 'PKS_TERM_NOT_AFTER_SIGNING'
  | 'APP_NOT_IN_AGREEMENT'
  | 'APP_ALREADY_HANDED_OVER'
  | 'APP_DROPPED'
  | 'APP_NOT_HANDED_OVER'
  | 'LAST_APPLICATION'
  | 'TRAINING_NOT_SCHEDULED'
  | 'TRAINING_NOT_STARTED'
  | 'TRAINING_STARTS_BEFORE_SCHEDULING'
  | 'AGREEMENT_TOO_LARGE'
  | 'NOT_DORMANT'
  | 'DOCUMENT_TOO_LARGE'
  | 'MILESTONE_MISMATCH'
  | 'MILESTONE_NOT_RECORDED'
  | 'DOCUMENT_NOT_REPLACEABLE'
  | 'DOCUMENT_NOT_ATTACHED'
  | 'MOU_TERM_NOT_AFTER_SIGNING'
  | 'PKS_NOT_SIGNED'
  | 'AGREEMENT_TERMINATED'
  | 'TERM_IN_PAST'
  | 'TERM_ALREADY_EXPIRED'
  | 'ANSWER_NOT_ALLOWED'
  | 'REPORT_INCOMPLETE'
  | 'TOO_MANY_REPORTS'
  | 'PAUSE_NOT_IN_FUTURE'
  | 'PAUSE_TOO_LONG'
  | 'CONTACTS_OF_OTHER_SIDE'
  | 'REPORT_NOT_FOUND';

export interface Rejection {
  code: RejectionCode;
  message: string;
  details?: Record<string, unknown>;
}

export function reject(
  code: RejectionCode,
  message: string,
  details?: Record<string, unknown>,
): Rejection {
  return details ? { code, message, details } : { code, message };
}
