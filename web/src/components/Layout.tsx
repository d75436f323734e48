import type { ComponentChildren } from 'preact';
import { lang, setLang, t } from '../i18n.ts';
import { Link, location, navigate } from '../router.tsx';
import { signOut } from '../session.ts';
import { config, session, signInPath } from '../state.ts';

const NAV = [
  { href: '/', label: 'navDashboard', host: false },
  { href: '/agreements', label: 'navAgreements', host: false },
  { href: '/reports', label: 'navReports', host: false },
  { href: '/agreements/new', label: 'navNew', host: true },
  { href: '/import', label: 'navImport', host: true },
] as const;

function isCurrent(href: string, path: string): boolean {
  if (href === '/') return path === '/';
  if (href === '/agreements') return path === '/agreements' || /^\/agreements\/(?!new)/.test(path);
  return path === href;
}

export function LanguageSwitch() {
  const other = lang.value === 'id' ? 'en' : 'id';
  return (
    <button type="button" class="link-button" lang={other} onClick={() => setLang(other)}>
      {t('switchLanguage')}
    </button>
  );
}

/** A page of one card without the navigation: the sign-in, the page behind an action link. */
export function CardPage({
  title,
  subtitle,
  wide,
  children,
}: {
  title: string;
  subtitle: string;
  /** Room for a form beside the text. */
  wide?: boolean;
  children: ComponentChildren;
}) {
  document.title = `${title} — Sepakat`;
  return (
    <main id="main" class={wide ? 'sign-in action-page' : 'sign-in'}>
      <div class="card">
        <p class="brand">
          <strong>{t('appName')}</strong> <span>{subtitle}</span>
        </p>
        <h1>{title}</h1>
        {children}
        <p class="lang">
          <LanguageSwitch />
        </p>
      </div>
    </main>
  );
}

export function Layout({ title, children }: { title: string; children: ComponentChildren }) {
  const current = session.value;
  document.title = `${title} — Sepakat`;
  const path = location.value.path;
  return (
    <>
      <a class="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header class="topbar">
        <div class="brand">
          <strong>{t('appName')}</strong> <span>{t('appSubtitle')}</span>
        </div>
        <nav aria-label={t('appSubtitle')}>
          <ul>
            {NAV.filter((item) => !item.host || current?.role === 'host').map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={isCurrent(item.href, path) ? 'page' : undefined}
                >
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="user">
          {current && (
            <span class="muted">
              {current.role === 'host'
                ? t('roleHost')
                : `${t('rolePartner')} ${current.region ?? ''}`}
            </span>
          )}
          <LanguageSwitch />
          <button
            type="button"
            class="button-secondary"
            onClick={() => {
              void signOut(config()).then(() => {
                session.value = undefined;
                navigate(signInPath());
              });
            }}
          >
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
