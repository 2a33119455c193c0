import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "./config-error.ts";
import { clusterNodes, commaList, integer, logLevel, optional, parseEnv, port, required, url } from "./env.ts";
import { listenVariables, redisVariables } from "./server-env.ts";

const schema = z.object({
  TOKEN: required("TOKEN"),
  PORT: port("PORT", 3000),
  API_URL: url("API_URL", ["http:", "https:"]).default("https://graph.facebook.com"),
  REDIS_URL: optional(url("REDIS_URL", ["redis:", "rediss:"])),
  REDIS_CLUSTER_NODES: optional(clusterNodes("REDIS_CLUSTER_NODES")),
  LOG_LEVEL: logLevel(),
});

/** The variables `parseEnv` names for `env`, checking the error and that no value leaks into it. */
function variablesOf(env: Record<string, string | undefined>): string[] {
  try {
    parseEnv(schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    for (const value of Object.values(env)) if (value && value.length > 3) expect(String(error)).not.toContain(value);
    return (error as ConfigError).variables;
  }
  return [];
}

describe("parseEnv", () => {
  it("applies the defaults", () => {
    expect(parseEnv(schema, { TOKEN: "t0ken" })).toEqual({
      TOKEN: "t0ken",
      PORT: 3000,
      API_URL: "https://graph.facebook.com",
      LOG_LEVEL: "info",
    });
  });

  it("trims every value: a stray space or newline from a .env file is not part of it", () => {
    expect(
      parseEnv(schema, {
        TOKEN: "  t0ken\n",
        PORT: " 8080 ",
        API_URL: " http://127.0.0.1:9000/graph ",
        REDIS_URL: "redis://127.0.0.1:6379\n",
      }),
    ).toMatchObject({
      TOKEN: "t0ken",
      PORT: 8080,
      API_URL: "http://127.0.0.1:9000/graph",
      REDIS_URL: "redis://127.0.0.1:6379",
    });
  });

  it("reads blank optional variables as unset", () => {
    const config = parseEnv(schema, { TOKEN: "t0ken", REDIS_URL: "   ", REDIS_CLUSTER_NODES: "" });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it("reads cluster nodes as host:port pairs, IPv6 hosts in brackets", () => {
    expect(
      parseEnv(schema, { TOKEN: "t0ken", REDIS_CLUSTER_NODES: " redis-a:7000, 10.0.0.2:7001,[::1]:7002 " })
        .REDIS_CLUSTER_NODES,
    ).toEqual([
      { host: "redis-a", port: 7000 },
      { host: "10.0.0.2", port: 7001 },
      { host: "::1", port: 7002 },
    ]);
  });

  it.each([
    [{ TOKEN: undefined }, "TOKEN"],
    [{ TOKEN: "   " }, "TOKEN"],
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "80.5" }, "PORT"],
    [{ API_URL: "not a url" }, "API_URL"],
    [{ API_URL: "ftp://files.example" }, "API_URL"],
    [{ REDIS_URL: "http://localhost:6379" }, "REDIS_URL"],
    [{ REDIS_CLUSTER_NODES: "redis://10.0.0.1:7000" }, "REDIS_CLUSTER_NODES"],
    [{ REDIS_CLUSTER_NODES: "10.0.0.1:7000,10.0.0.2" }, "REDIS_CLUSTER_NODES"],
    [{ REDIS_CLUSTER_NODES: "10.0.0.1:0" }, "REDIS_CLUSTER_NODES"],
    [{ REDIS_CLUSTER_NODES: "10.0.0.1:70000" }, "REDIS_CLUSTER_NODES"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL"],
  ])("stops on %o, naming %s and never its value", (override, variable) => {
    expect(variablesOf({ TOKEN: "t0ken", ...override })).toEqual([variable]);
  });

  it("names every bad variable at once, each with its rule", () => {
    let error: ConfigError | undefined;
    try {
      parseEnv(schema, { PORT: "-1", REDIS_URL: "mysql://x" });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.variables).toEqual(["TOKEN", "PORT", "REDIS_URL"]);
    expect(error?.issues).toEqual([
      { variable: "TOKEN", message: "is required" },
      { variable: "PORT", message: "must be between 0 and 65535" },
      { variable: "REDIS_URL", message: "must be a redis: or rediss: URL" },
    ]);
    expect(error?.message).toBe(
      "Invalid configuration:\n  - TOKEN: is required\n  - PORT: must be between 0 and 65535\n  - REDIS_URL: must be a redis: or rediss: URL",
    );
  });

  it("throws the app's own error class when given one", () => {
    class AppConfigError extends ConfigError {
      override readonly name = "AppConfigError";
    }
    expect(() => parseEnv(schema, {}, (issues) => new AppConfigError(issues))).toThrow(AppConfigError);
  });
});

describe("integer", () => {
  const issues = (schema: z.ZodType, value: string) => {
    const parsed = z.object({ N: schema }).safeParse({ N: value });
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it("reads a whole number within its bounds, trimmed", () => {
    expect(z.object({ N: integer("N", { min: 1, max: 10 }) }).parse({ N: " 7\n" })).toEqual({ N: 7 });
  });

  it("names the variable and the rule, in the bound's unit", () => {
    expect(issues(integer("N", { min: 1, max: 10, unit: "ms" }), "11")).toEqual(["N must be between 1 and 10 ms"]);
    expect(issues(integer("N", { min: 100, unit: "ms" }), "99")).toEqual(["N must be at least 100 ms"]);
    expect(issues(integer("N", { min: 1, unit: "bytes" }), "0")).toEqual(["N must be a positive number of bytes"]);
    expect(issues(integer("N", { min: 0 }), "1.5")).toEqual(["N must be an integer"]);
    expect(issues(integer("N", { min: 0 }), "many")).toEqual(["N must be a number"]);
  });
});

describe("commaList", () => {
  const evens = commaList("EVENS", "even numbers", (s) => (Number(s) % 2 === 0 ? Number(s) : undefined));

  it("reads each item, spaces around it and empty items ignored", () => {
    expect(evens.parse(" 2, 4 ,,6, ")).toEqual([2, 4, 6]);
  });

  it("refuses the whole list for one bad item, and a list with no item, naming the variable and the rule", () => {
    for (const value of ["2,3", " , ,"]) {
      const result = evens.safeParse(value);
      expect(result.success, value).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("EVENS must be even numbers separated by commas");
    }
  });
});

describe("listenVariables, redisVariables", () => {
  it("give every app the same PORT, HOST and Redis variables", () => {
    const schema = z.object({ ...listenVariables(3100), ...redisVariables });
    expect(schema.parse({ REDIS_CLUSTER_NODES: "10.0.0.1:7000" })).toEqual({
      PORT: 3100,
      HOST: "0.0.0.0",
      REDIS_URL: undefined,
      REDIS_CLUSTER_NODES: [{ host: "10.0.0.1", port: 7000 }],
    });
    expect(schema.safeParse({ REDIS_URL: "http://x" }).error?.issues[0]?.message).toBe(
      "REDIS_URL must be a redis: or rediss: URL",
    );
  });
});
