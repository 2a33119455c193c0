import { RateLimiter } from "@toktok/cache";
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { createTestConversation } from "../testing/test-conversation.js";

describe("rate limiting with @toktok/cache's RateLimiter", () => {
  it("drops a flood with a single notice, per user", async () => {
    const rateLimiter = new RateLimiter({ points: 3, duration: 60_000 });
    const chat = createTestConversation({ flows: [courierFlow({ backend: new MemoryBackend() })], rateLimiter });
    const other = chat.as("242055555555");
    const turns = [];
    for (const text of ["envoyer un colis", "Poto-Poto", "Bacongo", "5000", "documents"])
      turns.push(await chat.send(text));
    expect(turns.map((t) => t.status)).toEqual(["handled", "handled", "handled", "throttled", "throttled"]);
    expect(turns[3]?.text).toMatch(/Patientez \d+ s/);
    expect(turns[4]?.replies).toEqual([]);
    expect((await other.send("bonjour")).status).toBe("handled");
  });
});
