import { type ReactNode, useCallback, useEffect, useState } from "react";
import { PERIODS, type Period } from "./api.ts";
import { ExportButtons } from "./components/export-buttons.tsx";
import { HandoffCard } from "./components/handoff-card.tsx";
import { SignIn } from "./components/sign-in.tsx";
import { type Lang, STRINGS } from "./i18n.ts";
import { LangContext, useT } from "./lang.ts";
import { Alerts } from "./tabs/alerts.tsx";
import { Conversations } from "./tabs/conversations.tsx";
import { Funnels } from "./tabs/funnels.tsx";
import { Overview } from "./tabs/overview.tsx";
import { Quality } from "./tabs/quality.tsx";
import { Revenue } from "./tabs/revenue.tsx";
import { TABS, type Tab, useDashboard } from "./use-dashboard.ts";

// The token lives for the browser tab only (sessionStorage), never in the URL or a cookie.
const TOKEN_KEY = "toktok.dashboard.token";
const LANG_KEY = "toktok.dashboard.lang";

/**
 * `#token=…` (the link the demo prints): taken once, then wiped from the address bar and history.
 * A fragment never reaches a server, so the token is not in any access log.
 */
function tokenFromFragment(): string | undefined {
  const match = /^#token=([A-Za-z0-9._~+/=-]+)$/.exec(location.hash);
  if (!match) return undefined;
  history.replaceState(null, "", `${location.pathname}${location.search}#overview`);
  return match[1];
}

const tabFromHash = (): Tab => {
  const h = location.hash.slice(1);
  return (TABS as readonly string[]).includes(h) ? (h as Tab) : "overview";
};

export function App() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === "en" ? "en" : "fr"));
  const [token, setToken] = useState(() => {
    const given = tokenFromFragment();
    if (given !== undefined) sessionStorage.setItem(TOKEN_KEY, given);
    return given ?? sessionStorage.getItem(TOKEN_KEY) ?? "";
  });
  const [notice, setNotice] = useState<string>();
  const t = STRINGS[lang];

  useEffect(() => {
    localStorage.setItem(LANG_KEY, lang);
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang, t]);

  const signIn = (value: string) => {
    sessionStorage.setItem(TOKEN_KEY, value);
    setNotice(undefined);
    setToken(value);
  };
  const signOut = useCallback(
    (status?: number) => {
      sessionStorage.removeItem(TOKEN_KEY);
      setNotice(status === 403 ? t.forbidden : status === 401 ? t.badToken : undefined);
      setToken("");
    },
    [t],
  );

  return (
    <LangContext.Provider value={lang}>
      {token === "" ? (
        <SignIn onSignedIn={signIn} notice={notice} langSwitch={<LangSwitch onSwitch={setLang} />} />
      ) : (
        <Dashboard token={token} onSignOut={signOut} langSwitch={<LangSwitch onSwitch={setLang} />} />
      )}
    </LangContext.Provider>
  );
}

/** FR ⇄ EN; labelled in the other language so a lost reader can find it. */
function LangSwitch({ onSwitch }: { onSwitch: (lang: Lang) => void }) {
  const { lang } = useT();
  return (
    <button type="button" className="lang" data-lang-switch onClick={() => onSwitch(lang === "fr" ? "en" : "fr")}>
      {lang === "fr" ? "English" : "Français"}
    </button>
  );
}

function Dashboard({
  token,
  onSignOut,
  langSwitch,
}: {
  token: string;
  onSignOut: (status?: number) => void;
  langSwitch: ReactNode;
}) {
  const [period, setPeriod] = useState<Period>("24h");
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const { t, lang } = useT();
  const state = useDashboard(token, period, tab, onSignOut);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const activeAlerts = state.data.alerts?.active.length ?? 0;
  const time = state.updatedAt?.toLocaleTimeString(lang === "fr" ? "fr-FR" : "en-GB");
  return (
    <div className="app" data-loads={state.loads} data-period={period}>
      <header className="top">
        <h1>{t.title}</h1>
        <fieldset className="periods">
          <legend className="sr-only">{t.periodLabel}</legend>
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={p === period} data-period={p} onClick={() => setPeriod(p)}>
              {t.periods[p]}
            </button>
          ))}
        </fieldset>
        <div className="actions">
          {langSwitch}
          <button type="button" className="link" onClick={() => onSignOut()}>
            {t.signOut}
          </button>
        </div>
      </header>
      <nav className="tabs" aria-label={t.title}>
        {TABS.map((k) => (
          <a
            key={k}
            href={`#${k}`}
            aria-current={k === tab ? "page" : undefined}
            data-tab={k}
            className={k === "alerts" && activeAlerts > 0 ? "has-alerts" : undefined}
          >
            {t.tabs[k]}
            {k === "alerts" && activeAlerts > 0 && <span className="badge">{activeAlerts}</span>}
          </a>
        ))}
        {/* The operator inbox is its own page: the token rides in the fragment, which no server sees. */}
        <a href={`/dashboard/inbox#token=${token}`} data-testid="inbox-link">
          {t.inbox}
        </a>
      </nav>
      <main className="content" data-active-tab={tab}>
        {state.error && (
          <p className="error" role="alert">
            {t.failed} : {state.error}
          </p>
        )}
        {tab === "overview" && <Overview data={state.data} />}
        {tab === "conversations" && <Conversations data={state.data} />}
        {tab === "conversations" && <HandoffCard token={token} reloads={state.loads} />}
        {tab === "funnels" && <Funnels data={state.data} />}
        {tab === "revenue" && <Revenue data={state.data} />}
        {tab === "quality" && <Quality data={state.data} />}
        {tab === "alerts" && <Alerts data={state.data} token={token} reload={state.reload} />}
      </main>
      <footer className="bottom">
        <ExportButtons token={token} period={period} today={state.data.summary?.today} />
        <span className="muted" data-testid="updated">
          {state.loading ? t.refreshing : time ? `${t.updated} ${time}` : ""}
        </span>
        <button type="button" onClick={state.reload}>
          {t.refresh}
        </button>
      </footer>
    </div>
  );
}
