// The demo's data: the cooperation stories of the sources (../shared/domain.md), as
// POST /agreements bodies. People appear only as role titles, with addresses on reserved
// example domains. Dates are the sources' own where they give one; the handover, training and
// follow-up dates of Kubu Raya are illustrative (the sources stop at the PKS), and so are the
// stalled PKS of Palangkaraya and the cancellation of Pinrang: scenarios, not facts.

export interface StoryRegion {
  code: string;
  /** As in the Kemendagri list (domain/regions). */
  name: string;
  /** For placeholder addresses: kadiskominfo@<slug>.example.go.id. */
  slug: string;
  /** Who signs for the region: Bupati for a kabupaten, Wali Kota for a kota. */
  head: string;
}

const HOST_CONTACTS = [
  {
    name: 'Koordinator Kerja Sama Diskominfo Kota Bandung',
    email: 'kerjasama@bandung.example.go.id',
    role: 'COORDINATOR',
    side: 'HOST',
  },
  {
    name: 'Kepala Diskominfo Kota Bandung',
    email: 'kadiskominfo@bandung.example.go.id',
    role: 'OFFICIAL',
    side: 'HOST',
  },
];

export function contactsOf(region: StoryRegion) {
  return [
    ...HOST_CONTACTS,
    {
      name: `Kepala Diskominfo ${region.name}`,
      email: `kadiskominfo@${region.slug}.example.go.id`,
      role: 'OFFICIAL',
      side: 'PARTNER',
    },
    {
      name: `Sekretaris Daerah ${region.name}`,
      email: `sekda@${region.slug}.example.go.id`,
      role: 'ESCALATION',
      side: 'PARTNER',
    },
  ];
}

const headOf = (region: StoryRegion) => ({
  name: `${region.head} ${region.name.replace(/^(Kabupaten|Kota) /, '')}`,
  position: region.head,
  side: 'PARTNER',
  capacity: 'DEFINITIVE',
});

const WALI_KOTA_BANDUNG = {
  name: 'Wali Kota Bandung',
  position: 'Wali Kota',
  side: 'HOST',
  capacity: 'DEFINITIVE',
};

export const KUBU_RAYA: StoryRegion = {
  code: '61.12',
  name: 'Kabupaten Kubu Raya',
  slug: 'kuburaya',
  head: 'Bupati',
};

/**
 * Kubu Raya, registered after the fact with its whole cycle: kesepakatan bersama 14 Dec 2018,
 * PKS 22 Feb 2019 between the two Diskominfo offices (signed for Kubu Raya by the Sekretaris
 * Diskominfo on behalf of its head), Sabilulungan and e-RK handed over, a training in Bandung,
 * both applications reported live. All at creation: recorded one by one, the follow-up
 * window of a 2019 training (long closed by now) would race the reports.
 */
export function kubuRayaBody() {
  return {
    title: 'Kerja sama pengembangan smart city dan e-government Kabupaten Kubu Raya',
    partnerRegion: { code: KUBU_RAYA.code },
    apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
    contacts: contactsOf(KUBU_RAYA),
    milestones: [
      {
        type: 'MOU_SIGNED',
        occurredAt: '2018-12-14',
        signatories: [WALI_KOTA_BANDUNG, headOf(KUBU_RAYA)],
      },
      {
        type: 'PKS_SIGNED',
        occurredAt: '2019-02-22',
        validUntil: '2024-02-21',
        signatories: [
          {
            name: 'Kepala Diskominfo Kota Bandung',
            position: 'Kepala Dinas Komunikasi dan Informatika',
            side: 'HOST',
            capacity: 'DEFINITIVE',
          },
          {
            name: 'Sekretaris Diskominfo Kabupaten Kubu Raya',
            position: 'Sekretaris Dinas Komunikasi dan Informatika',
            side: 'PARTNER',
            capacity: 'ON_BEHALF',
            onBehalfOf: 'Kepala Dinas Komunikasi dan Informatika Kabupaten Kubu Raya',
          },
        ],
        notes:
          'Ditandatangani di Balai Kota Bandung, disaksikan Wakil Wali Kota Bandung dan Bupati Kubu Raya.',
      },
      ...['sabilulungan', 'e-rk'].map((appId, i) => ({
        type: 'APP_HANDED_OVER',
        occurredAt: '2019-03-11',
        appId,
        bastNumber: `BAST/00${i + 1}/Diskominfo-KR/III/2019`,
        deliverables: ['SOURCE_CODE', 'DOCUMENTATION', 'INSTALLATION'],
      })),
      {
        type: 'TRAINING_SCHEDULED',
        occurredAt: '2019-03-18',
        startsOn: '2019-04-01',
        endsOn: '2019-04-10',
        location: 'Diskominfo Kota Bandung',
      },
      { type: 'TRAINING_COMPLETED', occurredAt: '2019-04-10', participants: 12 },
      ...['sabilulungan', 'e-rk'].map((appId) => ({
        type: 'FOLLOW_UP_REPORTED',
        occurredAt: '2019-07-01',
        appId,
        live: true,
      })),
    ],
  };
}

