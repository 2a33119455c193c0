// jscpd:ignore-start — every package declares this same shape (leaves share no package to import it from);
// scripts/cross-package/logger.test-d.ts keeps them assignable to one another.
/** A structured logger; pass your app's (pino, console wrapper…). The package never writes to the console itself. */
export interface CacheLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** The default logger: drops everything. */
export const silentLogger: CacheLogger = { debug: noop, info: noop, warn: noop, error: noop };
// jscpd:ignore-end
