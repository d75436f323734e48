// A term's status as a badge, with the days left while it runs: the same words on the list and
// on the agreement page.
import type { Schemas } from '../api.ts';
import { t, tOf } from '../i18n.ts';

type Term = Schemas['Term'];

export function TermStatus({ term }: { term: Term }) {
  const running = term.status !== 'EXPIRED' && term.status !== 'TERMINATED';
  return (
    <>
      <span class={`badge badge-term-${term.status.toLowerCase()}`}>
        {tOf('termStatus', term.status)}
      </span>
      {running && (
        <>
          {' '}
          · {term.daysLeft} {t('daysLeft')}
        </>
      )}
    </>
  );
}
