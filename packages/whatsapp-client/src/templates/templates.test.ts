import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppClient } from "../client/whatsapp-client.js";
import { WhatsAppValidationError } from "../errors.js";
import { type GraphServer, startGraphServer } from "../test-support/graph-server.js";
import { specErrors } from "../test-support/openapi.js";
import {
  businessTemplates,
  deliveryCode,
  deliveryDelayed,
  deliveryUpdate,
  feedbackRequest,
  missionReminder,
  paymentReminder,
  promotionalOffer,
} from "./business-templates.js";
import { currencyParameter, dateTimeParameter, urlButton } from "./parameters.js";

let server: GraphServer;
let wa: WhatsAppClient;
beforeAll(async () => {
  server = await startGraphServer();
  wa = new WhatsAppClient({ accessToken: "t", phoneNumberId: "1", baseUrl: server.url });
});
afterAll(async () => {
  await wa.close();
  await server.close();
});

describe("template parameter builders", () => {
  it("builds currency from an XAF amount", () => {
    expect(currencyParameter(5000).currency).toEqual({
      fallback_value: "5 000 FCFA",
      code: "XAF",
      amount_1000: 5_000_000,
    });
    expect(currencyParameter(1_250_000).currency.fallback_value).toBe("1 250 000 FCFA");
    expect(currencyParameter(0).currency.amount_1000).toBe(0);
    expect(() => currencyParameter(-1)).toThrow(WhatsAppValidationError);
    expect(() => currencyParameter(Number.NaN)).toThrow(/amount/);
  });

  it("formats a Date in French, Brazzaville time (UTC+1)", () => {
    const p = dateTimeParameter(new Date("2026-11-21T13:30:00Z"));
    expect(p.date_time.fallback_value).toMatch(/21 novembre 2026/);
    expect(p.date_time.fallback_value).toMatch(/14:30/);
    expect(dateTimeParameter("demain 9h").date_time.fallback_value).toBe("demain 9h");
    expect(() => dateTimeParameter(new Date("nope"))).toThrow(/date/);
  });

  it("builds URL buttons with a string index", () => {
    expect(urlButton(1, "inv-42")).toEqual({
      type: "button",
      sub_type: "url",
      index: "1",
      parameters: [{ type: "text", text: "inv-42" }],
    });
  });
});

describe("the business templates", () => {
  const when = new Date("2026-11-22T08:00:00Z");
  const cases = [
    missionReminder({ name: "Awa", missionRef: "M-1042", pickupAt: when, pickupAddress: "Marché Total, Bacongo" }),
    deliveryDelayed({ name: "Awa", orderRef: "C-88", newEta: when, reason: "pluie forte" }),
    paymentReminder({ name: "Awa", amountXaf: 7500, reference: "F-2026-11", dueAt: when, paymentPath: "F-2026-11" }),
    feedbackRequest({ name: "Awa", missionRef: "M-1042" }),
    promotionalOffer({
      name: "Awa",
      offer: "Livraison express",
      priceXaf: 1500,
      validUntil: when,
      image: { link: "https://cdn.toktok.cg/promo.jpg" },
      offerPath: "NOEL",
    }),
    deliveryCode({ name: "Marie", reference: "M-1042", code: "0427" }),
    deliveryUpdate({ name: "Awa", missionRef: "M-1042", status: "En route" }),
  ];

  it("put the delivery code as a body variable, and refuse one that is not 4 digits", () => {
    expect(deliveryCode({ name: "Marie", reference: "M-1", code: "0427" }).components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", text: "Marie" },
          { type: "text", text: "M-1" },
          { type: "text", text: "0427" },
        ],
      },
    ]);
    expect(() => deliveryCode({ name: "Marie", reference: "M-1", code: "42" })).toThrow(/code/);
  });

  it("are registered by their approved names", () => {
    expect(Object.keys(businessTemplates)).toEqual(cases.map((c) => c.name));
  });

  it("send bodies that Meta's schema accepts", async () => {
    for (const template of cases) {
      await wa.sendTemplate("06 123 4567", template);
      const body = server.requests.at(-1)?.json();
      expect(specErrors("Message", body), template.name).toEqual([]);
      expect(body?.template).toMatchObject({ name: template.name, language: { code: "fr", policy: "deterministic" } });
    }
  });

  it("puts the variables in the approved order", () => {
    const pay = paymentReminder({ name: "Awa", amountXaf: 7500, reference: "F-1", dueAt: "30 novembre" });
    expect(pay.components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", text: "Awa" },
          { type: "currency", currency: { fallback_value: "7 500 FCFA", code: "XAF", amount_1000: 7_500_000 } },
          { type: "text", text: "F-1" },
          { type: "date_time", date_time: { fallback_value: "30 novembre" } },
        ],
      },
    ]);
    const fb = feedbackRequest({ name: "Awa", missionRef: "M-9", language: "en" });
    expect(fb.language).toBe("en");
    expect(fb.components?.slice(1).map((c) => c.type === "button" && c.parameters[0])).toEqual([
      { type: "payload", payload: "feedback:M-9:good" },
      { type: "payload", payload: "feedback:M-9:ok" },
      { type: "payload", payload: "feedback:M-9:bad" },
    ]);
  });

  it("reject a missing variable naming it", () => {
    expect(() => missionReminder({ name: "", missionRef: "M", pickupAt: when, pickupAddress: "x" })).toThrow(
      /Invalid name/,
    );
  });
});
