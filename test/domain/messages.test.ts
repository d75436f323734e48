import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import Mustache from 'mustache';
import type { Agreement } from '../../domain/agreement.ts';
import { deliverableHostCoordinators, markUndeliverable } from '../../domain/delivery.ts';
import { MESSAGE_KINDS, type MessageKind } from '../../domain/messages/contexts.ts';
import { LOCALES, messageLocale, type Locale } from '../../domain/messages/language.ts';
import { composeNudgeEmail } from '../../domain/messages/nudge-email.ts';
import { composeTermEmail } from '../../domain/messages/term-email.ts';
import { termRecipients, type TermNudge } from '../../domain/term-plan.ts';
import { composeOfficialAnswerEmail } from '../../domain/messages/official-answer-email.ts';
import { linkFor } from '../../domain/action-links.ts';
import {
  composeNeedsAttentionEmail,
  composeUndeliverableAlert,
} from '../../domain/messages/operations-email.ts';
import { NUDGE_MESSAGES } from '../../domain/messages/nudge-messages.ts';
import { renderMessage } from '../../domain/messages/render.ts';
import { InvalidEmailAddressError, SUBJECT_MAX_LENGTH } from '../../domain/messages/safety.ts';
import type { OutgoingEmail } from '../../domain/ports.ts';
import type { Contact, MilestoneInput } from '../../domain/schemas.ts';
import type { Nudge, NudgeKind } from '../../domain/nudge-plan.ts';
import type { WaitKey } from '../../domain/routes.ts';
import { recipientsOf, type Recipients } from '../../domain/recipients.ts';
import { handedOver, mouSigned, newAgreement, pksSigned, through } from '../support/fixtures.ts';

const trainingScheduled: MilestoneInput = {
  type: 'TRAINING_SCHEDULED',
  occurredAt: '2019-03-20',
  startsOn: '2019-04-08',
  endsOn: '2019-04-12',
  location: 'Bandung Command Center, Balai Kota Bandung',
};

// Kubu Raya: WIB. The PKS stage began with the MoU on 14 December 2018.
const inPks = through(newAgreement(), mouSigned);
const inTraining = through(
  inPks,
  pksSigned,
  handedOver('sabilulungan'),
  handedOver('e-rk'),
  trainingScheduled,
);
const inFollowUp = through(
  inTraining,
  { type: 'TRAINING_COMPLETED', occurredAt: '2019-04-12', participants: 24 },
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-04-20', appId: 'sabilulungan', live: true },
);

/** 27 January 2019, 09:00 WIB: the PKS has been pending 44 days. */
const IN_PKS_NOW = new Date('2019-01-27T02:00:00Z');
const BEFORE_TRAINING_NOW = new Date('2019-04-06T02:00:00Z');
const IN_FOLLOW_UP_NOW = new Date('2019-05-13T02:00:00Z');

function nudge(kind: NudgeKind, waitKey: WaitKey, number: number): Nudge {
  return { kind, waitKey, key: waitKey, number, dueAt: '2019-01-27T02:00:00.000Z' };
}

/** The PKS stage after the official's address bounced. */
const bouncedInPks = markUndeliverable(
  inPks,
  {
    email: 'kadis@kuburaya.example.go.id',
    kind: 'BOUNCE',
    bounceType: 'Permanent',
    bounceSubType: 'General',
    diagnostic: 'smtp; 550 5.1.1 user unknown',
    at: '2019-01-27T01:59:00.000Z',
  },
  IN_PKS_NOW,
)?.agreement;

/** Kubu Raya's PKS, in force until 22 November 2023 (the agreement completed meanwhile). */
const completed = through(
  inFollowUp,
  { type: 'FOLLOW_UP_REPORTED', occurredAt: '2019-04-21', appId: 'e-rk', live: true },
  { type: 'TERM_AMENDED', occurredAt: '2019-04-22', validUntil: '2023-11-22' },
);

function termNudge(kind: TermNudge['kind'], number: number, daysBefore?: number): TermNudge {
  return {
    kind,
    waitKey: 'TERM',
    key: 'TERM#1',
    number,
    validUntil: '2023-11-22',
    dueAt: '2023-10-23T01:00:00.000Z',
    ...(daysBefore === undefined ? {} : { daysBefore }),
  };
}

