import { z } from "zod";

// Limits are WhatsApp's documented ones (Cloud API reference and the v23.0
// OpenAPI description): a request that breaks one is rejected by Meta anyway,
// so checking first saves a round trip and names the field.

const isHttpsUrl = (value: string): boolean => {
  if (!value.startsWith("https://")) return false;
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
};

/** A non-empty string of at most `max` characters. */
const text = (max: number) => z.string().min(1).max(max);
/** An https URL. */
export const httpsUrl: z.ZodString = z.string().max(2000).refine(isHttpsUrl, "must be an https URL");
export const messageId: z.ZodString = text(256);
export const callbackData: z.ZodString = text(512);

export const mediaSource = z
  .strictObject({ link: httpsUrl.optional(), id: text(256).optional() })
  .refine((m) => (m.link === undefined) !== (m.id === undefined), "exactly one of link or id is required");

/** A document in an interactive header or a template parameter: link or id, and the name shown. */
const documentSource = z
  .strictObject({ link: httpsUrl.optional(), id: text(256).optional(), filename: text(240).optional() })
  .refine((m) => (m.link === undefined) !== (m.id === undefined), "exactly one of link or id is required");

const withCaption = z
  .strictObject({ link: httpsUrl.optional(), id: text(256).optional(), caption: text(1024).optional() })
  .refine((m) => (m.link === undefined) !== (m.id === undefined), "exactly one of link or id is required");

export const mediaSchemas = {
  image: withCaption,
  video: withCaption,
  audio: mediaSource,
  sticker: mediaSource,
  document: z
    .strictObject({
      link: httpsUrl.optional(),
      id: text(256).optional(),
      caption: text(1024).optional(),
      filename: text(240).optional(),
    })
    .refine((m) => (m.link === undefined) !== (m.id === undefined), "exactly one of link or id is required"),
};

export const textBody: z.ZodString = text(4096);
export const interactiveBody: z.ZodString = text(1024);
const footer = text(60);

export const locationSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: text(1000).optional(),
  address: text(1000).optional(),
});

const contactCard = z.strictObject({
  name: z.strictObject({
    formattedName: text(1000),
    firstName: text(1000).optional(),
    lastName: text(1000).optional(),
    middleName: text(1000).optional(),
    prefix: text(100).optional(),
    suffix: text(100).optional(),
  }),
  phones: z.array(z.strictObject({ phone: text(50), type: text(50).optional(), waId: text(20).optional() })).optional(),
  emails: z.array(z.strictObject({ email: z.email(), type: text(50).optional() })).optional(),
  org: z
    .strictObject({ company: text(1000).optional(), department: text(1000).optional(), title: text(1000).optional() })
    .optional(),
  urls: z.array(z.strictObject({ url: z.url(), type: text(50).optional() })).optional(),
  addresses: z
    .array(
      z.strictObject({
        street: text(1000).optional(),
        city: text(1000).optional(),
        state: text(1000).optional(),
        zip: text(50).optional(),
        country: text(1000).optional(),
        countryCode: text(10).optional(),
        type: text(50).optional(),
      }),
    )
    .optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
    .optional(),
});
export const contactsSchema = z.array(contactCard).min(1).max(257);

const interactiveHeader = z.union([
  text(60),
  z.strictObject({ image: mediaSource }),
  z.strictObject({ video: mediaSource }),
  z.strictObject({
    document: documentSource,
  }),
]);

const unique = <T>(items: T[], key: (item: T) => string): number => {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const k = key(items[i] as T);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
};

export const replyButtonsSchema = z
  .strictObject({
    body: interactiveBody,
    buttons: z
      .array(z.strictObject({ id: text(256), title: text(20) }))
      .min(1)
      .max(3),
    header: interactiveHeader.optional(),
    footer: footer.optional(),
  })
  .superRefine((value, ctx) => {
    const dupId = unique(value.buttons, (b) => b.id);
    if (dupId >= 0) ctx.addIssue({ code: "custom", path: ["buttons", dupId, "id"], message: "must be unique" });
    const dupTitle = unique(value.buttons, (b) => b.title);
    if (dupTitle >= 0)
      ctx.addIssue({ code: "custom", path: ["buttons", dupTitle, "title"], message: "must be unique" });
  });

