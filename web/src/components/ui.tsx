// Small building blocks shared by the pages: fields with their error next to them, the problem
// banner, the stage badge and the loading/failure states.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { ApiError, type AgreementSummary } from '../api.ts';
import { Link } from '../router.tsx';
import { t, tOf, type MessageKey } from '../i18n.ts';
import type { Loaded } from '../hooks.ts';

interface FieldProps {
  label: string;
  /** The API's message for this field (problem details `errors[].field`). */
  error?: string | undefined;
  hint?: string | undefined;
  /** More classes on the field's wrapper. */
  className?: string;
  /** The control's id, when its component needs it for more ids of its own. */
  id?: string;
  children: (props: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
  }) => ComponentChildren;
}

/** A labelled control; the error the API gave for it is shown beneath and read with it. */
export function Field({ label, error, hint, className, id: given, children }: FieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label for={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-field-error>
          {error}
        </p>
      )}
    </div>
  );
}

/** The reason a coordinator gives (a cancellation, a rejected report), with the API's error on it. */
export function ReasonField({
  label,
  value,
  onInput,
  error,
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: unknown;
}) {
  return (
    <Field label={label} error={error instanceof ApiError ? error.fieldError('reason') : undefined}>
      {(props) => (
        <textarea
          {...props}
          name="reason"
          rows={2}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** What went wrong, in plain words: a 409 says why the stage does not allow it. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const { status, problem } = error;
  if (status === 409 && problem?.code === 'agreement-too-large') return t('tooLarge');
  if (status === 409) {
    const accepted = problem?.details?.acceptedIn;
    const stage = problem?.details?.stage;
    // The API's details say which stage it is in and which would accept it.
    if (Array.isArray(accepted) && typeof stage === 'string') {
      const stages = accepted.map((s) => tOf('stage', String(s))).join(` ${t('or')} `);
      return `${t('conflict')}. ${t('currentStage')}: ${tOf('stage', stage)}; ${t('acceptedOnlyIn')} ${stages}.`;
    }
    return `${t('conflict')}. ${problem?.detail ?? ''}`.trim();
  }
  if (status === 403) return t('forbidden');
  if (status === 400 || status === 422)
    return problem?.errors?.length ? t('invalidInput') : (problem?.detail ?? t('invalidInput'));
  if (status >= 500) return t('serverError');
  return problem?.detail ?? error.message;
}

export function ProblemBanner({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div class="banner banner-error" role="alert">
      {problemText(error)}
    </div>
  );
}

/** A select's options, each value in words (`tOf(prefix, value)`). */
export function Options({ values, prefix }: { values: readonly string[]; prefix: string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {tOf(prefix, value)}
        </option>
      ))}
    </>
  );
}

export function StageBadge({ stage }: { stage: string }) {
  return <span class={`badge stage-${stage.toLowerCase()}`}>{tOf('stage', stage)}</span>;
}

/**
 * The first three cells of a row of agreements (title with its link, partner region, stage),
 * as every agreement table shows them; `children` follow the title (badges).
 */
export function AgreementCells({
  item,
  children,
}: {
  item: Pick<AgreementSummary, 'id' | 'title' | 'partnerRegion' | 'stage'>;
  children?: ComponentChildren;
}) {
  return (
    <>
      <td data-label={t('colTitle')}>
        <Link href={`/agreements/${item.id}`}>{item.title}</Link>
        {children}
      </td>
      <td data-label={t('colRegion')}>{item.partnerRegion.name}</td>
      <td data-label={t('colStage')}>
        <StageBadge stage={item.stage} />
      </td>
    </>
  );
}

/** The loading and failure states of a page section; `children` renders the data. */
export function Loading<T>({
  result,
  retry,
  children,
}: {
  result: Loaded<T>;
  retry?: () => void;
  children: (data: T) => ComponentChildren;
}) {
  if (result.state === 'loading') {
    return (
      <p class="muted" role="status">
        {t('loading')}
      </p>
    );
  }
  if (result.state === 'failed') {
    return (
      <div class="banner banner-error" role="alert">
        {problemText(result.error)}{' '}
        {retry && (
          <button type="button" class="link-button" onClick={retry}>
            {t('retry')}
          </button>
        )}
      </div>
    );
  }
  return <>{children(result.data)}</>;
}

export function Section({
  title,
  intro,
  children,
}: {
  title: MessageKey;
  intro?: MessageKey;
  children: ComponentChildren;
}) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {intro && <p class="muted">{t(intro)}</p>}
      {children}
    </section>
  );
}

/** A reason and a button that sends it (a cancellation, a withdrawal); the API's errors beneath. */
export function ReasonForm({
  label,
  confirm,
  reason,
  setReason,
  error,
  onSubmit,
  className,
}: {
  label: string;
  confirm: string;
  reason: string;
  setReason: (reason: string) => void;
  error: unknown;
  onSubmit: (event: Event) => Promise<void>;
  className?: string;
}) {
  return (
    <form class={className} onSubmit={(e) => void onSubmit(e)} noValidate>
      <ReasonField label={label} value={reason} onInput={setReason} error={error} />
      <ProblemBanner error={error} />
      <button type="submit" class="button-danger">
        {confirm}
      </button>
    </form>
  );
}
