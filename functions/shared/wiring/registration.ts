// What registering an agreement needs from the deployment (the API's create only: reading the
// reminder policy takes the zod schemas).
import { ulid } from 'ulid';
import { reminderPolicySchema } from '../../../domain/schemas.ts';
import { reminderPolicy, type ReminderPolicy } from '../../../domain/reminder-policy.ts';
import { required, type FunctionEnvironment } from '../environment.ts';
import type { Wiring } from './parts.ts';

/** What a new agreement gets from this deployment: its id, host region and reminder policy. */
export function registrationOf(w: Wiring): {
  newId: () => string;
  hostRegionCode: string;
  defaultReminderPolicy: ReminderPolicy;
} {
  return {
    newId: w.options.newId ?? (() => ulid()),
    hostRegionCode: required(w.env, 'HOST_REGION_CODE'),
    defaultReminderPolicy: reminderPolicyFrom(w.env),
  };
}

/**
 * The environment's reminder policy (REMINDER_POLICY, JSON, from infra/config.ts); unset or
 * `{}` is the domain's default. A policy that does not validate stops the function at start.
 */
function reminderPolicyFrom(env: FunctionEnvironment): ReminderPolicy {
  const parsed = reminderPolicySchema.safeParse(JSON.parse(env.REMINDER_POLICY || '{}'));
  if (!parsed.success) {
    throw new Error(`REMINDER_POLICY is not a valid reminder policy: ${parsed.error.message}`);
  }
  return reminderPolicy(parsed.data);
}
