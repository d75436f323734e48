// The example agreement of the domain brief (Kota Bandung with Kabupaten Kubu Raya, 2018-2019),
// as a coordinator would send it: tests, the bench and local tooling start from it. Contacts
// are role titles with addresses on reserved example domains, never real people's.
export const HOST_COORDINATOR_EMAIL = 'koordinator@bandung.example.go.id';
export const PARTNER_OFFICIAL_EMAIL = 'kadis@kuburaya.example.go.id';
export const PARTNER_ESCALATION_EMAIL = 'sekda@kuburaya.example.go.id';

/** The body of POST /agreements (createAgreementSchema's input). */
export const KUBU_RAYA_AGREEMENT = {
  title: 'Kerja sama pengembangan smart city dan e-government Kabupaten Kubu Raya',
  partnerRegion: { code: '61.12' },
  apps: [{ id: 'sabilulungan' }, { id: 'e-rk' }],
  contacts: [
    {
      name: 'Koordinator Diskominfo Kota Bandung',
      email: HOST_COORDINATOR_EMAIL,
      role: 'COORDINATOR',
      side: 'HOST',
    },
    {
      name: 'Kepala Diskominfo Kabupaten Kubu Raya',
      email: PARTNER_OFFICIAL_EMAIL,
      role: 'OFFICIAL',
      side: 'PARTNER',
    },
    {
      name: 'Sekretaris Daerah Kabupaten Kubu Raya',
      email: PARTNER_ESCALATION_EMAIL,
      role: 'ESCALATION',
      side: 'PARTNER',
      locale: 'id',
    },
  ],
} as const;
