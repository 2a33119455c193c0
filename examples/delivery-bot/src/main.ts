// `pnpm start`: the bot as a service. Configuration comes from the environment (see README).

import { createLogger } from "@toktok-example/shared";
import { createBot } from "./bot/create-bot.ts";
import { mobileMoneyFromConfig } from "./bot/mobile-money.ts";
import { ConfigError, loadConfig } from "./config/env.ts";

try {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  // MTN MoMo / Airtel Money when their credentials are configured (MTN_MOMO_*, AIRTEL_MONEY_*).
  const mobileMoney = mobileMoneyFromConfig(config);
  const bot = await createBot({ config, logger, ...(mobileMoney ? { mobileMoney } : {}) });
  const server = await bot.listen();
  logger.info("delivery bot listening", { url: server.url, ...bot.services });
  const stop = async (signal: string) => {
    logger.info("shutting down", { signal });
    await bot.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Cannot start: ${(error as Error).message}`);
  process.exit(1);
}