/** The seven regions of the kesepakatan bersama of 30 Oct 2018, in Bandung. */
export const SEVEN_REGIONS: StoryRegion[] = [
  { code: '15.01', name: 'Kabupaten Kerinci', slug: 'kerincikab', head: 'Bupati' },
  { code: '12.18', name: 'Kabupaten Serdang Bedagai', slug: 'serdangbedagaikab', head: 'Bupati' },
  { code: '15.03', name: 'Kabupaten Sarolangun', slug: 'sarolangunkab', head: 'Bupati' },
  { code: '61.02', name: 'Kabupaten Mempawah', slug: 'mempawahkab', head: 'Bupati' },
  { code: '32.06', name: 'Kabupaten Tasikmalaya', slug: 'tasikmalayakab', head: 'Bupati' },
  { code: '21.72', name: 'Kota Tanjung Pinang', slug: 'tanjungpinangkota', head: 'Wali Kota' },
  { code: '11.04', name: 'Kabupaten Aceh Tengah', slug: 'acehtengahkab', head: 'Bupati' },
];

/** One body per region: the applications the article names as the ones most replicated. */
export function sevenRegionsBodies(runNote?: string) {
  return SEVEN_REGIONS.map((region) => ({
    title: `Kerja sama replikasi aplikasi smart city dan e-government ${region.name}`,
    partnerRegion: { code: region.code },
    apps: [{ id: 'hayu-bdg' }, { id: 'gampil' }, { id: 'e-rk' }, { id: 'sabilulungan' }],
    contacts: contactsOf(region),
    milestones: [
      {
        type: 'MOU_SIGNED',
        occurredAt: '2018-10-30',
        signatories: [WALI_KOTA_BANDUNG, headOf(region)],
        notes: `Kesepakatan bersama di Bandung, bersama enam daerah lain.${runNote ? ` ${runNote}` : ''}`,
      },
    ],
  }));
}

export const PALANGKARAYA: StoryRegion = {
  code: '62.71',
  name: 'Kota Palangkaraya',
  slug: 'palangkarayakota',
  head: 'Wali Kota',
};

/** The reminder policy that lets a stalled PKS escalate within days: after two reminders. */
export const STALL_POLICY = { PKS: { firstAfterDays: 1, everyDays: 1, escalateAfter: 2 } };

/**
 * Palangkaraya: nota kesepahaman at Munas V Apeksi in Jambi, 27 Jul 2016, signed by the
 * Wakil Wali Kota; it takes only public-service applications (e-RK is dropped). Scenario: the
 * PKS never comes, so reminders go out daily and the third escalates to the Sekda.
 */
