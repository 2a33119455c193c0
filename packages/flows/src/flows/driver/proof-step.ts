import type { Mission, TokTokBackend } from "../../backend/types.js";
import type { Dispatcher } from "../../dispatch/dispatcher.js";
import { dispatchTexts } from "../../dispatch/texts.js";
import { END, type FlowContext, type Step } from "../../engine/types.js";
import { followOrder } from "../merchant/order-delivery.js";
import type { DriverData } from "./driver-data.js";

/** What the proof step needs. */
export interface ProofStepOptions {
  backend: TokTokBackend;
  dispatcher: Pick<Dispatcher, "proofOf" | "closed">;
  /** Tells the customer (the driver flow's notifier, failures already absorbed). */
  notify(mission: Mission, status: "delivered"): Promise<void>;
}

/**
 * The delivery's proof: the recipient's 4-digit code (sent to them when the parcel left) or a photo of
 * the parcel; only then is the mission delivered, the customer told and the completion recorded.
 */
export function proofStep(options: ProofStepOptions): Step<DriverData> {
  const { backend, dispatcher, notify } = options;
  return {
    id: "proof",
    extract: false,
    prompt: ({ data, locale }) => ({ type: "text", body: dispatchTexts[locale].askProof(data.reference ?? "") }),
    parse: async (input, ctx: FlowContext<DriverData>) => {
      const mission = await backend.missions.get(ctx.data.missionId ?? "");
      if (!mission) return { ok: false, error: ctx.t.driver.noMissions };
      const proof = dispatcher.proofOf(mission, input);
      if (!proof) return { ok: false, error: dispatchTexts[ctx.locale].badProof };
      const m = await backend.missions.updateStatus(mission.id, "delivered", {}, { idempotencyKey: ctx.messageId });
      await followOrder(backend, m, "delivered", { idempotencyKey: `${ctx.messageId}#order` });
      await notify(m, "delivered");
      // Conversions and the day's dispatch figures; a failing sink never fails the delivery.
      await dispatcher.closed(m, proof).catch(() => undefined);
      return { ok: true, set: { status: "delivered" }, goto: END };
    },
  };
}
