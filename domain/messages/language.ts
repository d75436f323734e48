// The language of a message: which locale it is in, the phrases of each locale
// (templates/phrases.*.json), and how dates, counts and lists read in it.
import Mustache from 'mustache';
import phrasesEn from '../../templates/phrases.en.json' with { type: 'json' };
import phrasesId from '../../templates/phrases.id.json' with { type: 'json' };
import type { AppStatus, Stage, UndeliverableAddress } from '../agreement.ts';
import type { Contact, ContactRole } from '../schemas.ts';
import type { WaitRoute } from '../routes.ts';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];

/** English only when every `to` recipient reads English; Indonesian otherwise. */
export function messageLocale(to: readonly Pick<Contact, 'locale'>[]): Locale {
  return to.length > 0 && to.every((c) => c.locale === 'en') ? 'en' : 'id';
}

interface Plural {
  zero: string;
  one: string;
  other: string;
}

export interface Phrases {
  office: string;
  days: Plural;
  reminders: Plural;
  escalations: Plural;
  inDays: Plural;
  stages: Record<Stage, string>;
  pending: Record<WaitRoute, { short: string; long: string; next: string }>;
  appStatus: Record<AppStatus, string>;
  contactRoles: Record<ContactRole, string>;
  /** A contact named with its role and region. */
  holder: string;
  /** Why an address is undeliverable. */
  undeliverable: Record<UndeliverableAddress['kind'], string>;
  noLocation: string;
  calendar: { summary: string; description: string; filename: string };
}

export const PHRASES: Record<Locale, Phrases> = { id: phrasesId, en: phrasesEn };

/** For the subject and the text part: values go in as they are (already single lines). */
export const PLAIN = { escape: (value: unknown) => String(value) };

/** A phrase with its parameters, as plain text (it is escaped where it ends up). */
export function phrase(template: string, view: Record<string, unknown>): string {
  return Mustache.render(template, view, undefined, PLAIN);
}

const DATE_LOCALES: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "14 Desember 2018" / "14 December 2018". */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateFormat(locale).format(utcDate(isoDate));
}

export function formatDateRange(start: string, end: string, locale: Locale): string {
  if (start === end) return formatDate(start, locale);
  return dateFormat(locale).formatRange(utcDate(start), utcDate(end));
}

/** "3.858 hari" / "3,858 days": the number grouped the locale's way. */
export function count(forms: Plural, n: number, locale: Locale): string {
  const form = n === 0 ? forms.zero : n === 1 ? forms.one : forms.other;
  return phrase(form, { n: new Intl.NumberFormat(DATE_LOCALES[locale]).format(n) });
}

export function list(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