/** The training invitation: the first nudge of the training's wait, once it is scheduled. */
const trainingInvitation = nudge('TRAINING_INVITATION', 'TRAINING_UPCOMING', 1);

function inLocale(recipients: Recipients, locale: Locale): Recipients {
  return { ...recipients, to: recipients.to.map((c) => ({ ...c, locale })) };
}

function recipients(agreement: Agreement, kind: NudgeKind, locale: Locale): Recipients {
  return inLocale(recipientsOf(agreement, kind), locale);
}

/** One email of each kind, in a locale. */
const EMAILS: Record<MessageKind, (locale: Locale) => OutgoingEmail> = {
  ACTION_NEEDED: (locale) =>
    composeNudgeEmail(
      inPks,
      nudge('ACTION_NEEDED', 'PKS', 1),
      recipients(inPks, 'ACTION_NEEDED', locale),
      new Date('2018-12-17T02:00:00Z'),
    ),
  REMINDER: (locale) =>
    composeNudgeEmail(
      inPks,
      nudge('REMINDER', 'PKS', 2),
      recipients(inPks, 'REMINDER', locale),
      IN_PKS_NOW,
    ),
  ESCALATION: (locale) =>
    composeNudgeEmail(
      inPks,
      nudge('ESCALATION', 'PKS', 5),
      recipients(inPks, 'ESCALATION', locale),
      IN_PKS_NOW,
    ),
  TRAINING_INVITATION: (locale) =>
    composeNudgeEmail(
      inTraining,
      trainingInvitation,
      recipients(inTraining, 'REMINDER', locale),
      new Date('2019-03-20T03:00:00Z'),
    ),
  TRAINING_UPCOMING: (locale) =>
    composeNudgeEmail(
      inTraining,
      nudge('TRAINING_UPCOMING', 'TRAINING_UPCOMING', 1),
      recipients(inTraining, 'TRAINING_UPCOMING', locale),
      BEFORE_TRAINING_NOW,
    ),
  FOLLOW_UP_CHECK_IN: (locale) =>
    composeNudgeEmail(
      inFollowUp,
      nudge('FOLLOW_UP_CHECK_IN', 'FOLLOW_UP', 1),
      recipients(inFollowUp, 'FOLLOW_UP_CHECK_IN', locale),
      IN_FOLLOW_UP_NOW,
    ),
  DORMANT_NOTICE: (locale) =>
    composeNudgeEmail(
      inPks,
      nudge('DORMANT_NOTICE', 'PKS', 7),
      recipients(inPks, 'DORMANT_NOTICE', locale),
      new Date('2019-04-29T02:00:00Z'),
    ),
  NEEDS_ATTENTION: (locale) =>
    composeNeedsAttentionEmail({
      agreementId: inPks.id,
      title: inPks.title,
      failure: {
        error: 'ValidationException',
        cause: 'The provided key element does not match the schema',
        executionArn: 'arn:aws:states:ap-southeast-3:000000000000:execution:lifecycle:one',
      },
      operations: 'operations@bandung.example.go.id',
      now: new Date('2019-06-01T03:00:00Z'),
      locale,
    }),
  EXPIRY_NOTICE: (locale) =>
    composeTermEmail(
      completed,
      termNudge('EXPIRY_NOTICE', 3, 30),
      recipients(completed, 'ACTION_NEEDED', locale),
      new Date('2023-10-23T02:00:00Z'),
    ),
  TERM_EXPIRED: (locale) =>
    composeTermEmail(
      completed,
      termNudge('TERM_EXPIRED', 6),
      inLocale(termRecipients(completed, termNudge('TERM_EXPIRED', 6)), locale),
      new Date('2023-11-23T02:00:00Z'),
    ),
  UNDELIVERABLE_ALERT: (locale) => {
    if (!bouncedInPks) throw new Error('the bounce marks nothing');
    return composeUndeliverableAlert(
      bouncedInPks,
      'kadis@kuburaya.example.go.id',
      deliverableHostCoordinators(bouncedInPks).map((c) => ({ ...c, locale })),
    );
  },
  OFFICIAL_ANSWER: (locale) => {
    const inLocaleHost = {
      ...inPks,
      contacts: inPks.contacts.map((c) => (c.side === 'HOST' ? { ...c, locale } : c)),
    };
    const official = inPks.contacts.find((c) => c.role === 'OFFICIAL' && c.side === 'PARTNER');
    if (!official) throw new Error('the fixture has no partner official');
    const link = linkFor(
      inPks,
      nudge('REMINDER', 'PKS', 2),
      official,
      'a'.repeat(64),
      IN_PKS_NOW,
      30,
    );
    const email = composeOfficialAnswerEmail(
      inLocaleHost,
      link,
      {
        answer: 'DONE',
        occurredAt: '2019-02-22',
        documentNumber: '119/PKS/DKI/II/2019',
        signatory: {
          name: 'Sekretaris Diskominfo',
          position: 'mewakili Kepala Diskominfo',
          capacity: 'ON_BEHALF',
        },
      },
      'report-1',
    );
    if (!email) throw new Error('no host coordinator to tell');
    return email;
  },
};

