import { describe, expect, it } from "vitest";
import { ConfigError, GRAPH_API_BASE_URL, loadConfig } from "./env.ts";

const valid = {
  WHATSAPP_TOKEN: "EAAG-secret-token",
  WHATSAPP_PHONE_NUMBER_ID: "1234567890",
  WHATSAPP_APP_SECRET: "app-secret",
  WHATSAPP_VERIFY_TOKEN: "verify-me",
};

describe("loadConfig", () => {
  it("applies the defaults: Graph API host, port 3000, no optional services", () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ PORT: 3000, WHATSAPP_API_BASE_URL: GRAPH_API_BASE_URL });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.OPENAI_API_KEY).toBeUndefined();
  });

  it("reads REDIS_CLUSTER_NODES as host:port pairs, beside REDIS_URL", () => {
    const config = loadConfig({
      ...valid,
      REDIS_URL: "redis://:pw@ignored:6379",
      REDIS_CLUSTER_NODES: "redis-a:7000, 10.0.0.2:7001",
    });
    expect(config.REDIS_CLUSTER_NODES).toEqual([
      { host: "redis-a", port: 7000 },
      { host: "10.0.0.2", port: 7001 },
    ]);
    expect(loadConfig({ ...valid, REDIS_CLUSTER_NODES: " " }).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it("reads the time limits of the delivery path, refusing values that would break it", () => {
    const config = loadConfig({ ...valid, WHATSAPP_TIMEOUT_MS: "5000", DELIVERY_TAKEOVER_MS: "3000" });
    expect(config).toMatchObject({ WHATSAPP_TIMEOUT_MS: 5000, DELIVERY_TAKEOVER_MS: 3000 });
    const refused = (() => {
      try {
        loadConfig({ ...valid, WHATSAPP_TIMEOUT_MS: "-1", DELIVERY_TAKEOVER_MS: "10" });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).variables).toEqual(["WHATSAPP_TIMEOUT_MS", "DELIVERY_TAKEOVER_MS"]);
  });

  it("reads the voice-note settings, refusing a size that is not a positive number of bytes", () => {
    const config = loadConfig({ ...valid, OPENAI_TRANSCRIBE_MODEL: " whisper-large-v3 ", VOICE_MAX_BYTES: "1048576" });
    expect(config).toMatchObject({ OPENAI_TRANSCRIBE_MODEL: "whisper-large-v3", VOICE_MAX_BYTES: 1_048_576 });
    expect(() => loadConfig({ ...valid, VOICE_MAX_BYTES: "0" })).toThrow(
      /VOICE_MAX_BYTES: must be a positive number of bytes/,
    );
  });

  it("treats empty optional variables as unset", () => {
    expect(loadConfig({ ...valid, REDIS_URL: "", DATABASE_URL: " " }).REDIS_URL).toBeUndefined();
  });

  it.each([
    [{ WHATSAPP_TOKEN: undefined }, "WHATSAPP_TOKEN"],
    [{ WHATSAPP_APP_SECRET: "" }, "WHATSAPP_APP_SECRET"],
    [{ WHATSAPP_PHONE_NUMBER_ID: "abc" }, "WHATSAPP_PHONE_NUMBER_ID"],
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ WHATSAPP_API_BASE_URL: "not a url" }, "WHATSAPP_API_BASE_URL"],
    [{ REDIS_URL: "http://localhost" }, "REDIS_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDIS_CLUSTER_NODES: "redis://10.0.0.1:7000" }, "REDIS_CLUSTER_NODES"],
    [{ REDIS_CLUSTER_NODES: "10.0.0.1:7000,10.0.0.2" }, "REDIS_CLUSTER_NODES"],
    [{ REDIS_CLUSTER_NODES: "10.0.0.1:0" }, "REDIS_CLUSTER_NODES"],
  ])("stops on %o naming %s", (override, variable) => {
    const env = { ...valid, ...override };
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual([variable]);
    expect((error as ConfigError).message).toContain(variable);
  });

  it("never puts a secret value in the message", () => {
    try {
      loadConfig({ ...valid, WHATSAPP_PHONE_NUMBER_ID: "EAAG-secret-token" });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain("EAAG-secret-token");
    }
  });
});
