import { randomBytes } from "node:crypto";
import type { DashboardAuthEnv } from "../auth.ts";
import { DashboardConfigError } from "../errors.ts";
import { mintDashboardToken } from "../token.ts";

/**
 * The environment with a dashboard key: unchanged when `DASHBOARD_JWT_SECRET` or
 * `DASHBOARD_JWT_PUBLIC_KEY` is set, otherwise with a random HS256 secret for this run (demo only:
 * tokens die with the process).
 */
export function withDemoDashboardSecret<E extends DashboardAuthEnv>(env: E): E & { DASHBOARD_JWT_SECRET?: string } {
  if (env.DASHBOARD_JWT_SECRET || env.DASHBOARD_JWT_PUBLIC_KEY) return env;
  return { ...env, DASHBOARD_JWT_SECRET: randomBytes(32).toString("base64url") };
}

/** A ready-to-open dashboard address and the admin token behind it. */
export interface DashboardLink {
  /** `…/dashboard#token=…`: the page signs in from the fragment, which browsers never send to a server. */
  url: string;
  /** The admin token alone, to paste at the sign-in screen. */
  token: string;
  /** The page without the token. */
  pageUrl: string;
}

/**
 * Mints an admin token (HS256 with `env.DASHBOARD_JWT_SECRET`, or RS256 with `privateKeyPem`) and the
 * dashboard URL that signs in with it.
 * @example
 * const link = await dashboardLink({ baseUrl: "http://127.0.0.1:3000", env });
 * console.log(`Dashboard: ${link.url}`);
 */
export async function dashboardLink(options: {
  baseUrl: string;
  env: DashboardAuthEnv;
  /** RS256 private key matching `env.DASHBOARD_JWT_PUBLIC_KEY`. */
  privateKeyPem?: string;
  /** Token lifetime; default 12 hours. */
  ttlSeconds?: number;
}): Promise<DashboardLink> {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
  } catch (cause) {
    throw new DashboardConfigError("baseUrl", "must be an absolute http(s) URL", { cause });
  }
  const secret = options.env.DASHBOARD_JWT_SECRET;
  if (!secret && !options.privateKeyPem) {
    throw new DashboardConfigError(
      "env.DASHBOARD_JWT_SECRET",
      "set it (or pass privateKeyPem for RS256) to mint a token",
    );
  }
  const token = await mintDashboardToken({
    ...(options.privateKeyPem ? { privateKeyPem: options.privateKeyPem } : { secret: secret as string }),
    subject: "demo-operator",
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
  });
  const pageUrl = new URL("/dashboard", base).href;
  return { url: `${pageUrl}#token=${token}`, token, pageUrl };
}

/** The lines a demo prints for the operator (the token is a secret: print it only to the operator's terminal). */
export function formatDashboardLink(link: DashboardLink): string {
  return [`📊 Tableau de bord : ${link.url}`, `   (ou ouvrez ${link.pageUrl} et collez le jeton : ${link.token})`].join(
    "\n",
  );
}
