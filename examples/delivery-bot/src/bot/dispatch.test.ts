import { Analytics } from "@toktok/analytics";
import { createNotifier, MemoryBackend } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { createLogger } from "@toktok-example/shared";
import { describe, expect, it } from "vitest";
import { createDispatch } from "./dispatch.ts";

function deps(env: Record<string, string | undefined>) {
  const backend = new MemoryBackend();
  const messenger = new RecordingMessenger();
  return {
    env,
    backend,
    messenger,
    notifier: createNotifier({ messenger, backend }),
    analytics: new Analytics(),
    logger: createLogger("silent"),
  };
}

describe("the bot's dispatch switch", () => {
  it("is on by default: nothing else tells a driver that a mission exists", async () => {
    const dispatch = await createDispatch(deps({}));
    expect(dispatch?.dispatcher.settings).toMatchObject({ radiusKm: 5, offerLeadMs: 30 * 60_000 });
    await dispatch?.close();
  });

  it("is off with DISPATCH=off (a backend that assigns missions itself), and reads the tuning variables", async () => {
    expect(await createDispatch(deps({ DISPATCH: "off" }))).toBeUndefined();
    expect(await createDispatch(deps({ DISPATCH: " OFF " }))).toBeUndefined();
    const tuned = await createDispatch(deps({ DISPATCH_OFFER_LEAD_MS: "600000", DISPATCH_REMINDER_LEAD_MS: "900000" }));
    expect(tuned?.dispatcher.settings).toMatchObject({ offerLeadMs: 600_000, reminderLeadMs: 900_000 });
    await tuned?.close();
    await expect(createDispatch(deps({ DISPATCH_OFFER_LEAD_MS: "soon" }))).rejects.toThrow("DISPATCH_OFFER_LEAD_MS");
  });
});
