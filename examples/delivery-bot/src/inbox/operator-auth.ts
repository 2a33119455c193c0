import { createPublicKey, type KeyObject } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { type JWTPayload, jwtVerify } from "jose";
import type { DashboardAuthEnv } from "../dashboard-api/auth.ts";
import { DashboardConfigError } from "../dashboard-api/errors.ts";

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
  | { ok: false; status: 401 | 403; error: string; message: string };

/**
 * Verifies the inbox's bearer tokens with the dashboard's key (`DASHBOARD_JWT_SECRET` HS256 or
 * `DASHBOARD_JWT_PUBLIC_KEY` RS256), accepting the `admin` and `operator` roles, with a `sub`.
 */
export function createOperatorAuth(env: DashboardAuthEnv): (headers: IncomingHttpHeaders) => Promise<OperatorAuth> {
  const pem = env.DASHBOARD_JWT_PUBLIC_KEY?.trim();
  const secret = env.DASHBOARD_JWT_SECRET;
  let key: KeyObject | Uint8Array;
  let algorithm: "HS256" | "RS256";
  if (pem) {
    algorithm = "RS256";
    key = createPublicKey(pem.replaceAll("\\n", "\n"));
  } else if (secret !== undefined && secret.length >= 32) {
    algorithm = "HS256";
    key = new TextEncoder().encode(secret);
  } else {
    throw new DashboardConfigError(
      "env.DASHBOARD_JWT_SECRET",
      "set DASHBOARD_JWT_SECRET (32+ characters) or DASHBOARD_JWT_PUBLIC_KEY",
    );
  }
  return async (headers) => {
    const token = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(headers.authorization ?? "")?.[1];
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
