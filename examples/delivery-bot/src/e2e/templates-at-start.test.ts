import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { loadConfig } from "../config/env.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";

const TOKEN = "EAAG-seed";
const PHONE = "555000333";
const WABA = "102290129340398";

// A template Meta paused while the bot was down (its webhook went nowhere) is known from the start:
// with WHATSAPP_BUSINESS_ACCOUNT_ID the bot reads the account's templates (listTemplates) as it starts.
describe("delivery bot: templates read from Meta at start", () => {
  let graph: GraphStandIn;
  let bot: Bot | undefined;
  beforeEach(async () => {
    graph = await startGraphStandIn({ accessToken: TOKEN, phoneNumberId: PHONE, businessAccountId: WABA });
    graph.management.templates.push(
      { id: "1", name: "mission_reminder", language: "fr", status: "PAUSED", category: "UTILITY" },
      { id: "2", name: "order_update", language: "fr", status: "APPROVED", category: "UTILITY", quality: "RED" },
      { id: "3", name: "delivery_delayed", language: "fr", status: "APPROVED", category: "UTILITY", quality: "GREEN" },
    );
  });
  afterEach(async () => {
    await bot?.close();
    await graph.close();
  });

  const start = async (env: Record<string, string>) => {
    const config = loadConfig({
      PORT: "0",
      WHATSAPP_TOKEN: TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE,
      WHATSAPP_APP_SECRET: "0123456789abcdef",
      WHATSAPP_VERIFY_TOKEN: "seed",
      WHATSAPP_API_BASE_URL: graph.url,
      LOG_LEVEL: "silent",
      ...env,
    });
    bot = await createBot({ config, env: { DISPATCH: "off" } });
    return bot;
  };

  it("skips a paused or RED template from the start, keeps the others", async () => {
    const { account } = await start({ WHATSAPP_BUSINESS_ACCOUNT_ID: WABA });
    await vi.waitFor(() => expect(account.templates.get("delivery_delayed", "fr")?.status).toBe("APPROVED"), {
      timeout: 5_000,
    });
    expect(account.templates.isUsable("mission_reminder", "fr")).toBe(false);
    expect(account.templates.isUsable("order_update", "fr")).toBe(false);
    expect(account.templates.isUsable("delivery_delayed", "fr")).toBe(true);
  });

  it("without the business account id, knows nothing until a webhook says so", async () => {
    const { account } = await start({});
    await bot?.drain();
    expect(account.templates.list()).toEqual([]);
    expect(account.templates.isUsable("mission_reminder", "fr")).toBe(true);
  });
});
