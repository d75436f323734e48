// Kept apart from regions.ts, which loads every region: the API's sign-in check needs only this.
/** A Kemendagri code: a province (`32`) or a regency or city (`32.73`). */
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2})?$/;
