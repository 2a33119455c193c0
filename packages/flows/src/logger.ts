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
