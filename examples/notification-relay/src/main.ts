// `pnpm start`: the notification relay. Configuration from the environment (see README).

import { createLogger } from "@toktok-example/shared";
import { loadRelayConfig, RelayConfigError } from "./config.ts";
import { startRelay } from "./server.ts";

try {
  const config = loadRelayConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const relay = await startRelay(config, { logger });
  logger.info("notification relay listening", {
    url: relay.url,
    idempotency: relay.idempotency,
    leaseMs: config.RELAY_LEASE_MS,
  });
  const stop = async () => {
    await relay.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  console.error(error instanceof RelayConfigError ? error.message : `Cannot start: ${(error as Error).message}`);
  process.exit(1);
}
