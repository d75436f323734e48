// Officials' reports through action links, waiting for a coordinator: what was reported, by
// whom and when; Confirm records the milestone (naming the official and the coordinator),
// Reject asks for the reason (POST /agreements/{id}/reports/{reportId}/confirm | reject).
import { useState } from 'preact/hooks';
import { unwrap, type Agreement, type Schemas } from '../api.ts';
import { ProblemBanner, ReasonField } from '../components/ui.tsx';
import { formatDate, formatInstant, t, tOf } from '../i18n.ts';
import { api } from '../state.ts';

type Report = Schemas['PendingReport'];

function ReportDetails({ agreement, report }: { agreement: Agreement; report: Report }) {
  const { details, milestone, reportedBy } = report;
  const app = agreement.apps.find((a) => a.id === ('appId' in milestone ? milestone.appId : ''));
  const zone = agreement.partnerRegion;
  return (
    <>
      <p>
        <strong>{tOf('milestone', milestone.type)}</strong>
        {app ? ` (${app.name})` : ''}, {formatDate(details.occurredAt)}
      </p>
      <ul class="plain-list">
        <li>
          {t('reportedBy')}: {reportedBy.name} · {tOf('contactRole', reportedBy.role)} ·{' '}
          {tOf('side', reportedBy.side)} · {reportedBy.email}
        </li>
        <li>
          {t('reportedAt')}: {formatInstant(report.reportedAt, zone.timeZone, zone.timeZoneLabel)}
        </li>
        {details.documentNumber && (
          <li>
            {t('actionDocumentNumber')}: {details.documentNumber}
          </li>
        )}
        {details.signatory && (
          <li>
            {t('signatories')}: {details.signatory.name}, {details.signatory.position} (
            {tOf('capacity', details.signatory.capacity)})
          </li>
        )}
        {details.live !== undefined && (
          <li>
            {t('live')}: {tOf('yesNo', details.live ? 'yes' : 'no')}
          </li>
        )}
        {details.notes && (
          <li>
            {t('notes')}: {details.notes}
          </li>
        )}
      </ul>
    </>
  );
}

function PendingReport({
  agreement,
  report,
  onSaved,
}: {
  agreement: Agreement;
  report: Report;
  onSaved: (a: Agreement) => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const path = { id: agreement.id, reportId: report.id };
  const run = async (call: () => Promise<Agreement>) => {
    setError(undefined);
    try {
      onSaved(await call());
    } catch (caught) {
      setError(caught);
    }
  };
  const confirm = () =>
    run(async () =>
      unwrap(
        await api().POST('/agreements/{id}/reports/{reportId}/confirm', {
          params: { path },
          body: {},
        }),
      ),
    );
  const reject = (event: Event) => {
    event.preventDefault();
    void run(async () =>
      unwrap(
        await api().POST('/agreements/{id}/reports/{reportId}/reject', {
          params: { path },
          body: { reason },
        }),
      ),
    );
  };
  return (
    <li class="pending-report">
      <ReportDetails agreement={agreement} report={report} />
      {rejecting ? (
        <form onSubmit={reject} noValidate>
          <ReasonField label={t('rejectReason')} value={reason} onInput={setReason} error={error} />
          <ProblemBanner error={error} />
          <button type="submit" class="button-danger">
            {t('rejectSend')}
          </button>{' '}
          <button type="button" class="button-secondary" onClick={() => setRejecting(false)}>
            {t('rejectBack')}
          </button>
        </form>
      ) : (
        <>
          <ProblemBanner error={error} />
          <button type="button" onClick={() => void confirm()}>
            {t('confirmReport')}
          </button>{' '}
          <button type="button" class="button-secondary" onClick={() => setRejecting(true)}>
            {t('rejectReport')}
          </button>
        </>
      )}
    </li>
  );
}

/** The reports waiting for a coordinator, or nothing when there are none. */
export function PendingReports({
  agreement,
  onSaved,
}: {
  agreement: Agreement;
  onSaved: (a: Agreement) => void;
}) {
  const reports = agreement.pendingReports ?? [];
  if (reports.length === 0) return null;
  return (
    <section class="card pending-reports" aria-labelledby="pending-reports-title">
      <h2 id="pending-reports-title">{t('pendingReportsTitle')}</h2>
      <p class="muted">{t('pendingReportsIntro')}</p>
      <ul class="plain-list">
        {reports.map((report) => (
          <PendingReport key={report.id} agreement={agreement} report={report} onSaved={onSaved} />
        ))}
      </ul>
    </section>
  );
}
