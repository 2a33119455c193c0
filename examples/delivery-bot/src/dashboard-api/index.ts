/**
 * The operator dashboard of the delivery bot: a JWT-secured analytics API (`/api/analytics/*`,
 * described by `openapi.yaml`) and the Vite-built page (`/dashboard`). The app's server mounts it with
 * {@link mountDashboard}; the demo seeds it with {@link seedDemoConversations}.
 * @packageDocumentation
 */

export type { AuthResult, DashboardAuthEnv, TokenVerifier } from "./auth.ts";
export { ADMIN_ROLE, createTokenVerifier, MERCHANT_ROLE } from "./auth.ts";
export type { DemoClock } from "./demo/demo-clock.ts";
export { createDemoClock } from "./demo/demo-clock.ts";
export type { DashboardLink } from "./demo/link.ts";
export { dashboardLink, formatDashboardLink, withDemoDashboardSecret } from "./demo/link.ts";
export type { Outcome } from "./demo/personas.ts";
export type { SeedDemoOptions, SeedReport, SeedTarget } from "./demo/seed.ts";
export { seedDemoConversations } from "./demo/seed.ts";
export type { DashboardErrorCode } from "./errors.ts";
export { DashboardConfigError, DashboardError } from "./errors.ts";
export { BUILT_IN_FUNNEL_STEPS } from "./funnel-steps.ts";
export type { DashboardKpis, KpiExtras } from "./kpis.ts";
export { kpisOf, MISSION_CONVERSIONS, missionSuccessRate, ORDER_CONVERSIONS, SIGNUP_CONVERSION } from "./kpis.ts";
export type { DashboardDeps, DashboardHandler, DashboardLogger } from "./mount.ts";
export { DEFAULT_DASHBOARD_DIR, mountDashboard } from "./mount.ts";
export type { Period } from "./params.ts";
export { PERIODS } from "./params.ts";
export type {
  PromotionOutcome,
  PromotionQueued,
  PromotionRequest,
  PromotionSender,
  PromotionSkipReason,
} from "./promotion-port.ts";
export { PROMOTION_SKIP_REASONS } from "./promotion-port.ts";
export type { Answer, ReportSender } from "./route.ts";
export type { MintTokenOptions } from "./token.ts";
export { mintDashboardToken } from "./token.ts";
