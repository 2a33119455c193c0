import { describe, expect, it } from "vitest";
import { redactRedisUrl, redisCredentials } from "./redis-url.ts";

describe("redisCredentials", () => {
  it("reads the user name and password (decoded) and TLS from rediss:", () => {
    expect(redisCredentials("rediss://bot:p%40ss%3Aword@cache.example:6380/2")).toEqual({
      username: "bot",
      password: "p@ss:word",
      tls: {},
    });
  });

  it("gives nothing a plain URL or no URL does not carry", () => {
    expect(redisCredentials("redis://127.0.0.1:6379")).toEqual({});
    expect(redisCredentials(undefined)).toEqual({});
    expect(redisCredentials("redis://:only-password@127.0.0.1")).toEqual({ password: "only-password" });
  });
});

describe("redactRedisUrl", () => {
  it("replaces every copy of the URL by the variable's name", () => {
    const url = "redis://:s3cret@10.0.0.5:6379";
    expect(redactRedisUrl(`connect ${url} failed; retry ${url}`, url)).toBe(
      "connect <REDIS_URL> failed; retry <REDIS_URL>",
    );
    expect(redactRedisUrl("ECONNREFUSED", undefined)).toBe("ECONNREFUSED");
  });
});
