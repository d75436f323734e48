// One form per milestone type: the fields of that type in the API's schema, the signatories
// with their capacity, and each error of the API's problem details beside the field it names.
import { useState } from 'preact/hooks';
import { RECORDED_BY } from '../../../domain/access.ts';
import {
  milestoneOneOf0SignatoriesCapacityValues,
  milestoneOneOf2DeliverablesValues,
} from '../api/openapi.ts';
import { ApiError, unwrap, type Agreement, type Milestone, type MilestoneType } from '../api.ts';
import { Field, ProblemBanner } from '../components/ui.tsx';
import { useDraft } from '../hooks.ts';
import { t, tOf, type MessageKey } from '../i18n.ts';
import { api, session } from '../state.ts';

const TYPES = Object.keys(RECORDED_BY) as MilestoneType[];
const DELIVERABLES = milestoneOneOf2DeliverablesValues;
const CAPACITIES = milestoneOneOf0SignatoriesCapacityValues;

interface Signatory {
  name: string;
  position: string;
  side: 'HOST' | 'PARTNER';
  capacity: (typeof CAPACITIES)[number];
  onBehalfOf: string;
  powerOfAttorneyNumber: string;
}

interface Draft {
  occurredAt: string;
  docHost: string;
  docPartner: string;
  notes: string;
  validUntil: string;
  extendsBeyondMaxTerm: boolean;
  appId: string;
  bastNumber: string;
  appVersion: string;
  deliverables: string[];
  reason: string;
  startsOn: string;
  endsOn: string;
  location: string;
  participants: string;
  live: boolean;
  signatories: Signatory[];
}

/** Today where the coordinator is (the date input's own calendar). */
type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

const today = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

const emptyDraft = (): Draft => ({
  occurredAt: today(),
  docHost: '',
  docPartner: '',
  notes: '',
  validUntil: '',
  extendsBeyondMaxTerm: false,
  appId: '',
  bastNumber: '',
  appVersion: '',
  deliverables: [],
  reason: '',
  startsOn: '',
  endsOn: '',
  location: '',
  participants: '',
  live: true,
  signatories: [],
});

const opt = <K extends string, V>(key: K, value: V | '' | undefined): Partial<Record<K, V>> =>
  value === '' || value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** The POST /agreements/{id}/milestones body of a draft: only the fields of its type. */
function bodyOf(type: MilestoneType, d: Draft): Milestone {
  const documentNumbers = {
    ...opt('host', d.docHost.trim()),
    ...opt('partner', d.docPartner.trim()),
  };
  const common = {
    occurredAt: d.occurredAt,
    ...(Object.keys(documentNumbers).length > 0 ? { documentNumbers } : {}),
    ...(d.signatories.length > 0
      ? {
          signatories: d.signatories.map((s) => ({
            name: s.name,
            position: s.position,
            side: s.side,
            capacity: s.capacity,
            ...opt('onBehalfOf', s.capacity === 'ON_BEHALF' ? s.onBehalfOf : ''),
            ...opt(
              'powerOfAttorneyNumber',
              s.capacity === 'POWER_OF_ATTORNEY' ? s.powerOfAttorneyNumber : '',
            ),
          })),
        }
      : {}),
    ...opt('notes', d.notes.trim()),
  };
  switch (type) {
    case 'MOU_SIGNED':
      return { type, ...common, ...opt('validUntil', d.validUntil) };
    case 'TRAINING_COMPLETED':
      return {
        type,
        ...common,
        ...(d.participants === '' ? {} : { participants: Number(d.participants) }),
      };
    case 'PKS_SIGNED':
      return { type, ...common, ...opt('validUntil', d.validUntil) };
    case 'APP_HANDED_OVER':
      return {
        type,
        ...common,
        appId: d.appId,
        ...opt('bastNumber', d.bastNumber.trim()),
        ...opt('appVersion', d.appVersion.trim()),
        ...(d.deliverables.length > 0
          ? { deliverables: d.deliverables as (typeof DELIVERABLES)[number][] }
          : {}),
      };
    case 'APP_DROPPED':
      return { type, ...common, appId: d.appId, reason: d.reason };
    case 'TRAINING_SCHEDULED':
      return {
        type,
        ...common,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        ...opt('location', d.location.trim()),
      };
    case 'FOLLOW_UP_REPORTED':
      return { type, ...common, appId: d.appId, live: d.live };
    case 'TERM_AMENDED':
      return {
        type,
        ...common,
        validUntil: d.validUntil,
        ...(d.extendsBeyondMaxTerm ? { extendsBeyondMaxTerm: true } : {}),
      };
    case 'TERM_RENEWED':
      return { type, ...common, validUntil: d.validUntil };
    case 'AGREEMENT_TERMINATED':
      return { type, ...common, reason: d.reason };
  }
}

