import type { DashboardAuthEnv } from "../dashboard-api/auth.ts";
import { DashboardConfigError } from "../dashboard-api/errors.ts";
import { mintDashboardToken } from "../dashboard-api/token.ts";
import { INBOX_ROLES } from "./operator-auth.ts";

/** Options of {@link mintOperatorToken}. */
export interface OperatorTokenOptions {
  /** The server's keys: `DASHBOARD_JWT_SECRET` signs HS256 tokens. */
  env: DashboardAuthEnv;
  /** RS256 private key (PKCS#8 PEM) matching `env.DASHBOARD_JWT_PUBLIC_KEY`, instead of the secret. */
  privateKeyPem?: string;
  /** The operator's name; its first word is what customers hear ("Grace vous répond"). */
  name: string;
  /** `operator` (default) or `admin` (may also reassign conversations). */
  role?: string;
  /** The operator's id (the token's `sub`, on every message they send); default `op-` and the name's slug. */
  id?: string;
  /** Lifetime in seconds; default 12 hours. */
  ttlSeconds?: number;
}

const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/**
 * Mints an operator's inbox token (the role checked against `admin`/`operator`, a typed error naming the
 * field otherwise). Operators are not stored: whoever holds a valid token is the operator it names, so
 * give each person their own token and keep them short-lived.
 * @example
 * const token = await mintOperatorToken({ env: process.env, name: "Grace", role: "operator" });
 */
export async function mintOperatorToken(options: OperatorTokenOptions): Promise<string> {
  const name = options.name.trim();
  if (name === "" || name.length > 80) throw new DashboardConfigError("name", "must be 1 to 80 characters");
  const role = options.role ?? "operator";
  if (!INBOX_ROLES.some((r) => r === role))
    throw new DashboardConfigError("role", `must be ${INBOX_ROLES.join(" or ")}`);
  const id = options.id ?? `op-${slug(name) || "operator"}`;
  if (!/^[\w.@-]{1,64}$/.test(id)) throw new DashboardConfigError("id", "must be 1 to 64 letters, digits, . _ @ or -");
  if (!options.privateKeyPem && !options.env.DASHBOARD_JWT_SECRET)
    throw new DashboardConfigError(
      "env.DASHBOARD_JWT_SECRET",
      "set it (or pass privateKeyPem for RS256) to mint a token",
    );
  return mintDashboardToken({
    ...(options.privateKeyPem
      ? { privateKeyPem: options.privateKeyPem }
      : { secret: options.env.DASHBOARD_JWT_SECRET }),
    role,
    name,
    subject: id,
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
  });
}

/** `…/dashboard/inbox#token=…`: the inbox page signs in from the fragment, which browsers never send to a server. */
export function inboxLink(baseUrl: string, token: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch (cause) {
    throw new DashboardConfigError("baseUrl", "must be an absolute http(s) URL", { cause });
  }
  return `${new URL("/dashboard/inbox", base).href}#token=${token}`;
}
