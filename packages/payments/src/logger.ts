/** A structured logger; pass your app's (pino, console wrapper…). The package never writes to the console itself. */
export interface PaymentsLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** The default logger: drops everything. */
export const silentLogger: PaymentsLogger = { debug: noop, info: noop, warn: noop, error: noop };
