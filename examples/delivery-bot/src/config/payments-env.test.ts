import { describe, expect, it } from "vitest";
import { mobileMoneyFromConfig } from "../bot/mobile-money.ts";
import { ConfigError, loadConfig } from "./env.ts";

const base = {
  WHATSAPP_TOKEN: "token",
  WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
  WHATSAPP_APP_SECRET: "app-secret",
  WHATSAPP_VERIFY_TOKEN: "verify",
};

describe("Mobile Money configuration", () => {
  it("is off without credentials", () => {
    expect(mobileMoneyFromConfig(loadConfig(base))).toBeUndefined();
  });

  it("turns each provider on with its whole set of credentials", () => {
    const config = loadConfig({
      ...base,
      MTN_MOMO_SUBSCRIPTION_KEY: "key",
      MTN_MOMO_API_USER: "3f1c0a54-5c2b-4a8e-9d33-2b8f6a1e7c10",
      MTN_MOMO_API_KEY: "api-key",
      AIRTEL_MONEY_CLIENT_ID: "client",
      AIRTEL_MONEY_CLIENT_SECRET: "secret",
      PAYMENTS_PUBLIC_URL: "https://bot.example.cg",
    });
    expect(config.MTN_MOMO_TARGET_ENVIRONMENT).toBe("mtncongo");
    const mobileMoney = mobileMoneyFromConfig(config);
    expect(mobileMoney?.providers.mtn?.currency).toBe("XAF");
    expect(mobileMoney?.providers.airtel?.currency).toBe("XAF");
  });

  it("with AIRTEL_MONEY_CALLBACK_SECRET, an Airtel callback without the matching hash is not even read", () => {
    const airtel = { ...base, AIRTEL_MONEY_CLIENT_ID: "client", AIRTEL_MONEY_CLIENT_SECRET: "secret" };
    const callback = { transaction: { id: "p-1", message: "Paid", status_code: "TS", airtel_money_id: "MP1" } };
    const signed = mobileMoneyFromConfig(loadConfig({ ...airtel, AIRTEL_MONEY_CALLBACK_SECRET: "callback-key" }));
    expect(signed?.providers.airtel?.parseCallback(callback)).toBeUndefined();
    expect(signed?.providers.airtel?.parseCallback({ ...callback, hash: "forged" })).toBeUndefined();
    expect(mobileMoneyFromConfig(loadConfig(airtel))?.providers.airtel?.parseCallback(callback)).toBe("p-1");
  });

  it("a partial set stops the bot naming what is missing, never a value", () => {
    let error: unknown;
    try {
      loadConfig({ ...base, MTN_MOMO_SUBSCRIPTION_KEY: "s3cret-key", AIRTEL_MONEY_CLIENT_SECRET: "s3cret" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("MTN_MOMO_API_USER: is required with MTN_MOMO_SUBSCRIPTION_KEY");
    expect(message).toContain("MTN_MOMO_API_KEY");
    expect(message).toContain("AIRTEL_MONEY_CLIENT_ID: is required with AIRTEL_MONEY_CLIENT_SECRET");
    expect(message).not.toContain("s3cret");
  });
});
