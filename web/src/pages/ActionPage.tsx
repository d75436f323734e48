// The public page behind a nudge's action link, /tindak-lanjut/<token>: no sign-in, the token
// is the credential. Opening it only reads (GET /actions/{token}: mail scanners open links);
// the official's answer is a POST from here, after which the link is spent. Every dead link
// (used, expired, superseded, unknown) gets the same message, as the API answers them alike.
import { useState } from 'preact/hooks';
import { ApiError, createApi, unwrap, type ApiClient, type Schemas } from '../api.ts';
import type { operations } from '../api/openapi.ts';
import { CardPage } from '../components/Layout.tsx';
import { Field, Loading, Options, ProblemBanner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDate, formatInstant, t, tOf } from '../i18n.ts';
import { config } from '../state.ts';

type Action = Schemas['Action'];
type Answer = Action['answers'][number];
type AnswerBody = NonNullable<
  operations['answer-action']['requestBody']
>['content']['application/json'];
type Result = Schemas['ActionResult'];
type Capacity = NonNullable<Extract<AnswerBody, { answer: 'DONE' }>['signatory']>['capacity'];

const CAPACITIES: readonly Capacity[] = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];

let client: ApiClient | undefined;
/** A client without the session: the link is the credential, and an expired one must not lead away. */
function api(): ApiClient {
  client ??= createApi(
    config().apiUrl,
    () => undefined,
    () => undefined,
  );
  return client;
}

const isDead = (error: unknown) => error instanceof ApiError && error.status === 404;

function Frame({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <CardPage title={title} subtitle={t('actionSubtitle')} wide>
      {children}
    </CardPage>
  );
}

function DeadLink() {
  return (
    <Frame title={t('actionDeadTitle')}>
      <p class="banner banner-info" role="status">
        {t('actionDead')}
      </p>
    </Frame>
  );
}

export function ActionPage({ token }: { token: string }) {
  const [loaded, reload] = useLoad(
    async () => unwrap(await api().GET('/actions/{token}', { params: { path: { token } } })),
    token,
  );
  const [result, setResult] = useState<Result | undefined>();
  const [dead, setDead] = useState(false);
  if (dead || (loaded.state === 'failed' && isDead(loaded.error))) return <DeadLink />;
  if (result) return <Answered result={result} />;
  return (
    <Frame title={t('actionTitle')}>
      <Loading result={loaded} retry={reload}>
        {(action) => (
          <ActionForms
            token={token}
            action={action}
            onAnswered={setResult}
            onDead={() => setDead(true)}
          />
        )}
      </Loading>
    </Frame>
  );
}

function Answered({ result }: { result: Result }) {
  const text =
    result.answer === 'OBSTACLE' && result.pause
      ? `${t('answered_OBSTACLE')} ${formatDate(result.pause.until)}.`
      : tOf('answered', result.answer);
  return (
    <Frame title={t('actionThanks')}>
      <p class="banner banner-ok" role="status">
        {text}
      </p>
      <p>{t('actionSpent')}</p>
    </Frame>
  );
}

