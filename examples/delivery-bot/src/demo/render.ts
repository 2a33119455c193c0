/** A choice the customer can pick by typing its number. */
export interface Choice {
  /** Which reply it becomes: a button tap or a list row pick. */
  kind: "button" | "list";
  id: string;
  title: string;
  description?: string;
}

/** An outbound Graph API message turned into terminal text. */
export interface RenderedMessage {
  /** Plain text, several lines; choices are listed as `1. Title`. */
  text: string;
  /** Numbered choices (empty when the message has none). */
  choices: Choice[];
  /** True when the bot asked for a location share. */
  asksLocation: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function headerText(header: unknown): string {
  const h = obj(header);
  if (h.type === "text") return str(h.text);
  if (typeof h.type === "string") return `[${h.type}]`;
  return "";
}

function renderInteractive(interactive: Obj): RenderedMessage {
  const lines: string[] = [];
  const header = headerText(interactive.header);
  if (header) lines.push(`*${header}*`);
  const body = str(obj(interactive.body).text);
  if (body) lines.push(body);
  const footer = str(obj(interactive.footer).text);
  const action = obj(interactive.action);
  const choices: Choice[] = [];
  let asksLocation = false;
  if (interactive.type === "button") {
    for (const b of arr(action.buttons)) {
      const reply = obj(obj(b).reply);
      choices.push({ kind: "button", id: str(reply.id), title: str(reply.title) });
    }
  } else if (interactive.type === "list") {
    lines.push(`[${str(action.button) || "Menu"}]`);
    let n = 0;
    for (const section of arr(action.sections)) {
      const title = str(obj(section).title);
      const rows = arr(obj(section).rows).map((r) => obj(r));
      if (title) lines.push(`  — ${title}`);
      for (const row of rows) {
        n++;
        const description = str(row.description);
        choices.push({
          kind: "list",
          id: str(row.id),
          title: str(row.title),
          ...(description ? { description } : {}),
        });
        lines.push(`  ${n}. ${str(row.title)}${description ? ` — ${description}` : ""}`);
      }
    }
  } else if (interactive.type === "cta_url") {
    const p = obj(action.parameters);
    lines.push(`🔗 ${str(p.display_text)}: ${str(p.url)}`);
  } else if (interactive.type === "location_request_message") {
    asksLocation = true;
    lines.push("📍 (partagez une position : /loc LATITUDE LONGITUDE, par ex. /loc -4.2634 15.2429)");
  }
  if (interactive.type === "button") {
    for (const [i, c] of choices.entries()) lines.push(`  ${i + 1}. ${c.title}`);
  }
  if (footer) lines.push(`_${footer}_`);
  return { text: lines.join("\n"), choices, asksLocation };
}

function renderTemplate(template: Obj): string {
  const params = arr(template.components).flatMap((c) =>
    arr(obj(c).parameters).map((p) => {
      const param = obj(p);
      if (param.type === "text") return str(param.text);
      if (param.type === "currency") return str(obj(param.currency).fallback_value);
      if (param.type === "date_time") return str(obj(param.date_time).fallback_value);
      return `[${str(param.type)}]`;
    }),
  );
  return `📨 modèle « ${str(template.name)} » (${str(obj(template.language).code)}) : ${params.join(" · ")}`;
}

/** Turns the JSON body the bot POSTed to `/messages` into what the customer would see. */
export function renderOutbound(body: Obj): RenderedMessage {
  const type = str(body.type) || "text";
  const content = obj(body[type]);
  const plain = (text: string): RenderedMessage => ({ text, choices: [], asksLocation: false });
  switch (type) {
    case "text":
      return plain(str(content.body));
    case "interactive":
      return renderInteractive(content);
    case "location": {
      const place = [str(content.name), str(content.address)].filter(Boolean).join(", ");
      return plain(`📍 ${place ? `${place} ` : ""}(${content.latitude}, ${content.longitude})`);
    }
    case "contacts":
      return plain(
        arr(body.contacts)
          .map((c) => {
            const card = obj(c);
            const phones = arr(card.phones).map((p) => str(obj(p).phone));
            return `👤 ${str(obj(card.name).formatted_name)} ${phones.join(", ")}`.trim();
          })
          .join("\n"),
      );
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const caption = str(content.caption);
      return plain(`🖼 [${type}]${caption ? ` ${caption}` : ""}`);
    }
    case "template":
      return plain(renderTemplate(content));
    case "reaction":
      return plain(`(réaction ${str(content.emoji)})`);
    default:
      return plain(`[${type}]`);
  }
}