export function palangkarayaBody() {
  return {
    title: 'Kerja sama Jaringan Lintas Perkotaan: hibah aplikasi smart city Kota Palangkaraya',
    partnerRegion: { code: PALANGKARAYA.code },
    apps: [{ id: 'sabilulungan' }, { id: 'hayu-bdg' }, { id: 'gampil' }, { id: 'e-rk' }],
    contacts: contactsOf(PALANGKARAYA),
    milestones: [
      {
        type: 'MOU_SIGNED',
        occurredAt: '2016-07-27',
        signatories: [
          WALI_KOTA_BANDUNG,
          {
            name: 'Wakil Wali Kota Palangkaraya',
            position: 'Wakil Wali Kota',
            side: 'PARTNER',
            capacity: 'DEFINITIVE',
          },
        ],
        notes: 'Nota kesepahaman di sela Munas V Apeksi 2016, Kota Jambi.',
      },
    ],
    reminderPolicy: STALL_POLICY,
  };
}

export const PALANGKARAYA_DROPS_E_RK = {
  type: 'APP_DROPPED',
  occurredAt: '2016-07-27',
  appId: 'e-rk',
  reason: 'Kota Palangkaraya hanya mengambil aplikasi pelayanan publik.',
};

export const PINRANG: StoryRegion = {
  code: '73.15',
  name: 'Kabupaten Pinrang',
  slug: 'pinrangkab',
  head: 'Bupati',
};

/** Pinrang: MoU of 20 Sep 2017 with the hibah of the Hibah & Bansos application. */
export function pinrangBody() {
  return {
    title: 'Kerja sama smart city dan hibah aplikasi Hibah dan Bansos Kabupaten Pinrang',
    partnerRegion: { code: PINRANG.code },
    apps: [{ id: 'sabilulungan' }],
    contacts: contactsOf(PINRANG),
    milestones: [
      {
        type: 'MOU_SIGNED',
        occurredAt: '2017-09-20',
        signatories: [WALI_KOTA_BANDUNG, headOf(PINRANG)],
        notes: 'MoU di Pendopo Kota Bandung bersama empat daerah lain.',
      },
    ],
  };
}

/** Scenario: the cooperation is not pursued, so the coordinator closes it. */
export const PINRANG_CANCELLATION =
  'Skenario demo: kerja sama tidak dilanjutkan ke PKS; aplikasi dibangun sendiri oleh daerah.';

export const GIANYAR: StoryRegion = {
  code: '51.04',
  name: 'Kabupaten Gianyar',
  slug: 'gianyarkab',
  head: 'Bupati',
};

export const KOLAKA: StoryRegion = {
  code: '74.01',
  name: 'Kabupaten Kolaka',
  slug: 'kolakakab',
  head: 'Bupati',
};

/**
 * A partner of the MoU of 20 Sep 2017 whose PKS (signed four years before its end) ends on
 * `validUntil`, the applications long live. Scenario, dated from the API's today: Gianyar lets
 * the PKS run out (the expiry notices, then EXPIRED); Kolaka renews it in time.
 */
export function termStoryBody(region: StoryRegion, validUntil: string) {
  const signedOn = `${String(Number(validUntil.slice(0, 4)) - 4)}${validUntil.slice(4)}`;
  const after = (days: number) =>
    new Date(Date.parse(signedOn) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    title: `Kerja sama smart city dan hibah aplikasi Hibah dan Bansos ${region.name}`,
    partnerRegion: { code: region.code },
    apps: [{ id: 'sabilulungan' }],
    contacts: contactsOf(region),
    milestones: [
      {
        type: 'MOU_SIGNED',
        occurredAt: '2017-09-20',
        signatories: [WALI_KOTA_BANDUNG, headOf(region)],
      },
      {
        type: 'PKS_SIGNED',
        occurredAt: signedOn,
        validUntil,
        documentNumbers: { host: `PKS/${region.slug}/${signedOn.slice(0, 4)}` },
      },
      { type: 'APP_HANDED_OVER', occurredAt: after(20), appId: 'sabilulungan' },
      { type: 'TRAINING_SCHEDULED', occurredAt: after(25), startsOn: after(40), endsOn: after(44) },
      { type: 'TRAINING_COMPLETED', occurredAt: after(44) },
      { type: 'FOLLOW_UP_REPORTED', occurredAt: after(70), appId: 'sabilulungan', live: true },
    ],
  };
}
