// The calendar invitation (.ics) a training's emails carry. ical-generator writes the RFC 5545
// text (CRLF lines folded at 75 octets, TEXT values escaped) with no validation library in
// the bundle; the values here are ours, checked where they were recorded.
import ical, {
  ICalCalendarMethod,
  ICalEventBusyStatus,
  ICalEventStatus,
  type ICalEventData,
} from 'ical-generator';
import { addDays } from '../dates.ts';
import type { EmailAttachment, TrainingContext } from './contexts.ts';
import { list, phrase, type Locale, type Phrases } from './language.ts';

// ical-generator writes it after `PRODID:-`.
const PRODUCT_ID = '//Sepakat//Kerja Sama Smart City//ID';

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
  // Also the UID's first part, which ical-generator writes as it is.
  const reference = agreement.reference.replace(/[^A-Za-z0-9._-]/g, '-');
  const event: ICalEventData = {
    id: `${reference}.training@sepakat`,
    sequence: training.sequence ?? 0,
    stamp: context.now,
    allDay: true,
    // `YYYY-MM-DD` reads as that day at midnight UTC, written back as the same date.
    start: training.startsOn,
    // An all-day event ends on the day after its last day.
    end: addDays(training.endsOn, 1),
    summary: phrase(phrases.calendar.summary, view),
    description: phrase(phrases.calendar.description, view),
    status: ICalEventStatus.CONFIRMED,
    busystatus: ICalEventBusyStatus.BUSY,
    ...(training.location ? { location: training.location } : {}),
  };
  const calendar = ical({
    prodId: PRODUCT_ID,
    method: ICalCalendarMethod.PUBLISH,
    events: [event],
  });
  return {
    filename: phrase(phrases.calendar.filename, { reference }),
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    // RFC 5545 ends every content line, the last one too, with CRLF.
    content: `${calendar.toString()}\r\n`,
  };
}
