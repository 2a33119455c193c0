// The mission delivered hands its customer back to the bot with one message (issue 22): the inbox
// wraps the flows' notifier, which the driver flow calls on each status change.
import { Registry } from "@prometheus-io/client";
import { catalogues, courierFlow, createFlowEngine, MemoryBackend, type Mission, type Notifier } from "@toktok/flows";
import { RecordingMessenger } from "@toktok/flows/testing";
import { createLogger } from "@toktok-example/shared";
import { describe, expect, it } from "vitest";
import { wireInbox } from "./create-inbox.ts";
import type { InboxMessenger } from "./inbox.ts";
import { SECRET } from "./test-support.ts";

const CUSTOMER = "242061250001";

describe("hand-back on delivery", () => {
  it("gives the customer back to the bot once, when their mission is delivered", async () => {
    const messenger = new RecordingMessenger();
    const backend = new MemoryBackend();
    const wiring = wireInbox({
      env: { DASHBOARD_JWT_SECRET: SECRET },
      messenger: messenger as unknown as InboxMessenger,
      backend,
      registry: new Registry(),
      logger: createLogger("silent"),
    });
    const notified: string[] = [];
    const inner: Notifier = {
      notifyMissionStatus: async (_m, status) => {
        notified.push(status);
        return { messageIds: [], usedTemplate: false };
      },
      notifyOrderStatus: async () => ({ messageIds: [], usedTemplate: false }),
    };
    const notifier = wiring.notifier(inner);
    const engine = createFlowEngine({ messenger, flows: [courierFlow({ backend })], handoff: wiring.handoff });
    const control = engine.handoff;
    if (!control || !wiring.attach(engine)) throw new Error("inbox not attached");
    await control.request(CUSTOMER, "api");
    await control.take(CUSTOMER, { id: "op-awa", firstName: "Awa" });
    const mission = { clientPhone: CUSTOMER } as Mission;

    await notifier.notifyMissionStatus(mission, "in_transit");
    await engine.whenIdle();
    expect(await control.owner(CUSTOMER)).toBe("operator:op-awa");

    await notifier.notifyMissionStatus(mission, "delivered");
    await expect.poll(() => control.owner(CUSTOMER)).toBe("bot");
    await notifier.notifyMissionStatus(mission, "delivered");
    await engine.whenIdle();
    const backToBot = messenger
      .to(CUSTOMER)
      .map((m) => (m.type === "text" ? m.body : ""))
      .filter((t) => t === catalogues.fr.handoff.backToBot);
    expect(backToBot).toHaveLength(1);
    expect(notified).toEqual(["in_transit", "delivered", "delivered"]);
    await wiring.close();
  });
});
