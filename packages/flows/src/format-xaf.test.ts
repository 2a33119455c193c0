import { formatXaf as whatsappFormatXaf } from "@toktok/whatsapp-client";
import { describe, expect, it } from "vitest";
import { formatXaf } from "./index.js";

describe("formatXaf of @toktok/flows", () => {
  it("is @toktok/whatsapp-client's, re-exported: one XAF formatter for every package", () => {
    expect(formatXaf).toBe(whatsappFormatXaf);
  });

  it("writes amounts as the flows' messages do, per locale", () => {
    expect(formatXaf(1_500_000, "fr")).toBe("1 500 000 FCFA");
    expect(formatXaf(1_500_000, "en")).toBe("1,500,000 XAF");
    expect(formatXaf(2500, "ln")).toBe("2 500 FCFA");
  });
});
