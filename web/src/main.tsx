// The console's entry: reads /config.json, restores the session, and routes. Pages other than
// the dashboard load on first use, so the initial JavaScript stays small.
import { render } from 'preact';
import { lazy, Suspense } from 'preact/compat';
import './styles.css';
import { loadConfig } from './config.ts';
import { lang, t } from './i18n.ts';
import { location, match, navigate } from './router.tsx';
import { completeCognitoSignIn, takeReturn } from './session.ts';
import { config, initialise, session, signInPath } from './state.ts';
import { Dashboard } from './pages/Dashboard.tsx';
import { CognitoSignIn, DevSignIn } from './pages/SignIn.tsx';
import { Layout } from './components/Layout.tsx';
import { Link } from './router.tsx';

const Agreements = lazy(() => import('./pages/Agreements.tsx').then((m) => m.Agreements));
const AgreementPage = lazy(() => import('./pages/AgreementPage.tsx').then((m) => m.AgreementPage));
const NewAgreement = lazy(() => import('./pages/NewAgreement.tsx').then((m) => m.NewAgreement));
const Import = lazy(() => import('./pages/Import.tsx').then((m) => m.Import));
const ActionPage = lazy(() => import('./pages/ActionPage.tsx').then((m) => m.ActionPage));
const Reports = lazy(() => import('./pages/Reports.tsx').then((m) => m.Reports));

function NotFound() {
  return (
    <Layout title={t('notFound')}>
      <p>
        <Link href="/">{t('backToDashboard')}</Link>
      </p>
    </Layout>
  );
}

function Page() {
  const { path } = location.value;
  const local = config().auth.kind === 'local';
  if (path === '/dev-sign-in') return local ? <DevSignIn /> : <NotFound />;
  if (path === '/sign-in') return local ? <DevSignIn /> : <CognitoSignIn />;
  // An action link's page: public, the token in the path is the credential.
  const action = match('/tindak-lanjut/:token', path);
  if (action?.token) return <ActionPage token={action.token} />;
  if (!session.value || session.value.expiresAt <= Date.now()) {
    queueMicrotask(() => navigate(signInPath(), { replace: true }));
    return null;
  }
  const host = session.value.role === 'host';
  if (path === '/') return <Dashboard />;
  if (path === '/agreements') return <Agreements />;
  if (path === '/reports') return <Reports />;
  if (path === '/agreements/new' && host) return <NewAgreement />;
  if (path === '/import' && host) return <Import />;
  const one = match('/agreements/:id', path);
  if (one?.id) return <AgreementPage id={one.id} />;
  return <NotFound />;
}

function App() {
  return (
    <Suspense fallback={<p class="muted">{t('loading')}</p>}>
      <Page />
    </Suspense>
  );
}

async function start() {
  const root = document.getElementById('app');
  if (!root) return;
  document.documentElement.lang = lang.value;
  try {
    const runtime = await loadConfig();
    initialise(runtime);
    const { auth } = runtime;
    if (
      auth.kind === 'cognito' &&
      location.value.path === new URL(auth.redirectUri).pathname &&
      location.value.query.has('code')
    ) {
      session.value = await completeCognitoSignIn(auth);
      navigate(takeReturn(), { replace: true });
    }
  } catch (error) {
    render(
      <main id="main" class="sign-in">
        <p class="banner banner-error" role="alert">
          {error instanceof Error ? error.message : String(error)}
        </p>
      </main>,
      root,
    );
    return;
  }
  render(<App />, root);
}

void start();
