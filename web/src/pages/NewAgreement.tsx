// Registering an agreement: the partner region found as you type, applications from the
// catalog, the contacts, and for an agreement signed long ago its past milestones, so that its
// stage comes out right. The draft survives an expired session; its Idempotency-Key makes a
// second press of the button replay rather than register twice.
import { useState } from 'preact/hooks';
import { newAgreementContactsRoleValues } from '../api/openapi.ts';
import { ApiError, unwrap, type NewAgreement as Body, type Region } from '../api.ts';
import { Layout } from '../components/Layout.tsx';
import { RegionSearch } from '../components/RegionSearch.tsx';
import { Field, Loading, ProblemBanner } from '../components/ui.tsx';
import { useDraft, useLoad } from '../hooks.ts';
import { lang, t, tOf } from '../i18n.ts';
import { navigate } from '../router.tsx';
import { api } from '../state.ts';
import { searchRegions } from './regions.ts';

type Contact = Body['contacts'][number];

interface Draft {
  key: string;
  title: string;
  region?: Region;
  apps: string[];
  contacts: Contact[];
  mouSignedOn: string;
  pksSignedOn: string;
  pksValidUntil: string;
}

const ROLES = newAgreementContactsRoleValues;

const emptyDraft = (): Draft => ({
  key: crypto.randomUUID(),
  title: '',
  apps: [],
  contacts: [
    { name: '', email: '', role: 'OFFICIAL', side: 'PARTNER', locale: 'id' },
    { name: '', email: '', role: 'ESCALATION', side: 'PARTNER', locale: 'id' },
    { name: '', email: '', role: 'COORDINATOR', side: 'PARTNER', locale: 'id' },
  ],
  mouSignedOn: '',
  pksSignedOn: '',
  pksValidUntil: '',
});

function bodyOf(d: Draft): Body {
  const milestones: NonNullable<Body['milestones']> = [];
  if (d.mouSignedOn) milestones.push({ type: 'MOU_SIGNED', occurredAt: d.mouSignedOn });
  if (d.pksSignedOn) {
    milestones.push({
      type: 'PKS_SIGNED',
      occurredAt: d.pksSignedOn,
      ...(d.pksValidUntil ? { validUntil: d.pksValidUntil } : {}),
    });
  }
  return {
    title: d.title,
    partnerRegion: { code: d.region?.code ?? '' },
    apps: d.apps.map((id) => ({ id })),
    contacts: d.contacts.filter((c) => c.name !== '' || c.email !== ''),
    ...(milestones.length > 0 ? { milestones } : {}),
  };
}

