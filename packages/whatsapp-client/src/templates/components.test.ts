import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { messageExamples } from "../test-support/openapi.js";
import {
  carousel,
  catalogButton,
  copyCodeButton,
  flowButton,
  limitedTimeOffer,
  locationParameter,
  multiProductButton,
} from "./components.js";
import {
  bodyComponent,
  currencyParameter,
  headerComponent,
  imageParameter,
  quickReplyButton,
  textParameter,
  urlButton,
} from "./parameters.js";

// The v23.0 OpenAPI schema of a template message only knows header, body and
// quick-reply/URL/catalog buttons, so these kinds are checked against Meta's
// own request examples where it has one (Flow and catalogue templates) and
// against the shapes of Meta's template references otherwise.

const TO = "242061234567";
const graph = useGraphClients("test-token");

function sentTemplate(): Record<string, unknown> {
  const body = graph.server.requests.at(-1)?.json() as { template: Record<string, unknown> };
  return body.template;
}

describe("template send components", () => {
  it("Flow button: Meta's 'Send Flow Template Message' example", async () => {
    await graph.client().sendTemplate(TO, {
      name: "course_flow",
      language: "en_US",
      components: [flowButton(0, { flowToken: "<FLOW_TOKEN>", data: { "<CUSTOM_KEY>": "<CUSTOM_VALUE>" } })],
    });
    const ex = messageExamples["Send Flow Template Message"] as { template: { components: unknown } };
    expect(sentTemplate().components).toEqual(ex.template.components);
  });

  it("catalogue button: Meta's 'Send Catalog Template Message' example (index as the string Graph takes)", async () => {
    await graph.client().sendTemplate(TO, {
      name: "intro_catalog_offer",
      language: "en_US",
      components: [
        bodyComponent(textParameter("100"), textParameter("400"), textParameter("3")),
        catalogButton(0, "2lc20305pt"),
      ],
    });
    const ex = messageExamples["Send Catalog Template Message"] as {
      template: { components: Array<Record<string, unknown>> };
    };
    const expected = structuredClone(ex.template.components);
    (expected[1] as Record<string, unknown>).index = "0";
    expect(sentTemplate().components).toEqual(expected);
  });

  it("limited-time offer with its copy-code button", async () => {
    const ends = new Date("2026-12-24T23:00:00Z");
    await graph.client().sendTemplate(TO, {
      name: "promo_noel",
      language: "fr",
      components: [
        headerComponent(imageParameter({ link: "https://cdn.toktok.cg/noel.jpg" })),
        bodyComponent(textParameter("Awa")),
        limitedTimeOffer(ends),
        copyCodeButton(0, "NOEL25"),
        urlButton(1, "noel"),
      ],
    });
    expect(sentTemplate().components).toEqual([
      { type: "header", parameters: [{ type: "image", image: { link: "https://cdn.toktok.cg/noel.jpg" } }] },
      { type: "body", parameters: [{ type: "text", text: "Awa" }] },
      {
        type: "limited_time_offer",
        parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: ends.getTime() } }],
      },
      {
        type: "button",
        sub_type: "copy_code",
        index: "0",
        parameters: [{ type: "coupon_code", coupon_code: "NOEL25" }],
      },
      { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "noel" }] },
    ]);
  });

  it("multi-product button and location header", async () => {
    await graph.client().sendTemplate(TO, {
      name: "boutique_selection",
      language: "fr",
      components: [
        headerComponent(
          locationParameter({ latitude: -4.2634, longitude: 15.2429, name: "Boutique 42", address: "Av. de la Paix" }),
        ),
        multiProductButton(0, {
          thumbnailProductRetailerId: "sku-1",
          sections: [{ title: "Boissons", productRetailerIds: ["sku-1", "sku-2"] }],
        }),
      ],
    });
    expect(sentTemplate().components).toEqual([
      {
        type: "header",
        parameters: [
          {
            type: "location",
            location: { latitude: -4.2634, longitude: 15.2429, name: "Boutique 42", address: "Av. de la Paix" },
          },
        ],
      },
      {
        type: "button",
        sub_type: "mpm",
        index: "0",
        parameters: [
          {
            type: "action",
            action: {
              thumbnail_product_retailer_id: "sku-1",
              sections: [
                {
                  title: "Boissons",
                  product_items: [{ product_retailer_id: "sku-1" }, { product_retailer_id: "sku-2" }],
                },
              ],
            },
          },
        ],
      },
    ]);
  });

  it("carousel cards, each with its media, body and buttons", async () => {
    const card = (n: number) => ({
      header: imageParameter({ link: `https://cdn.toktok.cg/p${n}.jpg` }),
      body: [currencyParameter(1000 * n)],
      buttons: [quickReplyButton(0, `buy:${n}`), urlButton(1, `p${n}`)],
    });
    await graph.client().sendTemplate(TO, {
      name: "carrousel_produits",
      language: "fr",
      components: [bodyComponent(textParameter("Awa")), carousel([card(1), card(2)])],
    });
    const sent = sentTemplate().components as Array<{
      type: string;
      cards?: Array<{ card_index: number; components: unknown[] }>;
    }>;
    expect(sent[1]?.type).toBe("carousel");
    expect(sent[1]?.cards?.map((c) => c.card_index)).toEqual([0, 1]);
    expect(sent[1]?.cards?.[1]?.components).toEqual([
      { type: "header", parameters: [{ type: "image", image: { link: "https://cdn.toktok.cg/p2.jpg" } }] },
      {
        type: "body",
        parameters: [
          { type: "currency", currency: { fallback_value: "2 000 FCFA", code: "XAF", amount_1000: 2_000_000 } },
        ],
      },
      { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "buy:2" }] },
      { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "p2" }] },
    ]);
  });

  it("builders name the field they refuse", () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(WhatsAppValidationError.isInstance(e)).toBe(true);
        return (e as WhatsAppValidationError).field;
      }
      return undefined;
    };
    expect(field(() => copyCodeButton(0, "x".repeat(16)))).toBe("code");
    expect(field(() => copyCodeButton(10, "A"))).toBe("index");
    expect(field(() => limitedTimeOffer(new Date("nope")))).toBe("expiresAt");
    expect(field(() => locationParameter({ latitude: 91, longitude: 0 }))).toBe("location.latitude");
    expect(field(() => carousel([{ header: imageParameter({ link: "https://a.b/c.jpg" }) }]))).toBe("cards");
    expect(
      field(() =>
        multiProductButton(0, {
          thumbnailProductRetailerId: "a",
          sections: [{ title: "A", productRetailerIds: Array.from({ length: 31 }, (_, i) => `p${i}`) }],
        }),
      ),
    ).toBe("sections");
    expect(field(() => catalogButton(0, ""))).toBe("thumbnailProductRetailerId");
  });
});
