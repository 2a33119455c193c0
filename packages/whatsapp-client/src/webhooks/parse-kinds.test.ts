// Every webhook kind, from a delivery written after Meta's reference (src/__fixtures__/webhooks/),
// through the public parser: the key fields as named properties.
import { describe, expect, it } from "vitest";
import { parseWebhookPayload, WEBHOOK_EVENT_KINDS, type WebhookEvent } from "../index.js";
import { REST_KIND_EXPECTATIONS } from "../test-support/kind-expectations-rest.js";
import { kindFixture, kindFixtureNames } from "../test-support/webhook-fixtures.js";

const WABA = "102290129340398";
const NUMBER = { businessAccountId: WABA, phoneNumberId: "106540352242922", displayPhoneNumber: "242050000000" };
const AT = new Date(1763730000 * 1000);
const ACCOUNT = { businessAccountId: WABA, timestamp: AT };
const at = (seconds: number) => new Date(seconds * 1000);

/** The events each fixture must give (raw objects left out: `toMatchObject`). */
const expected: Record<string, Array<Partial<WebhookEvent> & Record<string, unknown>>> = {
  "message-edit": [
    {
      kind: "message",
      ...NUMBER,
      id: "wamid.EDIT1",
      from: "242061234567",
      contactName: "Awa Mabiala",
      message: {
        type: "edit",
        originalMessageId: "wamid.ORIG1",
        edited: { type: "text", text: "Rue Mbaki 14, pas 12" },
      },
    },
  ],
  "message-revoke": [
    { kind: "message", id: "wamid.REVOKE1", message: { type: "revoke", originalMessageId: "wamid.ORIG2" } },
  ],
  "message-request-welcome": [
    { kind: "message", id: "wamid.WELCOME1", from: "242061234567", message: { type: "request_welcome" } },
  ],
  "message-image-url": [
    {
      kind: "message",
      message: {
        type: "image",
        mediaId: "1003383421387299",
        mimeType: "image/jpeg",
        caption: "Le colis devant la porte",
        url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387299&ext=1763726490&hash=ATs",
      },
    },
  ],
  status: [
    {
      kind: "status",
      ...NUMBER,
      id: "wamid.SENT7",
      status: "delivered",
      recipientId: "242061234567",
      timestamp: at(1763726500),
      conversation: { id: "c1f4d7e0a2b3", originType: "utility" },
      pricing: { billable: true, pricingModel: "PMP", category: "utility", type: "regular" },
    },
  ],
  error: [
    {
      kind: "error",
      ...NUMBER,
      error: {
        code: 131000,
        title: "Something went wrong",
        message: "Something went wrong",
        details: "Unsupported webhook payload",
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    },
  ],
  call: [
    {
      kind: "call",
      ...NUMBER,
      id: "wacid.HBgLMjQyMDYxMjM0NTY3",
      event: "connect",
      from: "242061234567",
      to: "242050000000",
      direction: "USER_INITIATED",
      timestamp: at(1763726600),
      session: { sdpType: "offer", sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" },
    },
    {
      kind: "call",
      event: "terminate",
      status: "COMPLETED",
      startedAt: at(1763726610),
      endedAt: at(1763726700),
      durationSeconds: 90,
      bizOpaqueCallbackData: "mission:M-1042",
    },
  ],
  // A call the business placed: its progress comes as a status of the `calls` field.
  "call-status": [
    {
      kind: "status",
      ...NUMBER,
      id: "wacid.HBgLMjQyMDYxMjM0NTY3FQIAEhggQjQ2",
      status: "RINGING",
      recipientId: "242061234567",
      timestamp: at(1763727300),
      bizOpaqueCallbackData: "mission:M-1042",
    },
  ],
  "message-echo": [
    {
      kind: "message_echo",
      ...NUMBER,
      id: "wamid.ECHO1",
      from: "242050000000",
      to: "242061234567",
      timestamp: at(1763726800),
      message: { type: "text", text: "Votre livreur arrive dans 10 minutes." },
    },
  ],
  "contact-sync": [
    {
      kind: "contact_sync",
      ...NUMBER,
      action: "add",
      phoneNumber: "242067654321",
      fullName: "Jean Malonga",
      firstName: "Jean",
      timestamp: at(1763726900),
    },
    { kind: "contact_sync", action: "remove", phoneNumber: "242051112233" },
  ],
  history: [
    {
      kind: "history",
      ...NUMBER,
      phase: 0,
      chunkOrder: 1,
      progress: 55,
      threads: [
        {
          userId: "242061234567",
          messages: [
            {
              id: "wamid.H1",
              from: "242061234567",
              timestamp: at(1763640000),
              status: "READ",
              message: { type: "text", text: "Bonjour, vous livrez à Talangaï ?" },
            },
            {
              id: "wamid.H2",
              from: "242050000000",
              to: "242061234567",
              timestamp: at(1763640060),
              status: "DELIVERED",
              message: { type: "text", text: "Oui, 1 500 FCFA." },
            },
          ],
        },
      ],
    },
  ],
  "user-preference": [
    {
      kind: "user_preference",
      ...NUMBER,
      waId: "242061234567",
      contactName: "Awa Mabiala",
      category: "marketing_messages",
      value: "stop",
      detail: "User requested to stop marketing messages",
      timestamp: at(1763727000),
    },
  ],
  group: [
    {
      kind: "group",
      ...NUMBER,
      field: "group_participants_update",
      groupId: "Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD",
      type: "group_add_participants",
      requestId: "6ba0d1c4-1b2f-4e5a-9c1e-0f3d2a1b9e77",
      timestamp: at(1763727100),
      addedParticipants: ["242061234567"],
      removedParticipants: [],
    },
  ],
  // A participant who left: `initiated_by` and the one removed participant are the leaver.
  "group-left": [
    {
      kind: "group",
      field: "group_participants_update",
      type: "group_participants_remove",
      initiatedBy: "242067654321",
      addedParticipants: [],
      removedParticipants: ["242067654321"],
    },
  ],
  "group-status": [
    { kind: "group", ...NUMBER, field: "group_status_update", type: "group_suspend", timestamp: at(1763727200) },
  ],
  "automatic-events": [
    {
      kind: "automatic_event",
      ...NUMBER,
      messageId: "wamid.CTWA1",
      eventName: "Purchase",
      timestamp: at(1763727400),
      ctwaClid: expect.stringMatching(/^ARAkLkA8/),
      amount: 12500,
      currency: "XAF",
    },
    { kind: "automatic_event", messageId: "wamid.CTWA2", eventName: "LeadSubmitted", timestamp: at(1763727460) },
  ],
  "template-status": [
    {
      kind: "template_status",
      ...ACCOUNT,
      templateId: "1689556908129832",
      templateName: "promotional_offer",
      language: "fr",
      status: "PAUSED",
      reason: "NONE",
      category: "MARKETING",
      title: "FIRST_PAUSE",
    },
  ],
  "template-quality": [
    {
      kind: "template_quality",
      ...ACCOUNT,
      templateId: "806312974732579",
      templateName: "delivery_delayed",
      language: "fr",
      previousQuality: "YELLOW",
      quality: "RED",
    },
  ],
  "template-category": [
    {
      kind: "template_category",
      templateName: "payment_reminder",
      category: "UTILITY",
      correctCategory: "MARKETING",
      changesAt: at(1763816400),
    },
  ],
  "template-components": [
    {
      kind: "template_components",
      templateName: "mission_reminder",
      body: "Bonjour {{1}}, votre course {{2}} part à {{3}}.",
      header: "Rappel de course",
      footer: "TokTok Brazzaville",
      buttons: [
        { type: "URL", text: "Suivre", url: "https://toktok.cg/suivi/{{1}}" },
        { type: "PHONE_NUMBER", text: "Appeler", phoneNumber: "+242050000000" },
      ],
    },
  ],
  "account-update": [
    {
      kind: "account_update",
      ...ACCOUNT,
      event: "ACCOUNT_RESTRICTION",
      restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: at(1764331200) }],
    },
  ],
  "account-update-ban": [
    {
      kind: "account_update",
      event: "DISABLED_UPDATE",
      restrictions: [],
      banStates: ["DISABLE"],
      banDate: "2026-12-05",
    },
  ],
  "account-review": [{ kind: "account_review", ...ACCOUNT, decision: "APPROVED" }],
  "account-alert": [
    {
      kind: "account_alert",
      entityType: "BUSINESS",
      entityId: "524126980791429",
      severity: "WARNING",
      status: "ACTIVE",
      alertType: "INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED",
    },
  ],
  "business-capability": [
    { kind: "business_capability", maxDailyConversationsPerBusiness: "TIER_2K", maxPhoneNumbersPerWaba: 25 },
  ],
  "phone-number-name": [
    {
      kind: "phone_number_name",
      displayPhoneNumber: "242050000000",
      decision: "APPROVED",
      requestedName: "TokTok Livraison",
    },
  ],
  "phone-number-quality": [
    {
      kind: "phone_number_quality",
      displayPhoneNumber: "242050000000",
      event: "UPGRADE",
      oldLimit: "TIER_250",
      currentLimit: "TIER_2K",
      maxDailyConversationsPerBusiness: "TIER_2K",
    },
  ],
  security: [
    { kind: "security", displayPhoneNumber: "242050000000", event: "PIN_RESET_REQUEST", requester: "61555822107539" },
  ],
  flow: [
    {
      kind: "flow",
      flowId: "1687361775315842",
      event: "FLOW_STATUS_CHANGE",
      oldStatus: "DRAFT",
      newStatus: "PUBLISHED",
    },
  ],
  "flow-endpoint-alert": [{ kind: "flow", event: "ENDPOINT_ERROR_RATE", alertState: "ACTIVATED", threshold: 10 }],
  "payment-configuration": [
    {
      kind: "payment_configuration",
      ...ACCOUNT,
      configurationName: "razorpay-toktok",
      status: "Needs Connecting",
      providerName: "razorpay",
      providerMid: "acc_TokTok42Brz",
      createdAt: at(1763600000),
      updatedAt: at(1763729000),
    },
  ],
  "partner-solution": [
    {
      kind: "partner_solution",
      ...ACCOUNT,
      event: "SOLUTION_UPDATED",
      solutionId: "774485461512160",
      status: "ACTIVE",
    },
  ],
  "unknown-field": [
    {
      kind: "unknown",
      businessAccountId: WABA,
      field: "toktok_made_up_field",
      raw: { courier_eta: "12 min", zone: "Poto-Poto" },
    },
  ],
};

