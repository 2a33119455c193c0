import { WhatsAppValidationError } from "../errors.js";
import { defined } from "../messages/wire.js";

// Typed builders for the part of Flow JSON 7.x (Meta's "Flow JSON" and
// "Components" references) that forms need: screens in a SingleColumnLayout,
// headings and text, TextInput, TextArea, Dropdown, DatePicker, and a Footer
// whose action completes the Flow, asks the endpoint (data_exchange) or
// navigates. `flowJson()` checks the rules Meta would otherwise reject the
// upload for, naming the field.

/** The action of a Footer. */
export type FlowAction =
  | { name: "complete"; payload: Record<string, unknown> }
  | { name: "data_exchange"; payload: Record<string, unknown> }
  | { name: "navigate"; next: { type: "screen"; name: string }; payload: Record<string, unknown> };

/** A component of a screen, in Flow JSON's own (kebab-case) shape. */
export type FlowComponent =
  | { type: "TextHeading"; text: string }
  | { type: "TextSubheading"; text: string }
  | { type: "TextBody"; text: string }
  | {
      type: "TextInput";
      name: string;
      label: string;
      "input-type"?: "text" | "number" | "email" | "password" | "passcode" | "phone";
      required?: boolean;
      "helper-text"?: string;
      "min-chars"?: number;
      "max-chars"?: number;
      "init-value"?: string;
    }
  | { type: "TextArea"; name: string; label: string; required?: boolean; "helper-text"?: string; "max-length"?: number }
  | {
      type: "Dropdown";
      name: string;
      label: string;
      "data-source": Array<{ id: string; title: string; description?: string }> | string;
      required?: boolean;
    }
  | {
      type: "DatePicker";
      name: string;
      label: string;
      required?: boolean;
      "min-date"?: string;
      "max-date"?: string;
      "helper-text"?: string;
    }
  | { type: "Footer"; label: string; "on-click-action": FlowAction };

/** One screen. */
export interface FlowScreen {
  /** Upper-case letters and underscores, e.g. `PICKUP`; `SUCCESS` is reserved by Meta. */
  id: string;
  title: string;
  /** The Flow can end on this screen (it must then have a Footer). */
  terminal?: boolean;
  /** Whether ending here counts as a successful completion. Default true on a terminal screen. */
  success?: boolean;
  /** Data the screen receives (from the message or the endpoint), declared with an example: `{ pickup: { type: "string", __example__: "Bacongo" } }`. */
  data?: Record<
    string,
    { type: "string" | "number" | "boolean" | "object" | "array"; __example__: unknown; [key: string]: unknown }
  >;
  layout: { type: "SingleColumnLayout"; children: FlowComponent[] };
}

/** A whole Flow JSON document, ready for `createFlow` or `updateFlowJson`. */
export interface FlowJson {
  version: string;
  /** `"3.0"` when the Flow talks to a data-exchange endpoint. */
  data_api_version?: "3.0";
  /** Which screens each screen may lead to; required with an endpoint. */
  routing_model?: Record<string, string[]>;
  screens: FlowScreen[];
}

/** `${form.<name>}`: the value the user entered in the component `name`, for a payload. */
export const formRef = (name: string): string => `\${form.${name}}`;
/** `${data.<name>}`: a value the screen received, for a text or a payload. */
export const dataRef = (name: string): string => `\${data.${name}}`;

/** Ends the Flow and sends `payload` back in the completion message (`nfm_reply`). */
export const flowComplete = (payload: Record<string, unknown> = {}): FlowAction => ({ name: "complete", payload });
/** Sends `payload` to the data-exchange endpoint, which answers the next screen. */
export const flowDataExchange = (payload: Record<string, unknown> = {}): FlowAction => ({
  name: "data_exchange",
  payload,
});
/** Opens `screen`, passing `payload` as its data. */
export const flowNavigate = (screen: string, payload: Record<string, unknown> = {}): FlowAction => ({
  name: "navigate",
  next: { type: "screen", name: screen },
  payload,
});

/** A screen with its components. */
export function flowScreen(screen: Omit<FlowScreen, "layout"> & { children: FlowComponent[] }): FlowScreen {
  const { children, ...rest } = screen;
  const out: FlowScreen = { ...rest, layout: { type: "SingleColumnLayout", children } };
  if (out.terminal && out.success === undefined) out.success = true;
  return out;
}

