import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { logger, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), lines };
}

describe("createLogger", () => {
  it("writes one JSON line per entry with time, level, message and fields", () => {
    const { logger, entries, lines } = capture("debug");
    logger.info("bot started", { port: 3000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith("\n")).toBe(true);
    const [entry] = entries();
    expect(entry).toMatchObject({ level: "info", message: "bot started", port: 3000 });
    expect(Number.isNaN(Date.parse(String(entry?.time)))).toBe(false);
  });

  it("drops entries below its level", () => {
    const { logger, entries } = capture("warn");
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(entries().map((e) => e.level)).toEqual(["warn", "error"]);
  });

  it("writes nothing when silent", () => {
    const { logger, lines } = capture("silent");
    logger.error("e");
    expect(lines).toEqual([]);
  });
});
