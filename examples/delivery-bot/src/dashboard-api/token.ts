import { importPKCS8, SignJWT } from "jose";
import { ADMIN_ROLE } from "./auth.ts";
import { DashboardConfigError } from "./errors.ts";

/** Options of {@link mintDashboardToken}: exactly one of `secret` (HS256) or `privateKeyPem` (RS256). */
export interface MintTokenOptions {
  /** HS256 shared secret — the same value as the server's `DASHBOARD_JWT_SECRET`. */
  secret?: string;
  /** RS256 private key, PEM (PKCS#8), matching the server's `DASHBOARD_JWT_PUBLIC_KEY`. */
  privateKeyPem?: string;
  /** Role claim; default `"admin"`. */
  role?: string;
  /** `company` claim: with the role `entreprise`, a merchant's token scoped to that company. */
  company?: string;
  /** `name` claim: an operator's name, whose first word customers hear in the inbox's handoff. */
  name?: string;
  /** `sub` claim; default `"operator"`. */
  subject?: string;
  /** Lifetime in seconds; default 12 hours. */
  ttlSeconds?: number;
  /** Issue time in epoch ms; default now. */
  now?: number;
}

/**
 * Signs a dashboard token (demo, tests, an operator's CLI). Production tokens come from your identity provider.
 * @example
 * const token = await mintDashboardToken({ secret: process.env.DASHBOARD_JWT_SECRET });
 */
export async function mintDashboardToken(options: MintTokenOptions): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const ttl = options.ttlSeconds ?? 12 * 3600;
  if (!Number.isInteger(ttl)) throw new DashboardConfigError("ttlSeconds", "must be an integer");
  const claims = {
    role: options.role ?? ADMIN_ROLE,
    ...(options.company === undefined ? {} : { company: options.company }),
    ...(options.name === undefined ? {} : { name: options.name }),
  };
  const jwt = new SignJWT(claims)
    .setSubject(options.subject ?? "operator")
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl);
  if (options.privateKeyPem) {
    const key = await importPKCS8(options.privateKeyPem.replaceAll("\\n", "\n"), "RS256");
    return jwt.setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(key);
  }
  if (options.secret) {
    return jwt.setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(options.secret));
  }
  throw new DashboardConfigError("secret", "pass secret (HS256) or privateKeyPem (RS256)");
}
