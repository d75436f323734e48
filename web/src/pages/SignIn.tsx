// Signing in. Deployed: a button to Cognito's managed login. Local mode: the development
// sign-in, clearly marked, for the host or for the partner of a region picked by name; also by
// URL (/dev-sign-in?role=host, ?role=partner&region=61.12) for scripts, demos and tests.
import { useEffect, useState } from 'preact/hooks';
import type { Region } from '../api.ts';
import { CardPage } from '../components/Layout.tsx';
import { RegionSearch } from '../components/RegionSearch.tsx';
import { ProblemBanner } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import { location, navigate } from '../router.tsx';
import { devSignIn, signInWithCognito, takeReturn, type Role } from '../session.ts';
import { config, session, sessionExpired } from '../state.ts';

function Frame({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <CardPage title={title} subtitle={t('appSubtitle')}>
      {sessionExpired.value && (
        <p class="banner banner-info" role="status">
          {t('signInExpired')}
        </p>
      )}
      {children}
    </CardPage>
  );
}

export function CognitoSignIn() {
  const auth = config().auth;
  const [error, setError] = useState<unknown>();
  return (
    <Frame title={t('signInTitle')}>
      <p>{t('signInIntro')}</p>
      <ProblemBanner error={error} />
      <button
        type="button"
        onClick={() => {
          if (auth.kind === 'cognito') signInWithCognito(auth).catch(setError);
        }}
      >
        {t('signInButton')}
      </button>
    </Frame>
  );
}

/** The development sign-in's region search: the console server's, as no token exists yet. */
async function searchDevRegions(q: string): Promise<Region[]> {
  const response = await fetch(`/dev-regions?q=${encodeURIComponent(q)}`);
  if (!response.ok) return [];
  return ((await response.json()) as { items: Region[] }).items;
}

function finish(role: Role, region?: string) {
  return devSignIn(role, region).then((signedIn) => {
    session.value = signedIn;
    sessionExpired.value = false;
    navigate(takeReturn(), { replace: true });
  });
}

export function DevSignIn() {
  const query = location.value.query;
  const [role, setRole] = useState<Role>(query.get('role') === 'partner' ? 'partner' : 'host');
  const [region, setRegion] = useState<Region | undefined>();
  const [error, setError] = useState<unknown>();
  const [regionError, setRegionError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  // By URL: signs in at once and opens the dashboard (or the page the session ended on).
  useEffect(() => {
    const wanted = query.get('role');
    if (wanted !== 'host' && wanted !== 'partner') return;
    setBusy(true);
    finish(wanted, query.get('region') ?? undefined).catch((caught: unknown) => {
      setError(caught);
      setBusy(false);
    });
  }, []);

  const submit = (event: Event) => {
    event.preventDefault();
    if (role === 'partner' && !region) {
      setRegionError(t('devRegionRequired'));
      return;
    }
    setRegionError(undefined);
    setBusy(true);
    finish(role, role === 'partner' ? region?.code : undefined).catch((caught: unknown) => {
      setError(caught);
      setBusy(false);
    });
  };

  return (
    <Frame title={t('devSignInTitle')}>
      <p class="banner banner-warning">{t('devSignInWarning')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('devRole')}</legend>
          <label class="inline">
            <input
              type="radio"
              name="role"
              value="host"
              checked={role === 'host'}
              onChange={() => setRole('host')}
            />{' '}
            {t('roleHost')}
          </label>
          <label class="inline">
            <input
              type="radio"
              name="role"
              value="partner"
              checked={role === 'partner'}
              onChange={() => setRole('partner')}
            />{' '}
            {t('rolePartner')}
          </label>
        </fieldset>
        {role === 'partner' && (
          <RegionSearch
            name="region"
            label={t('devRegion')}
            hint={t('devRegionHint')}
            error={regionError}
            value={region}
            onChange={setRegion}
            search={searchDevRegions}
            types={['KABUPATEN', 'KOTA']}
          />
        )}
        <ProblemBanner error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signInButton')}
        </button>
      </form>
    </Frame>
  );
}
