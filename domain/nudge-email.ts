// Plain-text nudges: who is asked what, about which agreement, and since when.
// Rich templates (HTML, calendar invitations, office hours) replace these in the email issue.
import type { Agreement } from './agreement.ts';
import type { OutgoingEmail } from './ports.ts';
import type { Nudge, Recipients } from './workflow.ts';

type Locale = 'id' | 'en';

const PENDING: Record<Locale, Record<string, string>> = {
  id: {
    MOU: 'penandatanganan Kesepakatan Bersama (MoU)',
    PKS: 'penandatanganan Perjanjian Kerja Sama (PKS)',
    HANDOVER: 'serah terima aplikasi (BAST)',
    TRAINING_SCHEDULE: 'penjadwalan pelatihan',
    TRAINING_UPCOMING: 'pelatihan yang akan segera dimulai',
    TRAINING_COMPLETION: 'pencatatan selesainya pelatihan',
    FOLLOW_UP: 'laporan apakah aplikasi sudah digunakan (live)',
  },
  en: {
    MOU: 'signing of the joint agreement (MoU)',
    PKS: 'signing of the cooperation agreement (PKS)',
    HANDOVER: 'handover of the application (BAST)',
    TRAINING_SCHEDULE: 'scheduling of the training',
    TRAINING_UPCOMING: 'the upcoming training',
    TRAINING_COMPLETION: 'recording that the training took place',
    FOLLOW_UP: 'a report on whether the applications are live',
  },
};

const SUBJECT: Record<Locale, Record<Nudge['kind'], string>> = {
  id: {
    REMINDER: 'Pengingat',
    ESCALATION: 'Eskalasi',
    TRAINING_UPCOMING: 'Pengingat pelatihan',
    FOLLOW_UP_CHECK_IN: 'Tindak lanjut',
  },
  en: {
    REMINDER: 'Reminder',
    ESCALATION: 'Escalation',
    TRAINING_UPCOMING: 'Training reminder',
    FOLLOW_UP_CHECK_IN: 'Follow-up',
  },
};

export function composeNudgeEmail(
  agreement: Agreement,
  nudge: Nudge,
  recipients: Recipients,
): OutgoingEmail {
  const locale: Locale = recipients.to.every((c) => c.locale === 'en') ? 'en' : 'id';
  const [route = '', appId] = nudge.waitKey.split('#');
  const app = appId ? agreement.apps.find((a) => a.id === appId) : undefined;
  const what = `${PENDING[locale][route] ?? route}${app ? `: ${app.name}` : ''}`;
  const partner = agreement.partnerRegion.name;
  const subject = `${SUBJECT[locale][nudge.kind]}: ${what} - ${partner}`;
  const since = agreement.stageEnteredOn;
  const text =
    locale === 'id'
      ? [
          `Yth. Bapak/Ibu ${recipients.to.map((c) => c.name).join(', ')},`,
          '',
          `Perihal: ${agreement.title}`,
          `Mitra: ${partner}; tahap: ${agreement.stage} sejak ${since}.`,
          `Yang masih ditunggu: ${what}.`,
          nudge.kind === 'ESCALATION'
            ? `Pengingat sebelumnya (${nudge.number - 1}) belum ditindaklanjuti; mohon bantuan Bapak/Ibu.`
            : `Ini adalah pesan ke-${nudge.number} untuk hal ini.`,
          'Mohon kabarkan kepada koordinator bila sudah dilaksanakan.',
          '',
          'Hormat kami,',
          `Sekretariat Kerja Sama ${agreement.hostRegion.name}`,
          `Nomor referensi: ${agreement.id}`,
        ].join('\n')
      : [
          `Dear ${recipients.to.map((c) => c.name).join(', ')},`,
          '',
          `Re: ${agreement.title}`,
          `Partner: ${partner}; stage: ${agreement.stage} since ${since}.`,
          `Still pending: ${what}.`,
          nudge.kind === 'ESCALATION'
            ? `The previous ${nudge.number - 1} reminders went unanswered; we ask for your help.`
            : `This is message ${nudge.number} about it.`,
          'Please tell the coordinator once it is done.',
          '',
          'Kind regards,',
          `Cooperation secretariat, ${agreement.hostRegion.name}`,
          `Reference: ${agreement.id}`,
        ].join('\n');
  return {
    to: recipients.to.map((c) => c.email),
    cc: recipients.cc.map((c) => c.email),
    subject,
    text,
  };
}

export function composeNeedsAttentionEmail(
  agreementId: string,
  title: string | undefined,
  failure: { error: string; cause: string; executionArn?: string },
  operations: string,
): OutgoingEmail {
  return {
    to: [operations],
    cc: [],
    subject: `Sepakat: agreement ${agreementId} needs attention (${failure.error})`,
    text: [
      `The lifecycle workflow of agreement ${agreementId}${title ? ` (${title})` : ''} stopped on an error.`,
      '',
      `Error: ${failure.error}`,
      `Cause: ${failure.cause}`,
      `Execution: ${failure.executionArn ?? 'unknown'}`,
      '',
      'The agreement is marked as needing attention; its history has the details.',
      'See docs/runbook.md for how to resume it.',
    ].join('\n'),
  };
}