/** Options of {@link flowJson}. */
export interface FlowJsonOptions {
  /** Flow JSON version within 7.x (Meta supports 7.0–7.3 for publishing). Default `"7.3"`, the one Meta recommends. */
  version?: string;
  /** Set when the Flow uses a data-exchange endpoint; a `routingModel` is then required. */
  dataApiVersion?: "3.0";
  routingModel?: Record<string, string[]>;
  screens: FlowScreen[];
}

// Character limits of the Components reference.
const LIMITS = {
  TextHeading: 80,
  TextSubheading: 80,
  TextBody: 4096,
  label: 20,
  dateLabel: 40,
  footer: 35,
  options: 200,
} as const;

type Issue = { field: string; rule: string };

function checkComponent(c: FlowComponent, at: string, names: Set<string>, issues: Issue[]): void {
  const need = (ok: boolean, field: string, rule: string) => {
    if (!ok) issues.push({ field: `${at}.${field}`, rule });
  };
  switch (c.type) {
    case "TextHeading":
    case "TextSubheading":
    case "TextBody":
      need(
        typeof c.text === "string" && c.text.length > 0 && c.text.length <= LIMITS[c.type],
        "text",
        `1 to ${LIMITS[c.type]} characters`,
      );
      return;
    case "Footer":
      need(
        typeof c.label === "string" && c.label.length > 0 && c.label.length <= LIMITS.footer,
        "label",
        `1 to ${LIMITS.footer} characters`,
      );
      return;
    default: {
      need(
        typeof c.name === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name),
        "name",
        "letters, digits and underscores",
      );
      need(!names.has(c.name), "name", "must be unique on its screen");
      names.add(c.name);
      need(typeof c.label === "string" && c.label.length > 0, "label", "must not be empty");
      const max = c.type === "DatePicker" ? LIMITS.dateLabel : LIMITS.label;
      need(typeof c.label === "string" && c.label.length <= max, "label", `at most ${max} characters`);
      if (c.type === "Dropdown" && Array.isArray(c["data-source"])) {
        const n = c["data-source"].length;
        need(n >= 1 && n <= LIMITS.options, "data-source", `1 to ${LIMITS.options} options`);
      }
    }
  }
}

/**
 * Builds and checks a Flow JSON document: screen ids unique and well formed,
 * one Footer at most per screen and one on every terminal screen, at least
 * one terminal screen, component names unique per screen, the documented
 * lengths, navigate targets that exist, and a routing model (over existing
 * screens) whenever an endpoint is used — including by a `data_exchange` Footer.
 *
 * @example
 * const form = flowJson({ screens: [flowScreen({ id: "PICKUP", title: "Départ", terminal: true, children: [
 *   flowTextInput({ name: "pickup", label: "Adresse de départ", required: true }),
 *   flowFooter("Envoyer", flowComplete({ pickup: formRef("pickup") })),
 * ] })] });
 */
