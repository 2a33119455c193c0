/** The logger shape every @toktok package accepts. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The log levels, quietest last; `LOG_LEVEL` takes one of these. */
export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;

/** A log level, or `silent`. */
export type LogLevel = (typeof logLevels)[number];

/** One JSON line per entry on stderr (or `write`), from `level` up; `silent` logs nothing. */
export function createLogger(
  level: LogLevel = "info",
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const min = logLevels.indexOf(level);
  const at =
    (name: Exclude<LogLevel, "silent">) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (logLevels.indexOf(name) < min) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: name, message, ...fields })}\n`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
