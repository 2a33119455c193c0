import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.ts";

const base = {
  WHATSAPP_TOKEN: "token",
  WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
  WHATSAPP_APP_SECRET: "app-secret",
  WHATSAPP_VERIFY_TOKEN: "verify",
};
const PEM = "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----";

/** The ConfigError message of `env`, or a failure when it loads. */
function refused(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("WhatsApp Flow forms configuration", () => {
  it("reads the merchant form's id and the courier form's mode (navigate by default)", () => {
    expect(loadConfig(base)).toMatchObject({ WHATSAPP_FLOW_COURIER_MODE: "navigate" });
    expect(loadConfig(base).WHATSAPP_FLOW_MERCHANT_ID).toBeUndefined();
    const config = loadConfig({
      ...base,
      WHATSAPP_FLOW_MERCHANT_ID: " 7003 ",
      WHATSAPP_FLOW_COURIER_ID: "7002",
      WHATSAPP_FLOW_COURIER_MODE: "data_exchange",
      WHATSAPP_FLOW_PRIVATE_KEY: PEM,
    });
    expect(config).toMatchObject({ WHATSAPP_FLOW_MERCHANT_ID: "7003", WHATSAPP_FLOW_COURIER_MODE: "data_exchange" });
  });

  it("names a merchant form id that is not a Flow id, and an unknown mode", () => {
    expect(refused({ WHATSAPP_FLOW_MERCHANT_ID: "boutique" })).toContain(
      "WHATSAPP_FLOW_MERCHANT_ID: must be the numeric id of a published Flow",
    );
    expect(refused({ WHATSAPP_FLOW_COURIER_MODE: "endpoint" })).toContain("WHATSAPP_FLOW_COURIER_MODE");
  });

  it("a data_exchange courier form needs its Flow and the endpoint's key", () => {
    const message = refused({ WHATSAPP_FLOW_COURIER_MODE: "data_exchange" });
    expect(message).toContain("WHATSAPP_FLOW_COURIER_ID: is required with WHATSAPP_FLOW_COURIER_MODE=data_exchange");
    expect(message).toContain("WHATSAPP_FLOW_PRIVATE_KEY: is required with WHATSAPP_FLOW_COURIER_MODE=data_exchange");
  });
});
