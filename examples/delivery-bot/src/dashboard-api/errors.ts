const marker = Symbol.for("@toktok-example/delivery-bot/dashboard-error");

/** Machine-readable kind of a {@link DashboardError}. */
export type DashboardErrorCode = "DASHBOARD_CONFIG" | "DASHBOARD_TOKEN";

/**
 * Base class of the errors thrown by the dashboard API module (not the HTTP answers: those are JSON bodies).
 * Use `DashboardError.isInstance(e)` rather than `instanceof`.
 */
export class DashboardError extends Error {
  override name = "DashboardError";
  /** Machine-readable kind. */
  readonly code: DashboardErrorCode;

  constructor(code: DashboardErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any error of this module, across duplicate copies of it. */
  static isInstance(error: unknown): error is DashboardError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** `mountDashboard` or `mintDashboardToken` got options that break a rule; `field` names the option. */
export class DashboardConfigError extends DashboardError {
  override name = "DashboardConfigError";
  /** Path of the offending option, e.g. `"env.DASHBOARD_JWT_SECRET"`. */
  readonly field: string;

  constructor(field: string, rule: string, options: { cause?: unknown } = {}) {
    super("DASHBOARD_CONFIG", `invalid option "${field}": ${rule}`, options);
    this.field = field;
  }

  /** True for a {@link DashboardConfigError}, across duplicate copies of the module. */
  static override isInstance(error: unknown): error is DashboardConfigError {
    return DashboardError.isInstance(error) && error.code === "DASHBOARD_CONFIG";
  }
}
