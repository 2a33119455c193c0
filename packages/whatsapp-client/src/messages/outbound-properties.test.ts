import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppClient } from "../client/whatsapp-client.js";
import { WhatsAppValidationError } from "../errors.js";
import { type GraphServer, startGraphServer } from "../test-support/graph-server.js";
import { specErrors } from "../test-support/openapi.js";

// Property: whatever the input, a send either fails validation (naming a
// field) before any request, or produces a body Meta's schema accepts.

let server: GraphServer;
let wa: WhatsAppClient;
beforeAll(async () => {
  server = await startGraphServer();
  wa = new WhatsAppClient({ accessToken: "t", phoneNumberId: "1", baseUrl: server.url, retry: { maxRetries: 0 } });
});
afterAll(async () => {
  await wa.close();
  await server.close();
});

async function sendOrReject(send: () => Promise<unknown>): Promise<void> {
  const before = server.requests.length;
  try {
    await send();
  } catch (e) {
    expect(WhatsAppValidationError.isInstance(e), String(e)).toBe(true);
    expect((e as WhatsAppValidationError).field).not.toBe("");
    expect(server.requests.length).toBe(before);
    return;
  }
  expect(specErrors("Message", server.requests.at(-1)?.json())).toEqual([]);
}

const title = fc.string({ minLength: 0, maxLength: 26 });

describe("outbound properties", () => {
  it("reply buttons: valid or a named validation error, never a body Meta rejects", async () => {
    const button = fc.record({ id: fc.string({ maxLength: 260 }), title });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 1030 }),
        fc.array(button, { maxLength: 4 }),
        fc.option(fc.string({ maxLength: 62 }), { nil: undefined }),
        (body, buttons, footer) => sendOrReject(() => wa.sendReplyButtons("242061234567", { body, buttons, footer })),
      ),
      { numRuns: 80 },
    );
  }, 30_000);

  it("lists: valid or a named validation error, never a body Meta rejects", async () => {
    const row = fc.record(
      { id: fc.string({ minLength: 1, maxLength: 202 }), title, description: fc.string({ maxLength: 74 }) },
      { requiredKeys: ["id", "title"] },
    );
    const section = fc.record({ title, rows: fc.array(row, { maxLength: 6 }) }, { requiredKeys: ["rows"] });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 22 }), fc.array(section, { maxLength: 3 }), (button, sections) =>
        sendOrReject(() => wa.sendList("242061234567", { body: "Choisissez", button, sections })),
      ),
      { numRuns: 80 },
    );
  }, 30_000);

  it("text and media: valid or a named validation error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 30 }),
        fc.webUrl(),
        fc.string({ maxLength: 1030 }),
        (text, link, caption) =>
          sendOrReject(() => wa.sendText("242061234567", text)).then(() =>
            sendOrReject(() => wa.sendImage("242061234567", { link, caption })),
          ),
      ),
      { numRuns: 50 },
    );
  }, 30_000);
});
