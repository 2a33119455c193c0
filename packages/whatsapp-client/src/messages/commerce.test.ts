import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import { useGraphClients } from "../test-support/graph-clients.js";
import { messageExamples, specErrors } from "../test-support/openapi.js";

// Product, multi-product and catalogue sends, compared with Meta's own request
// examples (placeholders swapped for real values) and validated against the
// fixed-up OpenAPI schema, like outbound-bodies.test.ts.

const TO = "242061234567";
const graph = useGraphClients("test-token");

function example(name: string): Record<string, unknown> {
  const raw = messageExamples[name];
  if (!raw) throw new Error(`no example ${name}`);
  return JSON.parse(
    JSON.stringify({ recipient_type: "individual", ...raw }).replaceAll('"{{Recipient-Phone-Number}}"', `"${TO}"`),
  );
}

function lastBody(): Record<string, unknown> {
  const req = graph.server.requests.at(-1);
  expect(req?.method).toBe("POST");
  expect(req?.url).toBe("/v23.0/1234567890/messages");
  const body = req?.json() ?? {};
  expect(specErrors("Message", body)).toEqual([]);
  return body;
}

async function invalid(p: Promise<unknown>, field: string, rule: RegExp): Promise<void> {
  const e = (await p.catch((x: unknown) => x)) as WhatsAppValidationError;
  expect(WhatsAppValidationError.isInstance(e), String(e)).toBe(true);
  expect(e.field).toBe(field);
  expect(e.rule).toMatch(rule);
}

describe("sendProduct, sendProductList, sendCatalog", () => {
  it("single product: Meta's example body", async () => {
    const wa = graph.client();
    await expect(
      wa.sendProduct(TO, {
        catalogId: "367025965434465",
        productRetailerId: "<ID_TEST_ITEM_1>",
        body: "<OPTIONAL_BODY_TEXT>",
        footer: "<OPTIONAL_FOOTER_TEXT>",
      }),
    ).resolves.toEqual({ messageId: "wamid.TEST" });
    expect(lastBody()).toEqual(example("Send Single Product Message"));
    await wa.sendProduct(TO, { catalogId: "1", productRetailerId: "sku-1" });
    expect(lastBody().interactive).toEqual({
      type: "product",
      action: { catalog_id: "1", product_retailer_id: "sku-1" },
    });
  });

  it("multi-product: Meta's example body, sections and header", async () => {
    const wa = graph.client();
    const ex = example("Send Multi-Product Message") as { interactive: { header: Record<string, string> } };
    // Meta's example leaves the header type as a placeholder; a multi-product header is text.
    ex.interactive.header.type = "text";
    await wa.sendProductList(TO, {
      catalogId: "146265584024623",
      header: "<YOUR_TEXT_HEADER_CONTENT>",
      body: "<YOUR_TEXT_BODY_CONTENT>",
      footer: "<YOUR_TEXT_FOOTER_CONTENT>",
      sections: [
        {
          title: "<SECTION1_TITLE>",
          productRetailerIds: ["<YOUR_PRODUCT1_SKU_IN_CATALOG>", "<YOUR_SECOND_PRODUCT1_SKU_IN_CATALOG>"],
        },
        {
          title: "<SECTION2_TITLE>",
          productRetailerIds: ["<YOUR_PRODUCT2_SKU_IN_CATALOG>", "<YOUR_SECOND_PRODUCT2_SKU_IN_CATALOG>"],
        },
      ],
    });
    expect(lastBody()).toEqual(ex);
  });

  it("catalogue: Meta's example body", async () => {
    const wa = graph.client();
    await wa.sendCatalog("+16505551234", {
      body: "Hello! Thanks for your interest. Ordering is easy. Just visit our catalog and add items to purchase.",
      thumbnailProductRetailerId: "2lc20305pt",
      footer: "Best grocery deals on WhatsApp!",
    });
    // The client sends the WhatsApp id (digits only); Meta's example writes the number with its "+".
    expect(lastBody()).toEqual({ ...example("Send Catalog Message"), to: "16505551234" });
  });

  it("rejects what WhatsApp would refuse, naming the field, before any request", async () => {
    const wa = graph.client();
    const many = (n: number, prefix = "p") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const list = { catalogId: "1", header: "Boutique", body: "Nos produits" };
    await invalid(wa.sendProduct(TO, { catalogId: "", productRetailerId: "x" }), "content.catalogId", /empty/);
    await invalid(
      wa.sendProduct(TO, { catalogId: "1", productRetailerId: "x", footer: "f".repeat(61) }),
      "content.footer",
      /at most 60/,
    );
    await invalid(
      wa.sendProductList(TO, { ...list, sections: many(11).map((t) => ({ title: t, productRetailerIds: ["a"] })) }),
      "content.sections",
      /at most 10/,
    );
    await invalid(
      wa.sendProductList(TO, {
        ...list,
        sections: [
          { title: "A", productRetailerIds: many(20) },
          { title: "B", productRetailerIds: many(11, "q") },
        ],
      }),
      "content.sections",
      /at most 30 products in all/,
    );
    await invalid(
      wa.sendProductList(TO, {
        ...list,
        sections: [{ productRetailerIds: ["a"] }, { title: "B", productRetailerIds: ["b"] }],
      }),
      "content.sections[0].title",
      /several sections/,
    );
    await invalid(
      wa.sendProductList(TO, { ...list, sections: [{ productRetailerIds: [] }] }),
      "content.sections[0].productRetailerIds",
      /at least 1/,
    );
    await invalid(
      wa.sendProductList(TO, { ...list, header: "h".repeat(61), sections: [{ productRetailerIds: ["a"] }] }),
      "content.header",
      /at most 60/,
    );
    await invalid(wa.sendCatalog(TO, { body: "", thumbnailProductRetailerId: "x" }), "content.body", /empty/);
    expect(graph.server.requests).toHaveLength(0);
  });

  it("any product list is either refused naming a field or a body Meta's schema accepts", async () => {
    const wa = graph.client({ retry: { maxRetries: 0 } });
    const section = fc.record(
      {
        title: fc.string({ maxLength: 26 }),
        productRetailerIds: fc.array(fc.string({ maxLength: 5 }), { maxLength: 32 }),
      },
      { requiredKeys: ["productRetailerIds"] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(section, { maxLength: 12 }), fc.string({ maxLength: 62 }), async (sections, header) => {
        const before = graph.server.requests.length;
        try {
          await wa.sendProductList(TO, { catalogId: "42", header, body: "b", sections });
        } catch (e) {
          expect(WhatsAppValidationError.isInstance(e), String(e)).toBe(true);
          expect(graph.server.requests.length).toBe(before);
          return;
        }
        const body = graph.server.requests.at(-1)?.json() as {
          interactive: { action: { sections: Array<{ product_items: unknown[] }> } };
        };
        expect(specErrors("Message", body)).toEqual([]);
        expect(body.interactive.action.sections.flatMap((s) => s.product_items).length).toBeLessThanOrEqual(30);
      }),
      { numRuns: 150 },
    );
  });
});
