// The signed documents of an agreement (scans of the MoU, PKS, BASTs, reports): the list from
// GET /agreements/{id}/documents, the upload (SHA-256 computed here, announced to the API, the
// file PUT straight to storage with its progress shown, then completed: the API checks it),
// the download through a short-lived URL, and the withdrawal with a reason.
import { useState } from 'preact/hooks';
import { ATTACHED_BY } from '../../../domain/access.ts';
import {
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_EXTENSIONS,
  DOCUMENT_KINDS,
  DOCUMENTED_MILESTONES,
} from '../../../domain/documents.ts';
import { ApiError, unwrap, type Agreement, type Schemas } from '../api.ts';
import { Field, Loading, ProblemBanner, problemText, ReasonForm } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDate, formatInstant, t, tOf } from '../i18n.ts';
import { api, session } from '../state.ts';

type Document = Schemas['Document'];
type Upload = Schemas['DocumentUpload']['upload'];
type Kind = Document['kind'];
type ContentType = Document['contentType'];
type MilestoneRef = NonNullable<Document['milestone']>;

const CONTENT_TYPES = Object.keys(DOCUMENT_CONTENT_TYPES) as ContentType[];
const ACCEPT = [...Object.keys(DOCUMENT_EXTENSIONS).map((e) => `.${e}`), ...CONTENT_TYPES].join(
  ',',
);

/** The file's type as the browser says it, else by its extension; undefined if not accepted. */
function contentTypeOf(file: File): ContentType | undefined {
  if ((CONTENT_TYPES as string[]).includes(file.type)) return file.type as ContentType;
  return DOCUMENT_EXTENSIONS[file.name.split('.').pop()?.toLowerCase() ?? ''];
}

async function sha256Of(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A refusal found here, before anything is sent: shown as it is. */
class LocalRefusal extends Error {}

/** Sends the file to the presigned URL, reporting the bytes sent as they go. */
function sendFile(upload: Upload, file: File, onProgress: (share: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    let body: FormData | File = file;
    if (upload.method === 'POST') {
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, value);
      form.append('file', file);
      body = form;
    }
    for (const [name, value] of Object.entries(upload.headers ?? {})) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      onProgress(event.loaded / (event.lengthComputable ? event.total : file.size));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new LocalRefusal(`${t('uploadStorageFailed')} (HTTP ${String(xhr.status)})`));
    };
    xhr.onerror = () => {
      reject(new LocalRefusal(t('uploadStorageFailed')));
    };
    xhr.send(body);
  });
}

/** What went wrong with an upload, in the coordinator's words. */
function uploadProblem(error: unknown): string {
  if (error instanceof LocalRefusal) return error.message;
  if (error instanceof ApiError) {
    const { problem } = error;
    if (problem?.code === 'DOCUMENT_TOO_LARGE') {
      const limit = Number(problem.details?.limit);
      return t('documentTooLarge').replace('{limit}', megabytes(limit));
    }
    if (error.status === 422 && problem?.type.endsWith('upload-refused')) {
      return t('documentRefused');
    }
    if (error.fieldError('contentType')) return t('documentWrongType');
  }
  return problemText(error);
}

function megabytes(bytes: number): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(bytes / 2 ** 20);
}

function sizeText(bytes: number): string {
  return bytes < 2 ** 20
    ? `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`
    : `${megabytes(bytes)} MB`;
}

const milestoneText = (m: MilestoneRef | undefined): string =>
  m ? `${tOf('milestone', m.type)}${m.appId ? ` (${m.appId})` : ''}` : '—';

const refOf = (value: string): MilestoneRef | undefined => {
  if (!value) return undefined;
  const [type, appId] = value.split('#') as [MilestoneRef['type'], string | undefined];
  return { type, ...(appId ? { appId } : {}) };
};

