/**
 * The operator dashboard of the delivery bot: a JWT-secured analytics API (`/api/analytics/*`,
 * described by `openapi.yaml`) and the Vite-built page (`/dashboard`). The app's server mounts it with
 * {@link mountDashboard}; the demo seeds it with {@link seedDemoConversations}.
 * @packageDocumentation
 */

export type { AuthResult, DashboardAuthEnv, TokenVerifier } from "./auth.ts";
export { ADMIN_ROLE, createTokenVerifier } from "./auth.ts";
export type { DashboardErrorCode } from "./errors.ts";
export { DashboardConfigError, DashboardError } from "./errors.ts";
export type { DashboardKpis } from "./kpis.ts";
export { kpisOf, MISSION_CONVERSION, ORDER_CONVERSION } from "./kpis.ts";
export type { DashboardDeps, DashboardHandler, DashboardLogger } from "./mount.ts";
export { DEFAULT_DASHBOARD_DIR, mountDashboard } from "./mount.ts";
export type { Period } from "./params.ts";
export { PERIODS } from "./params.ts";
export type { Answer } from "./routes.ts";
export type { MintTokenOptions } from "./token.ts";
export { mintDashboardToken } from "./token.ts";
