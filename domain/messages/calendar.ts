// The calendar invitation (.ics) a training's emails carry.
import { createEvent, type EventAttributes } from 'ics';
import { addDays } from '../dates.ts';
import type { EmailAttachment, TrainingContext } from './contexts.ts';
import { list, phrase, type Locale, type Phrases } from './language.ts';

const PRODUCT_ID = '-//Sepakat//Kerja Sama Smart City//ID';

function dateArray(isoDate: string): [number, number, number] {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/**
 * An all-day event over the training days (dates are the partner's local calendar days).
 * The UID comes from the agreement id, so an invitation and its reminder are one event, and a
 * rescheduled training (a higher SEQUENCE) moves it in the recipients' calendars.
 */
export function calendarInvitation(
  context: TrainingContext,
  phrases: Phrases,
  locale: Locale,
): EmailAttachment {
  const { agreement, training } = context;
  const view = {
    host: agreement.hostRegion,
    partner: agreement.partnerRegion,
    title: agreement.title,
    reference: agreement.reference,
    apps: list(context.apps, locale),
  };
  const attributes: EventAttributes & { timestamp: number } = {
    productId: PRODUCT_ID,
    method: 'PUBLISH',
    uid: `${agreement.reference}.training@sepakat`,
    sequence: training.sequence ?? 0,
    timestamp: context.now.getTime(),
    title: phrase(phrases.calendar.summary, view),
    description: phrase(phrases.calendar.description, view),
    start: dateArray(training.startsOn),
    // An all-day event ends on the day after its last day.
    end: dateArray(addDays(training.endsOn, 1)),
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    ...(training.location ? { location: training.location } : {}),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw new Error(`Calendar invitation failed: ${error?.message ?? 'empty'}`);
  const reference = agreement.reference.replace(/[^A-Za-z0-9._-]/g, '-');
  return {
    filename: phrase(phrases.calendar.filename, { reference }),
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: value,
  };
}
