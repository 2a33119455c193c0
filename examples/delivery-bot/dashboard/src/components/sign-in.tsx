import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError, apiJson } from "../api.ts";
import { useT } from "../lang.ts";

/** The token screen: checks the pasted token against the API before letting the operator in. */
export function SignIn({
  onSignedIn,
  notice,
  langSwitch,
}: {
  onSignedIn: (token: string) => void;
  notice?: string | undefined;
  langSwitch: ReactNode;
}) {
  const { t } = useT();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | undefined>(notice);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, "");
    if (value === "") return;
    setBusy(true);
    setError(undefined);
    try {
      await apiJson(value, "/summary?period=24h");
      onSignedIn(value);
    } catch (e) {
      if (e instanceof ApiError) setError(e.status === 403 ? t.forbidden : t.badToken);
      else setError(t.networkError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        {langSwitch}
        <h1 id="sign-in-title">{t.signInTitle}</h1>
        <p>{t.signInHelp}</p>
        <label htmlFor="token">{t.tokenLabel}</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t.checking : t.signIn}
        </button>
      </form>
    </main>
  );
}
