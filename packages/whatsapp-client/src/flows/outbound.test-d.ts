import { describe, expectTypeOf, it } from "vitest";
import {
  createFlowEndpointHandler,
  type FlowEndpointHandler,
  type FlowJson,
  type FlowRequest,
  FlowTokenNoLongerValidError,
  flowComplete,
  flowFooter,
  flowJson,
  flowScreen,
  type GraphPage,
  type SendResult,
  type TemplateInfo,
  WhatsAppClient,
} from "../index.js";

describe("outbound public types", () => {
  it("sendFlow takes a Flow by id or by name, never both", () => {
    const wa = new WhatsAppClient({ accessToken: "t", phoneNumberId: "1", businessAccountId: "2" });
    const base = { flowToken: "t", cta: "Ouvrir", body: "b", screen: "START" };
    expectTypeOf(wa.sendFlow("x", { ...base, flowId: "1" })).resolves.toEqualTypeOf<SendResult>();
    void wa.sendFlow("x", { ...base, flowName: "course", mode: "data_exchange" });
    // @ts-expect-error flowId and flowName are exclusive
    void wa.sendFlow("x", { ...base, flowId: "1", flowName: "course" });
    // @ts-expect-error mode is navigate or data_exchange (draft is its own flag)
    void wa.sendFlow("x", { ...base, flowId: "1", mode: "draft" });
  });

  it("management calls resolve to typed pages", () => {
    const wa = new WhatsAppClient({ accessToken: "t", phoneNumberId: "1" });
    expectTypeOf(wa.listTemplates()).resolves.toEqualTypeOf<GraphPage<TemplateInfo>>();
    expectTypeOf(wa.createFlow).parameter(0).toHaveProperty("categories");
  });

  it("the endpoint hands typed requests to onRequest", () => {
    const handler = createFlowEndpointHandler({
      privateKey: "pem",
      onRequest: (req) => {
        expectTypeOf(req).toEqualTypeOf<FlowRequest>();
        expectTypeOf(req.flowToken).toEqualTypeOf<string | undefined>();
        if (req.action === "INIT") return { screen: "START", data: {} };
        throw new FlowTokenNoLongerValidError("expirée");
      },
    });
    expectTypeOf(handler).toEqualTypeOf<FlowEndpointHandler>();
    const json = flowJson({
      screens: [flowScreen({ id: "A", title: "A", terminal: true, children: [flowFooter("OK", flowComplete())] })],
    });
    expectTypeOf(json).toEqualTypeOf<FlowJson>();
  });
});
