// jscpd:ignore-start — every package declares this same shape (leaves share no package to import it from);
// scripts/cross-package/logger.test-d.ts keeps them assignable to one another.
/** A structured logger; `console` fits, and so do pino and winston. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}
// jscpd:ignore-end
