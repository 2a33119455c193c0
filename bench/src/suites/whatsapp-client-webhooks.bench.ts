// Webhook verify + parse per second: @toktok/whatsapp-client vs whatsapp-api-js,
// on a signed delivery in Meta's escaped-unicode form.
import { createHmac } from "node:crypto";
import { parseWebhookPayload, verifySignature } from "@toktok/whatsapp-client";
import { WhatsAppAPI } from "whatsapp-api-js";
import type { BenchSuite } from "../harness.ts";

const SECRET = "bench-app-secret";

/** One user message with accented text, as Meta sends it (non-ASCII escaped, "/" escaped). */
function delivery(): string {
  const payload = {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
              contacts: [{ profile: { name: "Awa Mabiala" }, wa_id: "242061234567" }],
              messages: [
                {
                  from: "242061234567",
                  id: "wamid.HBgMMjQyMDYxMjM0NTY3FQIAEhggQjQ2RjY0RkVCMjc3OTZGRkMzAA==",
                  timestamp: "1763726400",
                  type: "text",
                  text: {
                    body: "Bonjour, je voudrais une livraison de Poto-Poto à Bacongo, réglée 5 000 FCFA à l'arrivée. Merci ✅",
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  };
  return JSON.stringify(payload)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replaceAll("/", "\\/");
}

const suite: BenchSuite = {
  name: "whatsapp-client webhooks",
  async run(harness) {
    const raw = delivery();
    const signature = `sha256=${createHmac("sha256", SECRET).update(raw).digest("hex")}`;

    let seen = 0;
    const peer = new WhatsAppAPI({ token: "t", appSecret: SECRET, webhookVerifyToken: "v", v: "v23.0" });
    peer.on.message = () => {
      seen++;
    };

    const ours = () => {
      if (!verifySignature(raw, signature, SECRET)) throw new Error("ours: signature rejected");
      const events = parseWebhookPayload(raw);
      seen += events.length;
    };
    // whatsapp-api-js wants the parsed object and the raw body: the JSON.parse is part of its cost.
    const theirs = () => peer.post(JSON.parse(raw), raw, signature);
    // Not a library: the two steps no verifying parser can skip (the HMAC of the body and JSON.parse),
    // and nothing else. Its ratio to the peer is the most any implementation could show here.
    const floor = () => {
      createHmac("sha256", SECRET).update(raw).digest();
      seen += JSON.parse(raw).entry.length;
    };

    ours();
    await theirs();
    if (seen !== 2) throw new Error(`both must accept the delivery (seen ${seen})`);

    await harness.compare({
      title: "webhook verify + parse (1 message, escaped-unicode body)",
      ours: { name: "@toktok/whatsapp-client", fn: ours },
      peers: [
        { name: "whatsapp-api-js", fn: theirs },
        { name: "floor: HMAC + JSON.parse, no parsing", fn: floor },
      ],
      targets: { "whatsapp-api-js": 2 },
    });
  },
};

export default suite;
