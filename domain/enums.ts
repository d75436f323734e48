// The fixed lists of names the schemas (domain/schemas.ts) are built from, without zod: code
// that only needs the names, such as the workflow's tasks, does not load the validation.
export const STAGES = [
  'MOU',
  'PKS',
  'HANDOVER',
  'TRAINING',
  'FOLLOW_UP',
  'COMPLETED',
  'CANCELLED',
] as const;
export const MILESTONE_TYPES = [
  'MOU_SIGNED',
  'PKS_SIGNED',
  'APP_HANDED_OVER',
  'APP_DROPPED',
  'TRAINING_SCHEDULED',
  'TRAINING_COMPLETED',
  'FOLLOW_UP_REPORTED',
  'TERM_AMENDED',
  'TERM_RENEWED',
  'AGREEMENT_TERMINATED',
] as const;

/** Where an agreement's term stands (domain/term.ts): EXPIRING inside the first notice window. */
export const TERM_STATUSES = ['IN_FORCE', 'EXPIRING', 'EXPIRED', 'TERMINATED'] as const;
