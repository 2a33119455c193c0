import { describe, expect, it } from "vitest";
import { loadRelayConfig, RelayConfigError } from "./config.ts";

const valid = {
  RELAY_SECRET: "a-long-enough-relay-secret",
  WHATSAPP_TOKEN: "EAAG-relay-config",
  WHATSAPP_PHONE_NUMBER_ID: "1234567890",
};

const variablesOf = (env: Record<string, string | undefined>): string[] => {
  try {
    loadRelayConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(RelayConfigError);
    expect(String(error)).not.toContain("EAAG-relay-config");
    return (error as RelayConfigError).variables;
  }
  return [];
};

describe("loadRelayConfig", () => {
  it("defaults: port 3100, Graph API host, 24 h idempotency, 15 s lease, 5 min signature tolerance, memory store", () => {
    const config = loadRelayConfig(valid);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config).toMatchObject({
      PORT: 3100,
      WHATSAPP_API_BASE_URL: "https://graph.facebook.com",
      IDEMPOTENCY_TTL_MS: 86_400_000,
      RELAY_LEASE_MS: 15_000,
      SIGNATURE_TOLERANCE_S: 300,
      NOTIFY_LOCALE: "fr",
    });
  });

  it("reads REDIS_CLUSTER_NODES as host:port pairs", () => {
    expect(
      loadRelayConfig({ ...valid, REDIS_CLUSTER_NODES: " redis-a:7000, 10.0.0.2:7001,[::1]:7002 " }),
    ).toMatchObject({
      REDIS_CLUSTER_NODES: [
        { host: "redis-a", port: 7000 },
        { host: "10.0.0.2", port: 7001 },
        { host: "::1", port: 7002 },
      ],
    });
  });

  it("names each invalid variable", () => {
    expect(variablesOf({ ...valid, RELAY_SECRET: "short" })).toEqual(["RELAY_SECRET"]);
    expect(variablesOf({ ...valid, RELAY_SECRET: undefined })).toEqual(["RELAY_SECRET"]);
    expect(variablesOf({ ...valid, WHATSAPP_PHONE_NUMBER_ID: "EAAG-relay-config" })).toEqual([
      "WHATSAPP_PHONE_NUMBER_ID",
    ]);
    expect(variablesOf({ ...valid, REDIS_URL: "http://x" })).toEqual(["REDIS_URL"]);
    expect(variablesOf({ ...valid, REDIS_CLUSTER_NODES: "10.0.0.1:7000,10.0.0.2" })).toEqual(["REDIS_CLUSTER_NODES"]);
    expect(variablesOf({ ...valid, REDIS_CLUSTER_NODES: "10.0.0.1:70000" })).toEqual(["REDIS_CLUSTER_NODES"]);
    expect(variablesOf({ ...valid, IDEMPOTENCY_TTL_MS: "10" })).toEqual(["IDEMPOTENCY_TTL_MS"]);
    expect(variablesOf({ ...valid, NOTIFY_LOCALE: "de" })).toEqual(["NOTIFY_LOCALE"]);
    expect(loadRelayConfig({ ...valid, NOTIFY_LOCALE: "ln" }).NOTIFY_LOCALE).toBe("ln");
    expect(variablesOf({ ...valid, RELAY_LEASE_MS: "50" })).toEqual(["RELAY_LEASE_MS"]);
    expect(variablesOf({ ...valid, RELAY_LEASE_MS: "3600000" })).toEqual(["RELAY_LEASE_MS"]);
  });
});