export function NewAgreement() {
  const [catalog, reload] = useLoad(async () => unwrap(await api().GET('/apps')).items, 'apps');
  const [draft, setDraft, clearDraft] = useDraft<Draft>('new-agreement', emptyDraft);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.fieldError(field) : undefined;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const setContact = (i: number, patch: Partial<Contact>) =>
    set({ contacts: draft.contacts.map((c, j) => (i === j ? { ...c, ...patch } : c)) });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = unwrap(
        await api().POST('/agreements', {
          body: bodyOf(draft),
          params: { header: { 'Idempotency-Key': `console-${draft.key}` } },
        }),
      );
      clearDraft();
      navigate(`/agreements/${created.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout title={t('newTitle')}>
      <form class="card new-agreement" onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('title')} error={fieldError('title')}>
          {(props) => (
            <input
              {...props}
              name="title"
              value={draft.title}
              onInput={(e) => set({ title: e.currentTarget.value })}
            />
          )}
        </Field>
        <RegionSearch
          name="partnerRegion"
          label={t('partnerRegion')}
          hint={t('partnerRegionHint')}
          error={fieldError('partnerRegion.code') ?? fieldError('partnerRegion')}
          value={draft.region}
          onChange={(region) => set({ region })}
          search={searchRegions}
          types={['KABUPATEN', 'KOTA']}
        />
        <fieldset aria-describedby={fieldError('apps') ? 'apps-error' : undefined}>
          <legend>{t('chooseApps')}</legend>
          <Loading result={catalog} retry={reload}>
            {(apps) => (
              <div class="app-choices">
                {apps.map((app) => (
                  <label key={app.id} class="inline">
                    <input
                      type="checkbox"
                      name="apps"
                      value={app.id}
                      checked={draft.apps.includes(app.id)}
                      onChange={(e) =>
                        set({
                          apps: e.currentTarget.checked
                            ? [...draft.apps, app.id]
                            : draft.apps.filter((id) => id !== app.id),
                        })
                      }
                    />{' '}
                    <span>
                      <strong>{app.name}</strong> — {app.description[lang.value]}
                    </span>
                  </label>
                ))}
              </div>
            )}
          </Loading>
          {fieldError('apps') && (
            <p class="field-error" id="apps-error" data-field-error>
              {fieldError('apps')}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('contacts')}</legend>
          {draft.contacts.map((c, i) => {
            const err = (f: string) => fieldError(`contacts.${String(i)}.${f}`);
            return (
              <div class="grid contact" key={i}>
                <Field label={t('contactName')} error={err('name')}>
                  {(p) => (
                    <input
                      {...p}
                      value={c.name}
                      onInput={(e) => setContact(i, { name: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field label={t('contactEmail')} error={err('email')}>
                  {(p) => (
                    <input
                      {...p}
                      type="email"
                      value={c.email}
                      onInput={(e) => setContact(i, { email: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field label={t('contactRole')} error={err('role')}>
                  {(p) => (
                    <select
                      {...p}
                      value={c.role}
                      onChange={(e) =>
                        setContact(i, { role: e.currentTarget.value as Contact['role'] })
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {tOf('contactRole', r)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('contactSide')} error={err('side')}>
                  {(p) => (
                    <select
                      {...p}
                      value={c.side}
                      onChange={(e) =>
                        setContact(i, { side: e.currentTarget.value as Contact['side'] })
                      }
                    >
                      <option value="PARTNER">{t('side_PARTNER')}</option>
                      <option value="HOST">{t('side_HOST')}</option>
                    </select>
                  )}
                </Field>
                <Field label={t('contactLocale')} error={err('locale')}>
                  {(p) => (
                    <select
                      {...p}
                      value={c.locale}
                      onChange={(e) =>
                        setContact(i, { locale: e.currentTarget.value as Contact['locale'] })
                      }
                    >
                      <option value="id">Bahasa Indonesia</option>
                      <option value="en">English</option>
                    </select>
                  )}
                </Field>
                <button
                  type="button"
                  class="button-secondary"
                  onClick={() => set({ contacts: draft.contacts.filter((_, j) => j !== i) })}
                >
                  {t('remove')}
                </button>
              </div>
            );
          })}
          {fieldError('contacts') && (
            <p class="field-error" data-field-error>
              {fieldError('contacts')}
            </p>
          )}
          <button
            type="button"
            class="button-secondary"
            onClick={() =>
              set({
                contacts: [
                  ...draft.contacts,
                  { name: '', email: '', role: 'COORDINATOR', side: 'PARTNER', locale: 'id' },
                ],
              })
            }
          >
            {t('addContact')}
          </button>
        </fieldset>
        <details open={Boolean(draft.mouSignedOn || draft.pksSignedOn)}>
          <summary>{t('pastMilestones')}</summary>
          <p class="hint">{t('pastMilestonesHint')}</p>
          <div class="grid">
            <Field label={t('mouSignedOn')} error={fieldError('milestones.0.occurredAt')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.mouSignedOn}
                  onInput={(e) => set({ mouSignedOn: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field label={t('pksSignedOn')} error={fieldError('milestones.1.occurredAt')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.pksSignedOn}
                  onInput={(e) => set({ pksSignedOn: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field label={t('validUntil')} error={fieldError('milestones.1.validUntil')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.pksValidUntil}
                  onInput={(e) => set({ pksValidUntil: e.currentTarget.value })}
                />
              )}
            </Field>
          </div>
        </details>
        <ProblemBanner error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('create')}
        </button>
      </form>
    </Layout>
  );
}