describe("parseWebhookPayload — every webhook kind", () => {
  it.each(Object.keys(expected))("%s", (name) => {
    const events = parseWebhookPayload(kindFixture(name));
    expect(events).toHaveLength(expected[name]?.length ?? -1);
    expect(events).toMatchObject(expected[name] ?? []);
  });

  it("has a fixture for every kind of the union, and an expectation for every fixture", () => {
    // The messages field's later fixtures are checked in parse-kinds-rest.test.ts.
    const all = { ...expected, ...REST_KIND_EXPECTATIONS };
    expect(kindFixtureNames()).toEqual(Object.keys(all).sort());
    const kinds = new Set(Object.values(all).flatMap((events) => events.map((e) => e.kind)));
    // `message` kinds beyond these are covered by the fixtures in src/webhooks/__fixtures__.
    expect([...kinds].sort()).toEqual([...WEBHOOK_EVENT_KINDS].sort());
  });

  it("leaves a rejection reason that Meta sends as null out, and keeps each account change's raw value", () => {
    const [name] = parseWebhookPayload(kindFixture("phone-number-name"));
    expect(name).not.toHaveProperty("rejectionReason");
    const [alert] = parseWebhookPayload(kindFixture("flow-endpoint-alert"));
    expect(alert?.kind === "flow" && alert.raw.error_rate).toBe(12.5);
  });

  it("reads the singular group_participant_update (the OpenAPI enum's name) like the documented plural", () => {
    const payload = kindFixture("group");
    const [entry] = payload.entry as Array<{ changes: Array<{ field: string }> }>;
    (entry?.changes[0] ?? { field: "" }).field = "group_participant_update";
    expect(parseWebhookPayload(payload)).toMatchObject([
      { kind: "group", field: "group_participant_update", addedParticipants: ["242061234567"] },
    ]);
  });

  it("leaves out what a lead or a Status ad does not carry: no amount, currency or click id", () => {
    const [, lead] = parseWebhookPayload(kindFixture("automatic-events"));
    expect(lead).not.toHaveProperty("amount");
    expect(lead).not.toHaveProperty("currency");
    expect(lead).not.toHaveProperty("ctwaClid");
  });
});
