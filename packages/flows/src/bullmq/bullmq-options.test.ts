import { describe, expect, it } from "vitest";
import { validationField } from "../test-support/validation-field.js";
import { BullMqJobQueue, type BullMqJobQueueOptions } from "./bullmq-job-queue.js";

// Every option below is refused before the queue opens a connection, so no Redis is needed.
const make = (options: Partial<BullMqJobQueueOptions>) => () =>
  new BullMqJobQueue({ connection: { host: "127.0.0.1", port: 1 }, ...options } as BullMqJobQueueOptions);

describe("BullMqJobQueue options (defaults in its zod schema)", () => {
  it("names the offending field with FlowsValidationError", () => {
    expect(validationField(make({ connection: undefined }))).toBe("connection");
    expect(validationField(make({ name: "" }))).toBe("name");
    expect(validationField(make({ concurrency: 0 }))).toBe("concurrency");
    expect(validationField(make({ maxAttempts: 1.5 }))).toBe("maxAttempts");
    expect(validationField(make({ retryBaseMs: -1 }))).toBe("retryBaseMs");
    expect(validationField(make({ keepFailedMs: 0 }))).toBe("keepFailedMs");
    expect(validationField(make({ takeOverAfterMs: 0 }))).toBe("takeOverAfterMs");
    expect(validationField(make({ logger: { info: () => {} } as never }))).toBe("logger");
  });

  it("refuses a Redis Cluster without a hash tag in the default prefix and name, naming prefix", () => {
    const cluster = { isCluster: true, options: {}, duplicate: () => cluster };
    expect(validationField(make({ connection: cluster as never }))).toBe("prefix");
  });
});