const APP_TYPES: MilestoneType[] = ['APP_HANDED_OVER', 'APP_DROPPED', 'FOLLOW_UP_REPORTED'];
/** The milestones that set a new end of the term. */
const TERM_TYPES: MilestoneType[] = ['TERM_AMENDED', 'TERM_RENEWED'];

/** Which milestone the form starts on: the one the current stage waits for. */
const NEXT_OF_STAGE: Record<string, MilestoneType> = {
  MOU: 'MOU_SIGNED',
  PKS: 'PKS_SIGNED',
  COMPLETED: 'TERM_RENEWED',
  HANDOVER: 'APP_HANDED_OVER',
  TRAINING: 'TRAINING_SCHEDULED',
  FOLLOW_UP: 'FOLLOW_UP_REPORTED',
};

export function MilestoneForm({
  agreement,
  onSaved,
}: {
  agreement: Agreement;
  onSaved: (a: Agreement) => void;
}) {
  const side = session.value?.role === 'host' ? 'HOST' : 'PARTNER';
  const allowed = TYPES.filter((type) => RECORDED_BY[type].includes(side));
  const suggested = NEXT_OF_STAGE[agreement.stage];
  const [type, setType] = useState<MilestoneType>(
    suggested && allowed.includes(suggested) ? suggested : (allowed[0] ?? 'MOU_SIGNED'),
  );
  const [draft, setDraft, clearDraft] = useDraft<Draft>(
    `milestone.${agreement.id}.${type}`,
    emptyDraft,
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.fieldError(field) : undefined;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    setSaved(false);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const updated = unwrap(
        await api().POST('/agreements/{id}/milestones', {
          params: { path: { id: agreement.id } },
          body: bodyOf(type, draft),
        }),
      );
      clearDraft();
      setSaved(true);
      onSaved(updated);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: TextKey,
    label: MessageKey,
    kind: 'text' | 'date' = 'text',
    required = false,
  ) => (
    <Field label={t(label)} error={fieldError(key)}>
      {(props) => (
        <input
          {...props}
          name={key}
          // Preact's input types tell each `type` apart; this one is text or date.
          type={kind as string as 'text'}
          required={required}
          value={draft[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  const apps = agreement.apps;
  return (
    <form class="milestone-form" onSubmit={(e) => void submit(e)} noValidate>
      <div class="field">
        <label for="milestone-type">{t('chooseMilestone')}</label>
        <select
          id="milestone-type"
          name="type"
          value={type}
          onChange={(e) => {
            setType(e.currentTarget.value as MilestoneType);
            setError(undefined);
            setSaved(false);
          }}
        >
          {allowed.map((m) => (
            <option key={m} value={m}>
              {tOf('milestone', m)}
            </option>
          ))}
        </select>
      </div>
      <div class="grid">
        {text('occurredAt', 'occurredAt', 'date', true)}
        {APP_TYPES.includes(type) && (
          <Field label={t('app')} error={fieldError('appId')}>
            {(props) => (
              <select
                {...props}
                name="appId"
                value={draft.appId}
                onChange={(e) => set('appId', e.currentTarget.value)}
              >
                <option value="">—</option>
                {apps.map((app) => (
                  <option key={app.id} value={app.id}>
                    {app.name} ({tOf('app', app.status)})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {(type === 'PKS_SIGNED' || type === 'MOU_SIGNED') &&
          text('validUntil', 'validUntil', 'date')}
        {TERM_TYPES.includes(type) && text('validUntil', 'validUntil', 'date', true)}
        {type === 'AGREEMENT_TERMINATED' && text('reason', 'reason', 'text', true)}
        {type === 'TERM_AMENDED' && (
          <label class="inline">
            <input
              type="checkbox"
              name="extendsBeyondMaxTerm"
              checked={draft.extendsBeyondMaxTerm}
              onChange={(e) => set('extendsBeyondMaxTerm', e.currentTarget.checked)}
            />{' '}
            {t('extendsBeyondMaxTerm')}
          </label>
        )}
        {type === 'APP_HANDED_OVER' && text('bastNumber', 'bastNumber')}
        {type === 'APP_HANDED_OVER' && text('appVersion', 'appVersion')}
        {type === 'APP_DROPPED' && text('reason', 'reason', 'text', true)}
        {type === 'TRAINING_SCHEDULED' && text('startsOn', 'startsOn', 'date', true)}
        {type === 'TRAINING_SCHEDULED' && text('endsOn', 'endsOn', 'date', true)}
        {type === 'TRAINING_SCHEDULED' && text('location', 'location')}
        {type === 'TRAINING_COMPLETED' && (
          <Field label={t('participants')} error={fieldError('participants')}>
            {(props) => (
              <input
                {...props}
                name="participants"
                type="number"
                min={1}
                value={draft.participants}
                onInput={(e) => set('participants', e.currentTarget.value)}
              />
            )}
          </Field>
        )}
      </div>
      {type === 'APP_HANDED_OVER' && (
        <fieldset>
          <legend>{t('deliverables').replace(/ \(.*\)$/, '')}</legend>
          {DELIVERABLES.map((d) => (
            <label key={d} class="inline">
              <input
                type="checkbox"
                checked={draft.deliverables.includes(d)}
                onChange={(e) =>
                  set(
                    'deliverables',
                    e.currentTarget.checked
                      ? [...draft.deliverables, d]
                      : draft.deliverables.filter((x) => x !== d),
                  )
                }
              />{' '}
              {d.replaceAll('_', ' ').toLowerCase()}
            </label>
          ))}
        </fieldset>
      )}
      {type === 'FOLLOW_UP_REPORTED' && (
        <label class="inline">
          <input
            type="checkbox"
            checked={draft.live}
            onChange={(e) => set('live', e.currentTarget.checked)}
          />{' '}
          {t('live')}
        </label>
      )}
      <div class="grid">
        {text('docHost', 'docNumberHost')}
        {text('docPartner', 'docNumberPartner')}
      </div>
      {/* The API names these documentNumbers.host / .partner. */}
      {(fieldError('documentNumbers.host') ?? fieldError('documentNumbers.partner')) && (
        <p class="field-error" data-field-error>
          {fieldError('documentNumbers.host') ?? fieldError('documentNumbers.partner')}
        </p>
      )}
      <fieldset>
        <legend>{t('signatories')}</legend>
        {draft.signatories.map((s, i) => {
          const update = (patch: Partial<Signatory>) =>
            set(
              'signatories',
              draft.signatories.map((x, j) => (j === i ? { ...x, ...patch } : x)),
            );
          const err = (f: string) => fieldError(`signatories.${String(i)}.${f}`);
          return (
            <div class="grid signatory" key={i}>
              <Field label={t('signatoryName')} error={err('name')}>
                {(p) => (
                  <input
                    {...p}
                    value={s.name}
                    onInput={(e) => update({ name: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field label={t('signatoryPosition')} error={err('position')}>
                {(p) => (
                  <input
                    {...p}
                    value={s.position}
                    onInput={(e) => update({ position: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field label={t('signatorySide')} error={err('side')}>
                {(p) => (
                  <select
                    {...p}
                    value={s.side}
                    onChange={(e) => update({ side: e.currentTarget.value as Signatory['side'] })}
                  >
                    <option value="HOST">{t('side_HOST')}</option>
                    <option value="PARTNER">{t('side_PARTNER')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('signatoryCapacity')} error={err('capacity')}>
                {(p) => (
                  <select
                    {...p}
                    value={s.capacity}
                    onChange={(e) =>
                      update({ capacity: e.currentTarget.value as Signatory['capacity'] })
                    }
                  >
                    {CAPACITIES.map((c) => (
                      <option key={c} value={c}>
                        {tOf('capacity', c)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {s.capacity === 'ON_BEHALF' && (
                <Field label={t('onBehalfOf')} error={err('onBehalfOf')}>
                  {(p) => (
                    <input
                      {...p}
                      value={s.onBehalfOf}
                      onInput={(e) => update({ onBehalfOf: e.currentTarget.value })}
                    />
                  )}
                </Field>
              )}
              {s.capacity === 'POWER_OF_ATTORNEY' && (
                <Field label={t('powerOfAttorneyNumber')} error={err('powerOfAttorneyNumber')}>
                  {(p) => (
                    <input
                      {...p}
                      value={s.powerOfAttorneyNumber}
                      onInput={(e) => update({ powerOfAttorneyNumber: e.currentTarget.value })}
                    />
                  )}
                </Field>
              )}
              <button
                type="button"
                class="button-secondary"
                onClick={() =>
                  set(
                    'signatories',
                    draft.signatories.filter((_, j) => j !== i),
                  )
                }
              >
                {t('remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          class="button-secondary"
          onClick={() =>
            set('signatories', [
              ...draft.signatories,
              {
                name: '',
                position: '',
                side,
                capacity: 'DEFINITIVE',
                onBehalfOf: '',
                powerOfAttorneyNumber: '',
              },
            ])
          }
        >
          {t('addSignatory')}
        </button>
      </fieldset>
      <Field label={t('notes')} error={fieldError('notes')}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={draft.notes}
            onInput={(e) => set('notes', e.currentTarget.value)}
          />
        )}
      </Field>
      <ProblemBanner error={error} />
      {saved && (
        <p class="banner banner-ok" role="status">
          {t('saved')}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('saving') : t('save')}
      </button>
    </form>
  );
}