/** WhatsApp requires a title on every section once a message has several (lists and multi-product messages). */
export function requireSectionTitles(
  sections: ReadonlyArray<{ title?: string | undefined }>,
  ctx: z.RefinementCtx,
): void {
  if (sections.length < 2) return;
  sections.forEach((s, i) => {
    if (s.title === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["sections", i, "title"],
        message: "required when there are several sections",
      });
    }
  });
}

export const listSchema = z
  .strictObject({
    body: interactiveBody,
    button: text(20),
    sections: z
      .array(
        z.strictObject({
          title: text(24).optional(),
          rows: z
            .array(z.strictObject({ id: text(200), title: text(24), description: text(72).optional() }))
            .min(1)
            .max(10),
        }),
      )
      .min(1)
      .max(10),
    header: text(60).optional(),
    footer: footer.optional(),
  })
  .superRefine((value, ctx) => {
    const rows = value.sections.flatMap((s, si) => s.rows.map((r, ri) => ({ id: r.id, path: [si, ri] as const })));
    if (rows.length > 10) ctx.addIssue({ code: "custom", path: ["sections"], message: "at most 10 rows in all" });
    const dup = unique(rows, (r) => r.id);
    const at = rows[dup];
    if (at)
      ctx.addIssue({
        code: "custom",
        path: ["sections", at.path[0], "rows", at.path[1], "id"],
        message: "must be unique",
      });
    requireSectionTitles(value.sections, ctx);
  });

export const ctaUrlSchema = z.strictObject({
  body: interactiveBody,
  displayText: text(20),
  url: httpsUrl,
  header: interactiveHeader.optional(),
  footer: footer.optional(),
});

const templateParameter = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), text: text(32768), parameter_name: text(100).optional() }),
  z.strictObject({
    type: z.literal("currency"),
    currency: z.strictObject({
      fallback_value: text(1000),
      code: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code"),
      amount_1000: z.number().int(),
    }),
    parameter_name: text(100).optional(),
  }),
  z.strictObject({
    type: z.literal("date_time"),
    date_time: z.strictObject({ fallback_value: text(1000) }),
    parameter_name: text(100).optional(),
  }),
  z.strictObject({ type: z.literal("image"), image: mediaSource }),
  z.strictObject({ type: z.literal("video"), video: mediaSource }),
  z.strictObject({ type: z.literal("location"), location: locationSchema }),
  z.strictObject({
    type: z.literal("document"),
    document: documentSource,
  }),
]);

const templateTextComponent = z.strictObject({
  type: z.enum(["header", "body"]),
  parameters: z.array(templateParameter),
});

const templateButtonComponent = z.strictObject({
  type: z.literal("button"),
  sub_type: z.enum(["quick_reply", "url", "copy_code", "flow", "CATALOG", "mpm"]),
  index: z.string().regex(/^\d$/, "must be a digit 0-9"),
  parameters: z
    .array(
      z.discriminatedUnion("type", [
        z.strictObject({ type: z.literal("payload"), payload: text(1000) }),
        z.strictObject({ type: z.literal("text"), text: text(2000) }),
        z.strictObject({ type: z.literal("coupon_code"), coupon_code: text(15) }),
        z.strictObject({ type: z.literal("action"), action: z.record(z.string(), z.unknown()) }),
      ]),
    )
    .min(1),
});

const templateComponent = z.discriminatedUnion("type", [
  templateTextComponent,
  templateButtonComponent,
  z.strictObject({
    type: z.literal("limited_time_offer"),
    parameters: z
      .array(
        z.strictObject({
          type: z.literal("limited_time_offer"),
          limited_time_offer: z.strictObject({ expiration_time_ms: z.number().int().positive() }),
        }),
      )
      .length(1),
  }),
  z.strictObject({
    type: z.literal("carousel"),
    cards: z
      .array(
        z.strictObject({
          card_index: z.number().int().min(0).max(9),
          components: z.array(z.union([templateTextComponent, templateButtonComponent])).min(1),
        }),
      )
      .min(1)
      .max(10),
  }),
]);

export const templateSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "lowercase letters, digits and underscores only"),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a language code such as fr or en_US"),
  components: z.array(templateComponent).optional(),
});
