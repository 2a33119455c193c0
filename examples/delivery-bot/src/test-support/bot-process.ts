// The bot started as it is deployed (`node src/main.ts` in a process of its own), for the bench and the
// multi-process tests: one place knows how to spawn it and when it is ready.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../main.ts", import.meta.url));

/** A running bot process. */
export interface BotProcess {
  /** Where it listens, as its "delivery bot listening" log line says. */
  url: string;
  child: ChildProcess;
  /** Everything it has written to stderr (its JSON-lines log) so far. */
  log(): string;
  /** When it said it listens (epoch ms). */
  startedAt: number;
}

/**
 * Spawns the bot with exactly `env` (plus `PATH`) and resolves once it logs that it listens; rejects
 * with its log if it exits first (a bad configuration, a service it cannot reach).
 */
export function spawnBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const line = log.split("\n").find((l) => l.includes("delivery bot listening"));
      if (line) {
        const { url } = JSON.parse(line) as { url: string };
        resolve({ url, child, log: () => log, startedAt: Date.now() });
      }
    });
    child.once("exit", (code) => reject(new Error(`bot exited with ${code}:\n${log}`)));
  });
}