/** Every document of the agreement (at most a few hundred), page after page. */
async function allDocuments(agreementId: string): Promise<Document[]> {
  const items: Document[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api().GET('/agreements/{id}/documents', {
        params: { path: { id: agreementId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

type Phase = { step: 'hashing' } | { step: 'uploading'; share: number } | { step: 'checking' };

function UploadForm({ agreement, onAttached }: { agreement: Agreement; onAttached: () => void }) {
  const side = session.value?.role === 'host' ? 'HOST' : 'PARTNER';
  const kinds = DOCUMENT_KINDS.filter((kind) => ATTACHED_BY[kind].includes(side));
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'OTHER');
  const [milestone, setMilestone] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [phase, setPhase] = useState<Phase | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  // The milestones already recorded that a document of this kind may document.
  const milestones = agreement.milestones.flatMap((m) => {
    const appId = 'appId' in m ? m.appId : undefined;
    const value = appId ? `${m.type}#${appId}` : m.type;
    return DOCUMENTED_MILESTONES[kind].includes(m.type) ? [{ value, m, appId }] : [];
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    try {
      if (!file) throw new LocalRefusal(t('documentChooseFile'));
      const contentType = contentTypeOf(file);
      if (!contentType) throw new LocalRefusal(t('documentWrongType'));
      if (file.size === 0) throw new LocalRefusal(t('documentEmpty'));
      setPhase({ step: 'hashing' });
      const ref = refOf(milestone);
      const announced = unwrap(
        await api().POST('/agreements/{id}/documents', {
          params: { path: { id: agreement.id } },
          body: {
            kind,
            fileName: file.name,
            contentType,
            sizeBytes: file.size,
            sha256: await sha256Of(file),
            ...(ref ? { milestone: ref } : {}),
          },
        }),
      );
      setPhase({ step: 'uploading', share: 0 });
      await sendFile(announced.upload, file, (share) => {
        setPhase({ step: 'uploading', share });
      });
      setPhase({ step: 'checking' });
      const attached = unwrap(
        await api().POST('/agreements/{id}/documents/{documentId}/complete', {
          params: { path: { id: agreement.id, documentId: announced.documentId } },
        }),
      );
      setDone(`${t('documentAttached')}: ${attached.fileName}`);
      setFile(undefined);
      (event.target as HTMLFormElement).reset();
      onAttached();
    } catch (caught) {
      setError(uploadProblem(caught));
    } finally {
      setPhase(undefined);
    }
  };

  const percent = phase?.step === 'uploading' ? Math.round(phase.share * 100) : undefined;
  return (
    <form class="upload-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('documentUpload')}</h3>
      <div class="grid">
        <Field label={t('documentKind')}>
          {(props) => (
            <select
              {...props}
              value={kind}
              onChange={(e) => {
                setKind(e.currentTarget.value as Kind);
                setMilestone('');
              }}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {tOf('docKind', k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('documentMilestone')}>
          {(props) => (
            <select
              {...props}
              value={milestone}
              onChange={(e) => setMilestone(e.currentTarget.value)}
            >
              <option value="">—</option>
              {milestones.map(({ value, m, appId }) => (
                <option key={value} value={value}>
                  {milestoneText({ type: m.type, ...(appId ? { appId } : {}) })},{' '}
                  {formatDate(m.occurredAt)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('documentFile')} hint={t('documentFileHint')}>
          {(props) => (
            <input
              {...props}
              type="file"
              accept={ACCEPT}
              onChange={(e) => setFile(e.currentTarget.files?.[0])}
            />
          )}
        </Field>
      </div>
      {phase && (
        <div class="upload-progress" role="status">
          <label for="document-progress">
            {phase.step === 'uploading'
              ? `${t('documentUploading')} ${String(percent)}%`
              : t(phase.step === 'hashing' ? 'documentHashing' : 'documentChecking')}
          </label>
          <progress id="document-progress" max={100} value={percent}>
            {percent === undefined ? '' : `${String(percent)}%`}
          </progress>
        </div>
      )}
      {error && (
        <div class="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div class="banner banner-ok" role="status">
          {done}
        </div>
      )}
      <button type="submit" disabled={phase !== undefined}>
        {t('documentUploadButton')}
      </button>
    </form>
  );
}

function WithdrawForm({
  agreementId,
  document,
  onWithdrawn,
}: {
  agreementId: string;
  document: Document;
  onWithdrawn: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      unwrap(
        await api().POST('/agreements/{id}/documents/{documentId}/withdraw', {
          params: { path: { id: agreementId, documentId: document.documentId } },
          body: { reason },
        }),
      );
      onWithdrawn();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <details class="withdraw">
      <summary>{t('documentWithdraw')}</summary>
      <ReasonForm
        label={`${t('documentWithdrawReason')} (${document.fileName})`}
        confirm={t('documentWithdrawConfirm')}
        reason={reason}
        setReason={setReason}
        error={error}
        onSubmit={submit}
      />
    </details>
  );
}

function DownloadButton({ agreementId, document }: { agreementId: string; document: Document }) {
  const [error, setError] = useState<unknown>();
  const download = async () => {
    setError(undefined);
    try {
      const { url } = unwrap(
        await api().GET('/agreements/{id}/documents/{documentId}', {
          params: { path: { id: agreementId, documentId: document.documentId } },
        }),
      );
      // The URL lives minutes: followed at once, its Content-Disposition saves the file.
      const link = window.document.createElement('a');
      link.href = url;
      link.rel = 'noopener';
      link.click();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <button
        type="button"
        class="button-secondary"
        aria-label={`${t('documentDownload')} ${document.fileName}`}
        onClick={() => void download()}
      >
        {t('documentDownload')}
      </button>
      <ProblemBanner error={error} />
    </>
  );
}

/** `onChanged`: the agreement after a document changed it (a new version, new history). */
export function DocumentFiles({
  agreement,
  onChanged,
}: {
  agreement: Agreement;
  onChanged: (a: Agreement) => void;
}) {
  const [loaded] = useLoad(
    () => allDocuments(agreement.id),
    `${agreement.id}@${String(agreement.version)}`,
  );
  const [error, setError] = useState<unknown>();
  // Attaching and withdrawing write the agreement's next version: the list follows it.
  const reload = () => {
    api()
      .GET('/agreements/{id}', { params: { path: { id: agreement.id } } })
      .then((answer) => {
        onChanged(unwrap(answer));
      }, setError);
  };
  const role = session.value?.role;
  const zone = agreement.partnerRegion;
  // canWithdraw (domain/access.ts): the host any document, a partner its own side's.
  const mayWithdraw = (d: Document) =>
    role === 'host' || (role === 'partner' && d.side === 'PARTNER');
  return (
    <div class="document-files">
      <ProblemBanner error={error} />
      <Loading result={loaded}>
        {(documents) =>
          documents.length === 0 ? (
            <p class="muted">{t('documentNone')}</p>
          ) : (
            <div class="table-wrap">
              <table class="document-list" aria-label={t('documentFiles')}>
                <thead>
                  <tr>
                    <th scope="col">{t('documentKind')}</th>
                    <th scope="col">{t('documentFile')}</th>
                    <th scope="col">{t('documentSize')}</th>
                    <th scope="col">SHA-256</th>
                    <th scope="col">{t('documentAttachedBy')}</th>
                    <th scope="col">{t('documentMilestone')}</th>
                    <th scope="col">{t('documentActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {documents.map((d) => (
                    <tr key={d.documentId} class={d.status === 'WITHDRAWN' ? 'withdrawn' : ''}>
                      <td data-label={t('documentKind')}>
                        {tOf('docKind', d.kind)}
                        {d.status === 'WITHDRAWN' && (
                          <span class="badge badge-alert">{t('documentWithdrawn')}</span>
                        )}
                        {d.replacedBy && <span class="badge">{t('documentReplaced')}</span>}
                      </td>
                      <td data-label={t('documentFile')}>
                        {d.fileName}
                        {d.withdrawal && (
                          <small class="muted block">
                            {t('documentWithdrawnBecause')}: {d.withdrawal.reason}
                          </small>
                        )}
                      </td>
                      <td data-label={t('documentSize')}>{sizeText(d.sizeBytes)}</td>
                      <td data-label="SHA-256">
                        <code class="sha256" title={d.sha256}>
                          {d.sha256.slice(0, 12)}…
                        </code>
                      </td>
                      <td data-label={t('documentAttachedBy')}>
                        {d.attachedByEmail ?? d.attachedBy}
                        <small class="muted block">
                          {formatInstant(d.attachedAt, zone.timeZone, zone.timeZoneLabel)}
                        </small>
                      </td>
                      <td data-label={t('documentMilestone')}>{milestoneText(d.milestone)}</td>
                      <td data-label={t('documentActions')}>
                        <DownloadButton agreementId={agreement.id} document={d} />
                        {d.status === 'ATTACHED' && mayWithdraw(d) && (
                          <WithdrawForm
                            agreementId={agreement.id}
                            document={d}
                            onWithdrawn={reload}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loading>
      {role && <UploadForm agreement={agreement} onAttached={reload} />}
    </div>
  );
}