/** A reminder with the action links of its two officials. */
function reminderWithLinks(locale: Locale): OutgoingEmail {
  const to = recipients(inPks, 'REMINDER', locale);
  const links = [
    {
      name: 'Kepala Diskominfo Kubu Raya',
      url: 'https://konsol.example.go.id/tindak-lanjut/TOKEN-ONE',
    },
    {
      name: 'Kepala Diskominfo Bandung',
      url: 'https://konsol.example.go.id/tindak-lanjut/TOKEN-TWO',
    },
  ];
  return composeNudgeEmail(inPks, nudge('REMINDER', 'PKS', 2), to, IN_PKS_NOW, [], {
    links,
    done: true,
    expiresOn: '2019-02-26',
  });
}

describe('the action links of a nudge', () => {
  it.each(LOCALES.map((locale) => [locale]))(
    'in %s are buttons in HTML and plain URLs in text, each named, with what they do',
    (locale) => {
      const email = reminderWithLinks(locale);
      for (const token of ['TOKEN-ONE', 'TOKEN-TWO']) {
        const url = `https://konsol.example.go.id/tindak-lanjut/${token}`;
        expect(email.text).toContain(url);
        // Mustache escapes every value in HTML, the slashes of a URL included (&#x2F;).
        expect(email.html).toMatch(
          new RegExp(`<a href="${Mustache.escape(url)}" style="display:inline-block;[^"]*">`),
        );
      }
      expect(email.text).toMatch(
        locale === 'id'
          ? /Untuk Kepala Diskominfo Kubu Raya: https/
          : /For Kepala Diskominfo Kubu Raya: https/,
      );
      expect(email.text).toMatch(
        locale === 'id' ? /ditunda sampai tanggal tersebut/ : /paused until that date/,
      );
      expect(email.text).toMatch(locale === 'id' ? /26 Februari 2019/ : /26 February 2019/);
      expect(email.text).toMatchSnapshot('text');
      expect(email.html).toMatchSnapshot('html');
    },
  );

  it('leave out "done" where the wait does not allow it, and every link block where there are none', () => {
    const to = recipients(inPks, 'REMINDER', 'id');
    const withoutDone = composeNudgeEmail(inPks, nudge('REMINDER', 'PKS', 2), to, IN_PKS_NOW, [], {
      links: [{ name: 'X', url: 'https://konsol.example.go.id/tindak-lanjut/T' }],
      done: false,
      expiresOn: '2019-02-26',
    });
    expect(withoutDone.text).not.toContain('telah terlaksana');
    expect(withoutDone.text).toContain('https://konsol.example.go.id/tindak-lanjut/T');
    // One link: not named.
    expect(withoutDone.text).not.toContain('Untuk X');
    const plain = composeNudgeEmail(inPks, nudge('REMINDER', 'PKS', 2), to, IN_PKS_NOW);
    expect(plain.text).not.toContain('tindak-lanjut');
    expect(plain.text).not.toContain('Tanggapan melalui tautan');
  });

  it('escape what officials and coordinators wrote in the links block', () => {
    const to = recipients(inPks, 'REMINDER', 'en');
    const email = composeNudgeEmail(inPks, nudge('REMINDER', 'PKS', 2), to, IN_PKS_NOW, [], {
      links: [
        { name: '<script>x</script>', url: 'https://k.example.go.id/tindak-lanjut/a"b' },
        { name: 'B', url: 'https://k.example.go.id/tindak-lanjut/c' },
      ],
      done: true,
      expiresOn: '2019-02-26',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).toContain('tindak-lanjut&#x2F;a&quot;b"');
  });
});

/** The .ics with LF line breaks: the snapshot file stays plain text. */
function calendarOf(email: OutgoingEmail): string | undefined {
  return email.attachments?.[0]?.content.replaceAll('\r\n', '\n');
}

describe.each(MESSAGE_KINDS.map((kind) => [kind]))('the %s email', (kind) => {
  it.each(LOCALES.map((locale) => [locale]))('in %s matches its snapshot', (locale) => {
    const email = EMAILS[kind](locale);
    expect(email.subject).toMatchSnapshot('subject');
    expect(email.text).toMatchSnapshot('text');
    expect(email.html).toMatchSnapshot('html');
    const attachments = email.attachments ?? [];
    expect(attachments.map(({ filename, contentType }) => ({ filename, contentType }))).toEqual(
      kind === 'TRAINING_INVITATION' || kind === 'TRAINING_UPCOMING'
        ? [
            {
              filename: expect.stringMatching(/agr-kubu-raya\.ics$/),
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ]
        : [],
    );
    if (attachments.length > 0) expect(calendarOf(email)).toMatchSnapshot('ics');
  });

  it('has a subject of one line within the limit, and both parts', () => {
    for (const locale of LOCALES) {
      const email = EMAILS[kind](locale);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
      expect(email.text).toContain(inPks.id);
      expect(email.html).toContain(`<html lang="${locale}">`);
      expect(email.html).toContain(inPks.id);
    }
  });
});

describe('the letters', () => {
  it('follow the formal style: salutation, identification, pending, next step, closing', () => {
    const { text } = EMAILS.REMINDER('id');
    const order = [
      'Yth. Bapak/Ibu Kepala Diskominfo Kabupaten Kubu Raya',
      'Nomor referensi: agr-kubu-raya',
      `Kerja sama: ${inPks.title}`,
      'Para pihak: Kota Bandung dan Kabupaten Kubu Raya',
      'Perjanjian Kerja Sama (PKS) oleh kepala Diskominfo',
      'Langkah selanjutnya:',
      'Hormat kami,',
      'Sekretariat Kerja Sama Pemerintah Kota Bandung',
    ].map((part) => text.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('say at a glance what is needed, and for how long', () => {
    expect(EMAILS.REMINDER('id').subject).toBe(
      'Pengingat: tanda tangan PKS dengan Kabupaten Kubu Raya menunggu sejak 14 Desember 2018',
    );
    expect(EMAILS.REMINDER('en').subject).toBe(
      'Reminder: PKS signature with Kabupaten Kubu Raya pending since 14 December 2018',
    );
    expect(EMAILS.REMINDER('id').text).toContain('sejak 14 Desember 2018, sudah 44 hari');
    expect(EMAILS.REMINDER('en').text).toContain('since 14 December 2018: 44 days so far');
  });

  it('count reminders after the opening message', () => {
    expect(EMAILS.REMINDER('id').text).toContain('pengingat ke-1 ');
    expect(EMAILS.ACTION_NEEDED('id').text).toContain(
      'pengingat pertama akan kami kirimkan pada 14 Januari 2019',
    );
  });

  it('name the application a handover waits for', () => {
    const inHandover = through(inPks, pksSigned);
    const email = composeNudgeEmail(
      inHandover,
      nudge('REMINDER', 'HANDOVER#e-rk', 2),
      recipientsOf(inHandover, 'REMINDER'),
      new Date('2019-04-01T02:00:00Z'),
    );
    expect(email.subject).toBe(
      'Pengingat: serah terima e-RK (E-Remunerasi) dengan Kabupaten Kubu Raya menunggu sejak 22 Februari 2019',
    );
    expect(email.text).not.toContain('Sabilulungan');
  });

  it('escalate naming the officials who have not acted, since when and for how long', () => {
    const { to, cc, subject, text, html } = EMAILS.ESCALATION('id');
    expect(to).toEqual(['sekda@kuburaya.example.go.id']);
    expect(cc).toEqual(['kadis@kuburaya.example.go.id', 'koordinator@bandung.example.go.id']);
    expect(subject).toBe(
      'Eskalasi: tanda tangan PKS dengan Kabupaten Kubu Raya belum ditindaklanjuti selama 44 hari',
    );
    expect(text).toContain('Yth. Bapak/Ibu Sekretaris Daerah Kabupaten Kubu Raya');
    expect(text).toContain('sejak 14 Desember 2018 (sudah 44 hari)');
    expect(text).toContain('3 kali pengingat kepada Kepala Diskominfo Kabupaten Kubu Raya');
    expect(html).toContain('Kepala Diskominfo Kabupaten Kubu Raya');
    expect(EMAILS.ESCALATION('en').text).toContain(
      'since 14 December 2018 (44 days). We have sent 3 reminders to Kepala Diskominfo Kabupaten Kubu Raya',
    );
  });

  it('list each application with its status in a follow-up', () => {
    const { text, html } = EMAILS.FOLLOW_UP_CHECK_IN('en');
    expect(text).toContain('- Sabilulungan: live\n');
    expect(text).toContain('- e-RK (E-Remunerasi): handed over, no report on its use yet\n');
    expect(html).toContain('<li>Sabilulungan: live</li>');
  });
});

describe('the calendar invitation', () => {
  const ics = (email: OutgoingEmail) => email.attachments?.[0]?.content ?? '';

  it('is an all-day event over the training days, stamped with the given time', () => {
    const content = ics(EMAILS.TRAINING_INVITATION('id'));
    expect(content).toContain('\r\nDTSTART;VALUE=DATE:20190408\r\n');
    // The end of an all-day event is the day after its last day.
    expect(content).toContain('\r\nDTEND;VALUE=DATE:20190413\r\n');
    expect(content).toContain('\r\nDTSTAMP:20190320T030000Z\r\n');
    expect(content).toContain('\r\nLOCATION:Bandung Command Center\\, Balai Kota Bandung\r\n');
    expect(content.split('\r\n').every((line) => line.length <= 75)).toBe(true);
  });

  it('is RFC 5545 text whatever was written: CRLF lines of at most 75 octets, TEXT escaped', () => {
    const location =
      'Aula "Utama"; Gedung Saté, Lt. 2 Ruang rapat ✓ — Jl. Diponegoro No. 22, Bandung \\ ' +
      'Jawa Barat, Indonesia; pintu masuk sebelah timur, dekat lapangan parkir.';
    const content = ics(
      composeNudgeEmail(
        through(inPks, pksSigned, handedOver('sabilulungan'), handedOver('e-rk'), {
          ...trainingScheduled,
          location,
        }),
        trainingInvitation,
        recipientsOf(inTraining, 'REMINDER'),
        BEFORE_TRAINING_NOW,
      ),
    );
    expect(content.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(content.endsWith('\r\nEND:VCALENDAR\r\n')).toBe(true);
    const lines = content.slice(0, -2).split('\r\n');
    expect(lines.filter((line) => /[\r\n]/.test(line))).toEqual([]);
    expect(lines.filter((line) => Buffer.byteLength(line, 'utf8') > 75)).toEqual([]);
    // Folded: the value took several lines; unfolded and unescaped, it is what was written.
    const unfolded = content.replace(/\r\n[ \t]/g, '');
    expect(unfolded.length).toBeLessThan(content.length);
    const value = /\r\nLOCATION:([^\r]*)\r\n/.exec(unfolded)?.[1] ?? '';
    expect(value).toContain('Aula "Utama"\\; Gedung Saté\\, Lt. 2 Ruang');
    expect(value.replace(/\\([\\;,])/g, '$1')).toBe(location);
    for (const name of ['UID', 'DTSTAMP', 'DTSTART;VALUE=DATE', 'DTEND;VALUE=DATE', 'SEQUENCE']) {
      expect([name, unfolded.split(`\r\n${name}:`).length - 1]).toEqual([name, 1]);
    }
    expect(unfolded).toContain('\r\nMETHOD:PUBLISH\r\n');
  });

  it('is one event for the invitation and the reminder, moved when the training is', () => {
    const uid = (content: string) => /\r\nUID:([^\r]*)\r\n/.exec(content)?.[1];
    const invitation = ics(EMAILS.TRAINING_INVITATION('id'));
    expect(uid(invitation)).toBe('agr-kubu-raya.training@sepakat');
    expect(uid(ics(EMAILS.TRAINING_UPCOMING('en')))).toBe(uid(invitation));
    expect(invitation).toContain('\r\nSEQUENCE:0\r\n');
    const rescheduled = through(inTraining, {
      ...trainingScheduled,
      occurredAt: '2019-04-01',
      startsOn: '2019-04-22',
      endsOn: '2019-04-26',
    });
    const moved = ics(
      composeNudgeEmail(
        rescheduled,
        trainingInvitation,
        recipientsOf(rescheduled, 'REMINDER'),
        new Date('2019-04-01T03:00:00Z'),
      ),
    );
    expect(uid(moved)).toBe(uid(invitation));
    expect(moved).toContain('\r\nSEQUENCE:1\r\n');
    expect(moved).toContain('\r\nDTSTART;VALUE=DATE:20190422\r\n');
  });
});

describe('the language', () => {
  const reminder = (to: Contact[]) =>
    composeNudgeEmail(
      inPks,
      nudge('REMINDER', 'PKS', 2),
      { to, cc: recipientsOf(inPks, 'REMINDER').cc },
      IN_PKS_NOW,
    );
  const official = recipientsOf(inPks, 'REMINDER').to[0] as Contact;
  const english = { ...official, locale: 'en' as const };
  const second = { ...official, name: 'Kepala Bappeda', email: 'bappeda@kuburaya.example.go.id' };

  it('is English only when every recipient in `to` reads English', () => {
    expect(reminder([english]).subject).toMatch(/^Reminder:/);
    expect(reminder([english, { ...second, locale: 'en' }]).subject).toMatch(/^Reminder:/);
    expect(reminder([english, { ...second, locale: 'id' }]).subject).toMatch(/^Pengingat:/);
    expect(reminder([{ ...official, locale: 'id' }]).subject).toMatch(/^Pengingat:/);
    expect(messageLocale([])).toBe('id');
  });

  it('does not depend on the copied recipients', () => {
    const cc = recipientsOf(inPks, 'REMINDER').cc.map((c) => ({ ...c, locale: 'en' as const }));
    const email = composeNudgeEmail(
      inPks,
      nudge('REMINDER', 'PKS', 2),
      { to: [{ ...official, locale: 'id' }], cc },
      IN_PKS_NOW,
    );
    expect(email.subject).toMatch(/^Pengingat:/);
  });

  it('greets every recipient', () => {
    expect(reminder([official, second]).text).toContain(
      'Yth. Bapak/Ibu Kepala Diskominfo Kabupaten Kubu Raya dan Kepala Bappeda',
    );
  });
});

describe('the safety of what coordinators wrote', () => {
  const hostile: Agreement = {
    ...inTraining,
    title: 'Kerja sama <script>alert(1)</script> & "kutipan"',
    contacts: inTraining.contacts.map((c) =>
      c.role === 'OFFICIAL' ? { ...c, name: 'Kadis "><img src=x onerror=alert(1)>' } : c,
    ),
    milestones: inTraining.milestones.map((m) =>
      m.type === 'TRAINING_SCHEDULED' ? { ...m, location: '<b onmouseover="x()">Aula</b>' } : m,
    ),
  };

  it('is escaped in the html part', () => {
    const { html, text } = composeNudgeEmail(
      hostile,
      trainingInvitation,
      recipientsOf(hostile, 'REMINDER'),
      BEFORE_TRAINING_NOW,
    );
    expect(html).not.toMatch(/<script|<img|<b |onerror=|onmouseover=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &quot;kutipan&quot;');
    expect(html).toContain('Kadis &quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain('&lt;b onmouseover&#x3D;&quot;x()&quot;&gt;Aula&lt;&#x2F;b&gt;');
    // The plain-text part shows what was written.
    expect(text).toContain('Kerja sama: Kerja sama <script>alert(1)</script> & "kutipan"');
  });

  it('never brings a line break into a subject', () => {
    const injected: Agreement = {
      ...inPks,
      title: 'Judul\r\nBcc: evil@example.com',
      partnerRegion: { ...inPks.partnerRegion, name: 'Kabupaten\r\nBcc: evil@example.com' },
      contacts: inPks.contacts.map((c) => ({ ...c, name: `${c.name}\nX-Injected: 1` })),
    };
    const emails = [
      composeNudgeEmail(
        injected,
        nudge('REMINDER', 'PKS', 2),
        recipientsOf(injected, 'REMINDER'),
        IN_PKS_NOW,
      ),
      composeNeedsAttentionEmail({
        agreementId: injected.id,
        title: injected.title,
        failure: { error: 'Oops\r\nBcc: evil@example.com', cause: 'line one\r\nline two' },
        operations: 'operations@bandung.example.go.id',
        now: IN_PKS_NOW,
      }),
    ];
    for (const email of emails) {
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject).toContain('Bcc: evil@example.com');
      expect(email.text).not.toMatch(/^Bcc:|^X-Injected/m);
    }
    expect(emails[0]?.text).toContain('Kerja sama: Judul Bcc: evil@example.com\n');
    // A cause may span lines in the body.
    expect(emails[1]?.text).toContain('line one\nline two');
  });

  it('keeps subjects short', () => {
    const long: Agreement = {
      ...inPks,
      partnerRegion: { ...inPks.partnerRegion, name: 'Kabupaten '.repeat(40) },
    };
    const { subject } = composeNudgeEmail(
      long,
      nudge('REMINDER', 'PKS', 2),
      recipientsOf(long, 'REMINDER'),
      IN_PKS_NOW,
    );
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
    expect(subject.endsWith('…')).toBe(true);
  });

  it('refuses an invalid address before composing', () => {
    const compose = (email: string) => () =>
      composeNudgeEmail(
        inPks,
        nudge('REMINDER', 'PKS', 2),
        {
          to: [{ ...(recipientsOf(inPks, 'REMINDER').to[0] as Contact), email }],
          cc: [],
        },
        IN_PKS_NOW,
      );
    expect(compose('not-an-address')).toThrow(InvalidEmailAddressError);
    expect(compose('kadis@kuburaya.example.go.id\r\nBcc: evil@example.com')).toThrow(
      InvalidEmailAddressError,
    );
    expect(compose('kadis@kuburaya.example.go.id, evil@example.com')).toThrow(
      'Not a valid email address',
    );
    expect(() =>
      composeNeedsAttentionEmail({
        agreementId: inPks.id,
        failure: { error: 'E', cause: '' },
        operations: 'operations',
        now: IN_PKS_NOW,
      }),
    ).toThrow(InvalidEmailAddressError);
  });

  it('never puts a task token or an execution ARN in a body', () => {
    const token = `AQB4AAAAKgAAAAMAAAAAAAAAAT${'x7Kp/9+Zq'.repeat(40)}==`;
    const executionArn = 'arn:aws:states:ap-southeast-3:000000000000:execution:lifecycle:one';
    const notice = composeNeedsAttentionEmail({
      agreementId: inPks.id,
      title: inPks.title,
      failure: {
        error: 'States.Timeout',
        cause: `Task timed out; token ${token} of ${executionArn}`,
        executionArn,
      },
      operations: 'operations@bandung.example.go.id',
      now: IN_PKS_NOW,
    });
    const all = [
      notice,
      ...MESSAGE_KINDS.flatMap((kind) => LOCALES.map((locale) => EMAILS[kind](locale))),
    ];
    for (const email of all) {
      for (const body of [email.subject, email.text, email.html]) {
        expect(body).not.toMatch(/[A-Za-z0-9+/=_-]{48,}/);
        expect(body).not.toContain('arn:aws');
      }
    }
    expect(notice.text).toContain('token [redacted] of [ARN]');
  });

  it('is rendered by templates that never leave a value unescaped', () => {
    const directory = new URL('../../templates/', import.meta.url);
    const files = readdirSync(directory).filter((name) => name.endsWith('.json'));
    // Besides each message in each language: the layout and the phrases in each, and the
    // monthly digest, written to Bandung's own officials in Indonesian only.
    expect(files.length).toBe(MESSAGE_KINDS.length * LOCALES.length + 2 * LOCALES.length + 1);
    for (const name of files) {
      const source = readFileSync(new URL(name, directory), 'utf8');
      expect([name, /\{\{\s*[{&]/.test(source)]).toEqual([name, false]);
    }
  });
});

describe('renderMessage', () => {
  it('renders a context directly, with the office given', () => {
    const message = renderMessage(
      NUDGE_MESSAGES.REMINDER,
      {
        agreement: {
          reference: 'agr-1',
          title: 'Kerja sama',
          hostRegion: 'Kota Bandung',
          partnerRegion: 'Kota Palangkaraya',
          stage: 'HANDOVER',
        },
        recipients: ['Kepala Diskominfo Kota Palangkaraya'],
        office: 'Bagian Kerja Sama Sekretariat Daerah Kota Bandung',
        pending: { route: 'HANDOVER', apps: ['Hayu.Bdg', 'Gampil'] },
        since: '2019-01-01',
        days: 1,
        number: 1,
      },
      'en',
    );
    expect(message.subject).toBe(
      'Reminder: handover of Hayu.Bdg and Gampil with Kota Palangkaraya pending since 1 January 2019',
    );
    expect(message.text).toContain('Bagian Kerja Sama Sekretariat Daerah Kota Bandung');
    expect(message.attachments).toBeUndefined();
  });
});

describe('the ladder in the letters (issue 16)', () => {
  // Waiting since 27 July 2016; on 18 February 2027 that is 3,858 days.
  const longStalled: Agreement = { ...inPks, stageEnteredOn: '2016-07-27' };
  const years = new Date('2027-02-18T02:00:00Z');
  const compose = (agreement: Agreement, n: Nudge, at: Date, companions: Nudge[] = []) =>
    composeNudgeEmail(agreement, n, recipientsOf(agreement, n.kind), at, companions);

  it('put a date after "sejak" and a grouped duration after "selama" and "sudah"', () => {
    const reminder = compose(longStalled, nudge('REMINDER', 'PKS', 2), years);
    expect(reminder.subject).toBe(
      'Pengingat: tanda tangan PKS dengan Kabupaten Kubu Raya menunggu sejak 27 Juli 2016',
    );
    expect(reminder.text).toContain('sejak 27 Juli 2016, sudah 3.858 hari');
    const escalation = compose(longStalled, nudge('ESCALATION', 'PKS', 5), years);
    expect(escalation.subject).toBe(
      'Eskalasi: tanda tangan PKS dengan Kabupaten Kubu Raya belum ditindaklanjuti selama 3.858 hari',
    );
    const english = composeNudgeEmail(
      longStalled,
      nudge('ESCALATION', 'PKS', 5),
      recipients(longStalled, 'ESCALATION', 'en'),
      years,
    );
    expect(english.subject).toContain('not acted on for 3,858 days');
  });

  it('say truthfully how many reminders came before an escalation, and which one is the last', () => {
    const first = compose(inPks, nudge('ESCALATION', 'PKS', 5), IN_PKS_NOW);
    expect(first.text).toContain('Kami telah mengirimkan 3 kali pengingat kepada');
    expect(first.text).not.toContain('eskalasi ke-');
    expect(first.text).not.toContain('yang terakhir');
    const last = compose(inPks, nudge('ESCALATION', 'PKS', 6), IN_PKS_NOW);
    expect(last.text).toContain('Kami telah mengirimkan 3 kali pengingat kepada');
    expect(last.text).toContain('Ini adalah eskalasi ke-2 untuk hal tersebut.');
    expect(last.text).toContain('Eskalasi ini adalah yang terakhir');
  });

  it('tell the host coordinators, once the ladder ended, what was sent and how to go on', () => {
    const notice = compose(inPks, nudge('DORMANT_NOTICE', 'PKS', 7), IN_PKS_NOW);
    expect(notice.to).toEqual(['koordinator@bandung.example.go.id']);
    expect(notice.cc).toEqual([]);
    expect(notice.subject).toBe(
      'Pengingat dihentikan: tanda tangan PKS dengan Kabupaten Kubu Raya menunggu sejak 14 Desember 2018',
    );
    expect(notice.text).toContain('telah kami kirimkan 3 kali pengingat dan 2 kali eskalasi');
  });

  it('list every application awaiting its handover in one reminder', () => {
    const inHandover = through(inPks, pksSigned);
    const email = compose(
      inHandover,
      nudge('REMINDER', 'HANDOVER#sabilulungan', 2),
      new Date('2019-04-01T02:00:00Z'),
      [nudge('REMINDER', 'HANDOVER#e-rk', 2)],
    );
    expect(email.subject).toBe(
      'Pengingat: serah terima Sabilulungan dan e-RK (E-Remunerasi) dengan Kabupaten Kubu Raya menunggu sejak 22 Februari 2019',
    );
  });

  it('announce the first reminder of an agreement registered late on the date it will come', () => {
    const opening = compose(longStalled, nudge('ACTION_NEEDED', 'PKS', 1), years);
    // Thursday 18 February 2027 + 14 days: Thursday 4 March 2027, not a date in 2016.
    expect(opening.text).toContain('pengingat pertama akan kami kirimkan pada 4 Maret 2027');
  });
});