function ActionForms({
  token,
  action,
  onAnswered,
  onDead,
}: {
  token: string;
  action: Action;
  onAnswered: (result: Result) => void;
  onDead: () => void;
}) {
  const [chosen, setChosen] = useState<Answer | undefined>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const { agreement, awaited } = action;
  const send = async (body: AnswerBody) => {
    setError(undefined);
    setSending(true);
    try {
      onAnswered(
        unwrap(await api().POST('/actions/{token}', { params: { path: { token } }, body })),
      );
    } catch (caught) {
      if (isDead(caught)) onDead();
      else setError(caught);
    } finally {
      setSending(false);
    }
  };
  const props = { error, sending, send };
  return (
    <>
      <p>
        {t('actionGreeting')} {action.holder.name},
      </p>
      <dl class="action-facts">
        <dt>{t('actionAgreement')}</dt>
        <dd>{agreement.title}</dd>
        <dt>{t('actionParties')}</dt>
        <dd>
          {agreement.hostRegion.name} — {agreement.partnerRegion.name}
        </dd>
        <dt>{t('actionAwaited')}</dt>
        <dd>
          {tOf('awaited', awaited.route)}
          {awaited.app ? `: ${awaited.app.name}` : ''}
        </dd>
        <dt>{t('actionValidUntil')}</dt>
        <dd>{formatInstant(action.expiresAt, 'Asia/Jakarta', 'WIB')}</dd>
      </dl>
      <p class="muted">{t('actionIntro')}</p>
      <fieldset>
        <legend>{t('actionChoose')}</legend>
        {action.answers.map((answer) => (
          <label key={answer} class="choice">
            <input
              type="radio"
              name="answer"
              value={answer}
              checked={chosen === answer}
              onChange={() => {
                setChosen(answer);
                setError(undefined);
              }}
            />{' '}
            {tOf('answer', answer)}
          </label>
        ))}
      </fieldset>
      {chosen === 'DONE' && <DoneForm action={action} {...props} />}
      {chosen === 'OBSTACLE' && <ObstacleForm {...props} />}
      {chosen === 'WRONG_PERSON' && <WrongPersonForm {...props} />}
    </>
  );
}

interface FormProps {
  error: unknown;
  sending: boolean;
  send: (body: AnswerBody) => Promise<void>;
}

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError ? error.fieldError(field) : undefined;

/** A text field whose value lives in `values[name]`. */
function TextField({
  label,
  name,
  values,
  onChange,
  error,
  type = 'text',
  hint,
}: {
  label: string;
  name: string;
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  error: unknown;
  type?: 'text' | 'date' | 'email';
  hint?: string;
}) {
  return (
    <Field label={label} error={fieldError(error, name)} hint={hint}>
      {(props) => {
        const common = {
          ...props,
          name,
          value: values[name] ?? '',
          onInput: (e: { currentTarget: HTMLInputElement }) =>
            onChange(name, e.currentTarget.value),
        };
        if (type === 'date') return <input {...common} type="date" />;
        return type === 'email' ? <input {...common} type="email" /> : <input {...common} />;
      }}
    </Field>
  );
}

function Submit({ form, error, sending }: { form: string; error: unknown; sending: boolean }) {
  return (
    <>
      <ProblemBanner error={error} />
      <button type="submit" disabled={sending}>
        {sending ? t('saving') : tOf('send', form)}
      </button>
    </>
  );
}

function useValues() {
  const [values, setValues] = useState<Record<string, string>>({});
  const onChange = (name: string, value: string) => setValues({ ...values, [name]: value });
  return { values, onChange };
}

/** Only what was filled in: the API tells a missing field from an empty one. */
const filled = (entries: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v.trim()));

