// Import from CSV, loaded only when opened: the rows are read and checked by the CLI's own code
// (cli/import-rows.ts: the same columns, the API's schema, the same Idempotency-Key per row),
// shown as a dry run, then sent to POST /agreements as `npx sepakat import` sends them.
import { useState } from 'preact/hooks';
import { readCsv, validateRow, type FieldError, type SourceRow } from '../../../cli/import-rows.ts';
import type { RowStatus } from '../../../cli/import-report.ts';
import { Layout } from '../components/Layout.tsx';
import { ProblemBanner, problemText } from '../components/ui.tsx';
import { t, tOf } from '../i18n.ts';
import { Link } from '../router.tsx';
import { api } from '../state.ts';
import { ApiError } from '../api.ts';

interface Row {
  source: SourceRow;
  status: RowStatus;
  body?: unknown;
  key?: string;
  problems: FieldError[];
  reason?: string;
  id?: string;
}

function check(rows: SourceRow[]): Row[] {
  const seen = new Map<string, number>();
  return rows.map((source) => {
    const validation = validateRow(source);
    if (!validation.ok) return { source, status: 'rejected', problems: validation.errors };
    const same = seen.get(validation.idempotencyKey);
    if (same !== undefined) {
      return {
        source,
        status: 'rejected',
        problems: [{ field: 'row', message: `= ${String(same)}` }],
      };
    }
    seen.set(validation.idempotencyKey, source.row);
    return {
      source,
      status: 'valid',
      body: validation.body,
      key: validation.idempotencyKey,
      problems: [],
    };
  });
}

async function send(row: Row): Promise<Row> {
  try {
    const { data, error, response } = await api().POST('/agreements', {
      body: row.body as never,
      params: { header: { 'Idempotency-Key': row.key ?? '' } },
    });
    if (response.status === 201 && data) {
      const replayed = response.headers.get('idempotent-replayed') === 'true';
      return { ...row, status: replayed ? 'replayed' : 'created', id: data.id };
    }
    const apiError = new ApiError(response.status, error);
    const problems = (apiError.problem?.errors ?? []).map((e) => ({
      field: row.source.fieldOf(
        e.field
          .replace(/^body\.?/, '')
          .split('.')
          .filter(Boolean)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      ),
      message: e.message,
    }));
    return {
      ...row,
      status: response.status >= 500 ? 'failed' : 'rejected',
      problems,
      reason: problemText(apiError),
    };
  } catch (caught) {
    return { ...row, status: 'failed', reason: problemText(caught) };
  }
}

export function Import() {
  const [rows, setRows] = useState<Row[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);

  const onFile = async (file: File | undefined) => {
    setError(undefined);
    setRows(undefined);
    setDone(0);
    if (!file) return;
    try {
      setRows(check(readCsv(await file.text())));
    } catch (caught) {
      setError(caught);
    }
  };

  const run = async () => {
    if (!rows) return;
    setRunning(true);
    const results = [...rows];
    const queue = results.flatMap((row, i) => (row.status === 'valid' ? [i] : []));
    let finished = 0;
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const row = results[i];
        if (row) results[i] = await send(row);
        finished += 1;
        setDone(finished);
        setRows([...results]);
      }
    };
    await Promise.all([worker(), worker()]);
    setRunning(false);
  };

  const valid = rows?.filter((r) => r.status === 'valid').length ?? 0;
  const total = rows?.filter((r) => r.key).length ?? 0;
  return (
    <Layout title={t('importTitle')}>
      <div class="card">
        <p>{t('importIntro')}</p>
        <div class="field">
          <label for="import-file">{t('importFile')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </div>
        <ProblemBanner error={error} />
        {rows && (
          <>
            <p role="status">
              {rows.length} {t('importSummary')} · {valid} {t('status_valid').toLowerCase()}
            </p>
            {rows.some((row) => row.source.scans.length > 0) && (
              <p class="banner banner-info">{t('importScansElsewhere')}</p>
            )}
            <button type="button" disabled={running || valid === 0} onClick={() => void run()}>
              {t('importRun')}
            </button>
            {(running || done > 0) && (
              <div class="field">
                <label for="import-progress">{t('importProgress')}</label>
                <progress id="import-progress" max={total} value={done}>
                  {done}/{total}
                </progress>
                <span class="muted">
                  {' '}
                  {done}/{total}
                </span>
              </div>
            )}
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('importRow')}</th>
                    <th scope="col">{t('colTitle')}</th>
                    <th scope="col">{t('importStatus')}</th>
                    <th scope="col">{t('importProblems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.source.row} class={`row-${row.status}`}>
                      <td data-label={t('importRow')}>{row.source.row}</td>
                      <td data-label={t('colTitle')}>
                        {row.id ? (
                          <Link href={`/agreements/${row.id}`}>{row.source.title}</Link>
                        ) : (
                          row.source.title
                        )}
                      </td>
                      <td data-label={t('importStatus')}>{tOf('status', row.status)}</td>
                      <td data-label={t('importProblems')}>
                        {row.reason && <div>{row.reason}</div>}
                        {row.problems.length > 0 && (
                          <ul class="plain-list">
                            {row.problems.map((p, i) => (
                              <li key={i}>
                                <code>{p.field}</code>: {p.message}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </Layout>
  );
}