export function flowJson(options: FlowJsonOptions): FlowJson {
  const issues: Issue[] = [];
  const version = options.version ?? "7.3";
  if (!/^7\.\d+$/.test(version)) issues.push({ field: "version", rule: "a Flow JSON 7.x version such as 7.3" });
  const screens = Array.isArray(options.screens) ? options.screens : [];
  if (screens.length === 0) issues.push({ field: "screens", rule: "at least 1 item" });
  const ids = new Set<string>();
  let usesEndpoint = options.dataApiVersion !== undefined;
  const targets: Array<{ target: string; field: string }> = [];
  screens.forEach((s, i) => {
    const at = `screens[${i}]`;
    if (typeof s.id !== "string" || !/^[A-Z][A-Z_]*$/.test(s.id) || s.id === "SUCCESS") {
      issues.push({ field: `${at}.id`, rule: "upper-case letters and underscores, not SUCCESS" });
    } else if (ids.has(s.id)) issues.push({ field: `${at}.id`, rule: "must be unique" });
    ids.add(s.id);
    if (typeof s.title !== "string" || s.title === "") issues.push({ field: `${at}.title`, rule: "must not be empty" });
    const children = s.layout?.children ?? [];
    const names = new Set<string>();
    let footers = 0;
    children.forEach((c, j) => {
      const cat = `${at}.layout.children[${j}]`;
      checkComponent(c, cat, names, issues);
      if (c.type !== "Footer") return;
      footers++;
      const action = c["on-click-action"];
      if (action?.name === "data_exchange") usesEndpoint = true;
      if (action?.name === "navigate")
        targets.push({ target: action.next?.name, field: `${cat}.on-click-action.next.name` });
    });
    if (footers > 1) issues.push({ field: `${at}.layout.children`, rule: "at most one Footer" });
    if (s.terminal && footers === 0)
      issues.push({ field: `${at}.layout.children`, rule: "a terminal screen needs a Footer" });
  });
  if (screens.length > 0 && !screens.some((s) => s.terminal)) {
    issues.push({ field: "screens", rule: "at least one terminal screen" });
  }
  for (const t of targets) if (!ids.has(t.target)) issues.push({ field: t.field, rule: "an existing screen id" });
  const routing = options.routingModel;
  if (usesEndpoint && routing === undefined) {
    issues.push({ field: "routingModel", rule: "required when the Flow uses a data-exchange endpoint" });
  }
  for (const [from, to] of Object.entries(routing ?? {})) {
    if (!ids.has(from)) issues.push({ field: `routingModel.${from}`, rule: "an existing screen id" });
    for (const next of to)
      if (!ids.has(next)) issues.push({ field: `routingModel.${from}`, rule: `unknown screen ${next}` });
  }
  if (issues.length > 0) throw new WhatsAppValidationError(issues);
  const out: FlowJson = { version, screens };
  if (usesEndpoint) {
    out.data_api_version = "3.0";
    out.routing_model = routing as Record<string, string[]>;
  }
  return out;
}

/** A large title. */
export const flowTextHeading = (text: string): FlowComponent => ({ type: "TextHeading", text });
/** A paragraph. */
export const flowTextBody = (text: string): FlowComponent => ({ type: "TextBody", text });

/** A component of `type` with only its defined properties (the parameter types of each builder keep it well formed). */
function component(type: FlowComponent["type"], properties: Record<string, unknown>): FlowComponent {
  return { type, ...defined(properties) } as FlowComponent;
}

/** A one-line input. */
export function flowTextInput(o: {
  name: string;
  label: string;
  inputType?: "text" | "number" | "email" | "password" | "passcode" | "phone";
  required?: boolean;
  helperText?: string;
  minChars?: number;
  maxChars?: number;
  initValue?: string;
}): FlowComponent {
  return component("TextInput", {
    name: o.name,
    label: o.label,
    "input-type": o.inputType,
    required: o.required,
    "helper-text": o.helperText,
    "min-chars": o.minChars,
    "max-chars": o.maxChars,
    "init-value": o.initValue,
  });
}

/** A multi-line input. */
export function flowTextArea(o: {
  name: string;
  label: string;
  required?: boolean;
  helperText?: string;
  maxLength?: number;
}): FlowComponent {
  return component("TextArea", {
    name: o.name,
    label: o.label,
    required: o.required,
    "helper-text": o.helperText,
    "max-length": o.maxLength,
  });
}

/** A choice among options (or `${data.x}` to take them from the screen's data). */
export function flowDropdown(o: {
  name: string;
  label: string;
  options: Array<{ id: string; title: string; description?: string }> | string;
  required?: boolean;
}): FlowComponent {
  return component("Dropdown", { name: o.name, label: o.label, "data-source": o.options, required: o.required });
}

/** A date, answered as `YYYY-MM-DD`. */
export function flowDatePicker(o: {
  name: string;
  label: string;
  required?: boolean;
  minDate?: string;
  maxDate?: string;
  helperText?: string;
}): FlowComponent {
  return component("DatePicker", {
    name: o.name,
    label: o.label,
    required: o.required,
    "min-date": o.minDate,
    "max-date": o.maxDate,
    "helper-text": o.helperText,
  });
}

/** The button at the bottom of a screen. */
export const flowFooter = (label: string, action: FlowAction): FlowComponent => ({
  type: "Footer",
  label,
  "on-click-action": action,
});
