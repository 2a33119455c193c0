import type { IncomingHttpHeaders } from "node:http";
import { type JWTPayload, jwtVerify } from "jose";
import { bearer, type DashboardAuthEnv, verificationKey } from "../dashboard-api/auth.ts";
import type { ApiErrorCode } from "../dashboard-api/error-codes.ts";

/** The roles the inbox accepts: an admin (reassigns) or an operator. */
export const INBOX_ROLES = ["admin", "operator"] as const;

/** A signed-in operator, from the token's claims. */
export interface Operator {
  /** The token's `sub`. */
  id: string;
  /** What the customer is told ("Awa answers you"): `given_name`, else the first word of `name`, else the id. */
  firstName: string;
  role: (typeof INBOX_ROLES)[number];
}

/** What checking a request's token gave. */
export type OperatorAuth =
  | { ok: true; operator: Operator }
  | {
      ok: false;
      status: 401 | 403;
      error: Extract<ApiErrorCode, "unauthorized" | "invalid_token" | "forbidden">;
      message: string;
    };

/**
 * Verifies the inbox's bearer tokens with the dashboard's key (`DASHBOARD_JWT_SECRET` HS256 or
 * `DASHBOARD_JWT_PUBLIC_KEY` RS256), accepting the `admin` and `operator` roles, with a `sub`.
 */
export function createOperatorAuth(env: DashboardAuthEnv): (headers: IncomingHttpHeaders) => Promise<OperatorAuth> {
  const { key, algorithm } = verificationKey(env);
  return async (headers) => {
    const token = bearer(headers.authorization);
    if (token === undefined) return { ok: false, status: 401, error: "unauthorized", message: "missing bearer token" };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: [algorithm], requiredClaims: ["exp", "sub"] }));
    } catch {
      // Never echo the token or the library's detail.
      return { ok: false, status: 401, error: "invalid_token", message: "invalid token" };
    }
    const claimed = [payload.role, ...(Array.isArray(payload.roles) ? payload.roles : [])];
    const role = INBOX_ROLES.find((r) => claimed.includes(r));
    if (role === undefined || typeof payload.sub !== "string" || payload.sub === "") {
      return { ok: false, status: 403, error: "forbidden", message: 'the "operator" or "admin" role is required' };
    }
    return { ok: true, operator: { id: payload.sub, firstName: firstNameOf(payload), role } };
  };
}

function firstNameOf(payload: JWTPayload): string {
  const given = payload.given_name;
  if (typeof given === "string" && given.trim() !== "") return given.trim().slice(0, 40);
  const name = payload.name;
  if (typeof name === "string" && name.trim() !== "")
    return name.trim().split(/\s+/)[0]?.slice(0, 40) ?? String(payload.sub);
  return String(payload.sub);
}
