import { createPublicKey, type KeyObject } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import { DashboardConfigError } from "./errors.ts";

/** Where the dashboard API takes its JWT verification key from (environment variable names). */
export interface DashboardAuthEnv {
  /** Shared secret for HS256 tokens (at least 32 characters). */
  DASHBOARD_JWT_SECRET?: string | undefined;
  /** PEM (SPKI) public key for RS256 tokens; `\n` escapes are accepted for one-line env files. */
  DASHBOARD_JWT_PUBLIC_KEY?: string | undefined;
}

/** The role a token must carry (in `role` or `roles`) to read all the analytics. */
export const ADMIN_ROLE = "admin";
/**
 * A merchant's role (`entreprise`, as the auth flow names it): with a `company` claim, the token reads
 * that company's figures only.
 */
export const MERCHANT_ROLE = "entreprise";

/** Outcome of checking a request's bearer token. */
export type AuthResult =
  | {
      ok: true;
      subject: string | undefined;
      /** Set for a merchant's token: every answer is scoped to this company. Absent for an admin. */
      company?: string;
    }
  | {
      ok: false;
      status: 401 | 403;
      error: "unauthorized" | "invalid_token" | "token_expired" | "forbidden";
      message: string;
    };

/** Checks `Authorization: Bearer …` headers against the configured key. */
export interface TokenVerifier {
  readonly algorithm: "HS256" | "RS256";
  check(headers: IncomingHttpHeaders): Promise<AuthResult>;
}

const MIN_SECRET_LENGTH = 32;
/** The form of a company id (as `?company=` accepts it); a claim of another form grants nothing. */
const COMPANY = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Builds the verifier from the environment: RS256 when a public key is set, else HS256 with the secret.
 * Throws {@link DashboardConfigError} when neither is set — a dashboard without a key would be open to anyone.
 */
export function createTokenVerifier(env: DashboardAuthEnv): TokenVerifier {
  const { key, algorithm } = verificationKey(env);
  return {
    algorithm,
    async check(headers) {
      const token = bearer(headers.authorization);
      if (token === undefined) {
        return { ok: false, status: 401, error: "unauthorized", message: "missing bearer token" };
      }
      let payload: JWTPayload;
      try {
        // Only the configured algorithm: a token signed "none" or with the other family is refused.
        ({ payload } = await jwtVerify(token, key, { algorithms: [algorithm], requiredClaims: ["exp"] }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) {
          return { ok: false, status: 401, error: "token_expired", message: "token expired" };
        }
        // Never echo the token or the library's detail (it may quote claims).
        return { ok: false, status: 401, error: "invalid_token", message: "invalid token" };
      }
      if (hasRole(payload, ADMIN_ROLE)) return { ok: true, subject: payload.sub };
      const company = payload.company;
      if (hasRole(payload, MERCHANT_ROLE) && typeof company === "string" && COMPANY.test(company)) {
        return { ok: true, subject: payload.sub, company };
      }
      return { ok: false, status: 403, error: "forbidden", message: `the "${ADMIN_ROLE}" role is required` };
    },
  };
}

/**
 * The dashboard's token key from the environment (one owner for both the analytics API and the
 * operator inbox): RS256 when a public key is set, else HS256 with the secret of 32+ characters.
 * Throws {@link DashboardConfigError} when neither is set or a value is unusable.
 */
export function verificationKey(env: DashboardAuthEnv): { key: KeyObject | Uint8Array; algorithm: "HS256" | "RS256" } {
  const pem = env.DASHBOARD_JWT_PUBLIC_KEY?.trim();
  const secret = env.DASHBOARD_JWT_SECRET;
  let key: KeyObject | Uint8Array;
  let algorithm: "HS256" | "RS256";
  if (pem) {
    algorithm = "RS256";
    // Parsed synchronously (node:crypto) so a bad key fails at mount time, not on the first request.
    let parsed: KeyObject | undefined;
    try {
      parsed = createPublicKey(pem.replaceAll("\\n", "\n"));
    } catch {
      parsed = undefined;
    }
    if (parsed?.asymmetricKeyType !== "rsa") {
      throw new DashboardConfigError("env.DASHBOARD_JWT_PUBLIC_KEY", "must be an RSA public key in PEM form");
    }
    key = parsed;
  } else if (secret !== undefined && secret !== "") {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new DashboardConfigError("env.DASHBOARD_JWT_SECRET", `must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    algorithm = "HS256";
    key = new TextEncoder().encode(secret);
  } else {
    throw new DashboardConfigError(
      "env.DASHBOARD_JWT_SECRET",
      "set DASHBOARD_JWT_SECRET (HS256) or DASHBOARD_JWT_PUBLIC_KEY (RS256)",
    );
  }
  return { key, algorithm };
}

/** The token of an `Authorization: Bearer …` header, or `undefined` when there is none or it is malformed. */
export function bearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

function hasRole(payload: JWTPayload, role: string): boolean {
  if (payload.role === role) return true;
  const roles = payload.roles;
  return Array.isArray(roles) && roles.includes(role);
}