function DoneForm({ action, error, sending, send }: FormProps & { action: Action }) {
  const { values, onChange } = useValues();
  const route = action.awaited.route;
  const signed = route === 'MOU' || route === 'PKS';
  const numbered = signed || route === 'HANDOVER';
  const followUp = route === 'FOLLOW_UP';
  const reportable = action.agreement.apps.filter((app) => app.status !== 'PENDING');
  const field = { values, onChange, error };
  const submit = (event: Event) => {
    event.preventDefault();
    const signatory =
      signed && [values.name, values.position].some((v) => v?.trim())
        ? {
            signatory: {
              name: values.name ?? '',
              position: values.position ?? '',
              capacity: (values.capacity ?? 'DEFINITIVE') as Capacity,
            },
          }
        : {};
    void send({
      answer: 'DONE',
      occurredAt: values.occurredAt ?? '',
      ...filled({
        documentNumber: numbered ? values.documentNumber : undefined,
        appId: followUp ? values.appId : undefined,
        notes: values.notes,
      }),
      ...signatory,
      ...(followUp && values.live ? { live: values.live === 'yes' } : {}),
    });
  };
  return (
    <form class="action-form" onSubmit={submit} noValidate aria-label={tOf('answer', 'DONE')}>
      <TextField label={t('actionDoneOn')} name="occurredAt" type="date" {...field} />
      {numbered && (
        <TextField
          label={route === 'HANDOVER' ? t('bastNumber') : t('actionDocumentNumber')}
          name="documentNumber"
          {...field}
        />
      )}
      {signed && (
        <fieldset>
          <legend>{t('actionSignatory')}</legend>
          <TextField label={t('signatoryName')} name="name" {...field} />
          <TextField label={t('signatoryPosition')} name="position" {...field} />
          <Field label={t('signatoryCapacity')}>
            {(props) => (
              <select
                {...props}
                value={values.capacity ?? 'DEFINITIVE'}
                onChange={(e) => onChange('capacity', e.currentTarget.value)}
              >
                <Options values={CAPACITIES} prefix="capacity" />
              </select>
            )}
          </Field>
        </fieldset>
      )}
      {followUp && (
        <>
          <Field label={t('app')} error={fieldError(error, 'appId')}>
            {(props) => (
              <select
                {...props}
                value={values.appId ?? ''}
                onChange={(e) => onChange('appId', e.currentTarget.value)}
              >
                <option value="">—</option>
                {reportable.map((app) => (
                  <option key={app.id} value={app.id}>
                    {app.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>{t('live')}</legend>
            {['yes', 'no'].map((answer) => (
              <label key={answer} class="choice">
                <input
                  type="radio"
                  name="live"
                  value={answer}
                  checked={values.live === answer}
                  onChange={() => onChange('live', answer)}
                />{' '}
                {tOf('yesNo', answer)}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <Field label={t('notes')} error={fieldError(error, 'notes')}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={values.notes ?? ''}
            onInput={(e) => onChange('notes', e.currentTarget.value)}
          />
        )}
      </Field>
      <Submit form="DONE" error={error} sending={sending} />
    </form>
  );
}

function ObstacleForm({ error, sending, send }: FormProps) {
  const { values, onChange } = useValues();
  const submit = (event: Event) => {
    event.preventDefault();
    void send({ answer: 'OBSTACLE', reason: values.reason ?? '', until: values.until ?? '' });
  };
  return (
    <form class="action-form" onSubmit={submit} noValidate aria-label={tOf('answer', 'OBSTACLE')}>
      <Field label={t('actionObstacleReason')} error={fieldError(error, 'reason')}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={values.reason ?? ''}
            onInput={(e) => onChange('reason', e.currentTarget.value)}
          />
        )}
      </Field>
      <TextField
        label={t('actionObstacleUntil')}
        name="until"
        type="date"
        hint={t('actionObstacleHint')}
        values={values}
        onChange={onChange}
        error={error}
      />
      <Submit form="OBSTACLE" error={error} sending={sending} />
    </form>
  );
}

function WrongPersonForm({ error, sending, send }: FormProps) {
  const { values, onChange } = useValues();
  const submit = (event: Event) => {
    event.preventDefault();
    void send({
      answer: 'WRONG_PERSON',
      suggestedContact: {
        name: values['suggestedContact.name'] ?? '',
        position: values['suggestedContact.position'] ?? '',
        email: values['suggestedContact.email'] ?? '',
      },
    });
  };
  const field = { values, onChange, error };
  return (
    <form
      class="action-form"
      onSubmit={submit}
      noValidate
      aria-label={tOf('answer', 'WRONG_PERSON')}
    >
      <p class="muted">{t('actionWrongPersonIntro')}</p>
      <TextField label={t('contactName')} name="suggestedContact.name" {...field} />
      <TextField label={t('signatoryPosition')} name="suggestedContact.position" {...field} />
      <TextField label={t('contactEmail')} name="suggestedContact.email" type="email" {...field} />
      <Submit form="WRONG_PERSON" error={error} sending={sending} />
    </form>
  );
}
