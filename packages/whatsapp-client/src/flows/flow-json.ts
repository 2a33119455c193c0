import { WhatsAppValidationError } from "../errors.js";
import { checkChildren, checkTally, emptyTally, type Issue } from "./flow-check.js";
import type { FlowComponent } from "./flow-components.js";

// Typed builders for Flow JSON 7.x (Meta's "Flow JSON" and "Components"
// references): screens in a SingleColumnLayout holding the components of
// flow-components.ts, built by flow-builders.ts. `flowJson()` checks the rules
// Meta would otherwise reject the upload for, naming the field.

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

/**
 * Builds and checks a Flow JSON document: screen ids unique and well formed,
 * one Footer at most per screen and one on every terminal screen, at least
 * one terminal screen, component names unique per screen (a name may repeat
 * across the branches of an If or Switch), the documented lengths, options
 * (not empty, unique ids, initial values among them), If and Switch nesting
 * and their Footers, at most 5 OptIns and 3 Images a screen, navigate targets
 * that exist, and a routing model (over existing screens) whenever an endpoint
 * is used — including by a `data_exchange` Footer or OptIn.
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
    const tally = emptyTally();
    const list = `${at}.layout.children`;
    checkChildren(s.layout?.children ?? [], list, new Set<string>(), tally, issues);
    if (tally.usesEndpoint) usesEndpoint = true;
    targets.push(...tally.targets);
    if (tally.footers > 1) issues.push({ field: list, rule: "at most one Footer" });
    if (s.terminal && tally.footers === 0) issues.push({ field: list, rule: "a terminal screen needs a Footer" });
    checkTally(tally, list, issues);
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
