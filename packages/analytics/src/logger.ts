// jscpd:ignore-start — every package declares this same shape (leaves share no package to import it from);
// scripts/cross-package/logger.test-d.ts keeps them assignable to one another.
/** Where the package reports problems it cannot throw (e.g. a failed background flush). */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** A logger that discards everything (the default). */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
// jscpd:ignore-end
