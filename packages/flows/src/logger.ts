// jscpd:ignore-start — every package declares this same shape (leaves share no package to import it from);
// scripts/cross-package/logger.test-d.ts keeps them assignable to one another.
/** A logger in the shape of console/pino; the library never writes to the console itself. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

const noop = (): void => {};

/** Discards everything: the default logger. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
// jscpd:ignore-end
