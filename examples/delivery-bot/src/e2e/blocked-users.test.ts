import { createLogger } from "@toktok-example/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Bot, createBot } from "../bot/create-bot.ts";
import { loadConfig } from "../config/env.ts";
import { type GraphStandIn, startGraphStandIn } from "../simulator/graph-stand-in.ts";

// The number's block list lives on WhatsApp: the bot reads it (every page) at start and blocks or
// unblocks through the API, here the Graph stand-in's `block_users` edge.
describe("delivery bot: blocked users from the WhatsApp API", () => {
  const token = "EAAG-blocked-users-test";
  const phoneNumberId = "106540352242922";
  // More than one page (the bot reads 100 a page): the last ones are only on the second.
  const listed = Array.from({ length: 120 }, (_, i) => `24206200${String(i).padStart(4, "0")}`);
  let graph: GraphStandIn;
  let bot: Bot;
  beforeAll(async () => {
    graph = await startGraphStandIn({ accessToken: token, phoneNumberId });
    for (const id of listed) graph.blockedUsers.add(id);
    const env = {
      WHATSAPP_TOKEN: token,
      WHATSAPP_PHONE_NUMBER_ID: phoneNumberId,
      WHATSAPP_APP_SECRET: "0123456789abcdef0123456789abcdef",
      WHATSAPP_VERIFY_TOKEN: "verify-blocked",
      WHATSAPP_API_BASE_URL: graph.url,
      LOG_LEVEL: "silent",
    };
    const config = loadConfig(env);
    bot = await createBot({ config, logger: createLogger(config.LOG_LEVEL), env });
  });
  afterAll(async () => {
    await bot?.close();
    await graph?.close();
  });

  it("ignores every user of the API's block list, read page by page at start", async () => {
    await vi.waitFor(() => expect(bot.account.isBlocked(listed.at(-1) as string)).toBe(true));
    expect(listed.every((id) => bot.account.isBlocked(id))).toBe(true);
    expect(bot.account.isBlocked("242069999999")).toBe(false);
  });

  it("blocks and unblocks through the API, and answers or ignores the user accordingly", async () => {
    await bot.account.block(["+242 06 300 0001"]);
    expect(graph.blockedUsers.has("242063000001")).toBe(true);
    expect(bot.account.isBlocked("242063000001")).toBe(true);
    await bot.account.unblock(["242063000001", listed[0] as string]);
    expect(graph.blockedUsers.has("242063000001")).toBe(false);
    expect(graph.blockedUsers.has(listed[0] as string)).toBe(false);
    expect(bot.account.isBlocked("242063000001")).toBe(false);
    expect(bot.account.isBlocked(listed[0] as string)).toBe(false);
  });
});
