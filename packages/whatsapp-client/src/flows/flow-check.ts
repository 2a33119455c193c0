import type { FlowAction, FlowComponent, FlowOptions } from "./flow-components.js";

// The rules of Meta's Components reference that an upload would otherwise be
// rejected for (or that would break the form on the phone), checked before
// anything leaves, each reported with the path of the field.

/** One broken rule. */
export type Issue = { field: string; rule: string };

/** What a screen's components add up to, for the rules that span the screen. */
export interface ScreenTally {
  footers: number;
  optIns: number;
  images: number;
  usesEndpoint: boolean;
  /** Screens opened by a `navigate` action, with where each was named. */
  targets: Array<{ target: string; field: string }>;
}

// Character limits and counts of the Components reference.
const LIMITS = {
  TextHeading: 80,
  TextSubheading: 80,
  TextBody: 4096,
  label: 20,
  dateLabel: 40,
  groupLabel: 30,
  description: 300,
  footer: 35,
  dropdownOptions: 200,
  optionTitle: 30,
  optionMetadata: 20,
  optInsPerScreen: 5,
  imagesPerScreen: 3,
  /** An If may hold an If, three levels deep at most. */
  ifDepth: 3,
} as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATA_REF = /^\$\{data\.[A-Za-z_][A-Za-z0-9_.]*\}$/;
const text = (v: unknown, max: number) => typeof v === "string" && v.trim() !== "" && v.length <= max;

/** An empty tally, to start a screen or a branch. */
export const emptyTally = (): ScreenTally => ({ footers: 0, optIns: 0, images: 0, usesEndpoint: false, targets: [] });

function addAction(action: FlowAction | undefined, field: string, tally: ScreenTally): void {
  if (action?.name === "data_exchange") tally.usesEndpoint = true;
  if (action?.name === "navigate") tally.targets.push({ target: action.next?.name, field: `${field}.next.name` });
}

/** Checks a data-source; returns the option ids when it is a literal list. */
function checkOptions(
  options: FlowOptions,
  at: string,
  max: number | undefined,
  issues: Issue[],
): Set<string> | undefined {
  const field = `${at}.data-source`;
  if (typeof options === "string") {
    if (!DATA_REF.test(options)) issues.push({ field, rule: "a list of options or a data reference (dataRef)" });
    return undefined;
  }
  if (!Array.isArray(options) || options.length === 0) {
    issues.push({ field, rule: "at least 1 option" });
    return undefined;
  }
  if (max !== undefined && options.length > max) issues.push({ field, rule: `at most ${max} options` });
  const ids = new Set<string>();
  options.forEach((o, i) => {
    const f = `${field}[${i}]`;
    if (typeof o?.id !== "string" || o.id === "") issues.push({ field: `${f}.id`, rule: "must not be empty" });
    else if (ids.has(o.id)) issues.push({ field: `${f}.id`, rule: "must be unique in its list" });
    ids.add(o?.id);
    if (!text(o?.title, LIMITS.optionTitle)) {
      issues.push({ field: `${f}.title`, rule: `1 to ${LIMITS.optionTitle} characters` });
    }
    if (o?.description !== undefined && !text(o.description, LIMITS.description)) {
      issues.push({ field: `${f}.description`, rule: `1 to ${LIMITS.description} characters` });
    }
    if (o?.metadata !== undefined && !text(o.metadata, LIMITS.optionMetadata)) {
      issues.push({ field: `${f}.metadata`, rule: `1 to ${LIMITS.optionMetadata} characters` });
    }
  });
  return ids;
}

function checkChoice(c: FlowComponent, at: string, issues: Issue[]): void {
  const need = (ok: boolean, field: string, rule: string) => {
    if (!ok) issues.push({ field: `${at}.${field}`, rule });
  };
  if (c.type === "Dropdown") {
    checkOptions(c["data-source"], at, LIMITS.dropdownOptions, issues);
    return;
  }
  if (c.type !== "RadioButtonsGroup" && c.type !== "CheckboxGroup") return;
  const ids = checkOptions(c["data-source"], at, undefined, issues);
  if (c.description !== undefined) {
    need(text(c.description, LIMITS.description), "description", `1 to ${LIMITS.description} characters`);
  }
  const initial = c["init-value"];
  const chosen = initial === undefined ? [] : Array.isArray(initial) ? initial : [initial];
  if (ids)
    need(
      chosen.every((id) => ids.has(id)),
      "init-value",
      "ids of the options",
    );
  if (c.type !== "CheckboxGroup") return;
  const min = c["min-selected-items"];
  const max = c["max-selected-items"];
  const count = (v: number | undefined, field: string) => {
    if (v !== undefined) need(Number.isInteger(v) && v >= 1, field, "a whole number, at least 1");
  };
  count(min, "min-selected-items");
  count(max, "max-selected-items");
  if (min !== undefined && max !== undefined) need(min <= max, "min-selected-items", "at most max-selected-items");
  if (ids && max !== undefined) need(max <= ids.size, "max-selected-items", "at most the number of options");
}

function checkBranches(
  branches: Array<{ children: FlowComponent[]; at: string }>,
  names: Set<string>,
  tally: ScreenTally,
  issues: Issue[],
  depth: number,
): ScreenTally[] {
  const added = new Set<string>();
  const tallies = branches.map((b) => {
    // Only one branch is shown, so its names need only be unique against the rest of the screen.
    const scope = new Set(names);
    const t = emptyTally();
    checkChildren(b.children, b.at, scope, t, issues, depth + 1);
    for (const n of scope) if (!names.has(n)) added.add(n);
    return t;
  });
  for (const n of added) names.add(n);
  tally.footers += Math.max(0, ...tallies.map((t) => t.footers));
  tally.optIns += Math.max(0, ...tallies.map((t) => t.optIns));
  tally.images += Math.max(0, ...tallies.map((t) => t.images));
  for (const t of tallies) {
    tally.usesEndpoint ||= t.usesEndpoint;
    tally.targets.push(...t.targets);
  }
  return tallies;
}

function checkConditional(
  c: Extract<FlowComponent, { type: "If" | "Switch" }>,
  at: string,
  names: Set<string>,
  tally: ScreenTally,
  issues: Issue[],
  depth: number,
): void {
  if (depth >= LIMITS.ifDepth) issues.push({ field: at, rule: `at most ${LIMITS.ifDepth} levels of If and Switch` });
  let branches: Array<{ children: FlowComponent[]; at: string }>;
  if (c.type === "If") {
    if (!text(c.condition, Number.POSITIVE_INFINITY))
      issues.push({ field: `${at}.condition`, rule: "must not be empty" });
    if (!Array.isArray(c.then) || c.then.length === 0)
      issues.push({ field: `${at}.then`, rule: "at least 1 component" });
    branches = [{ children: c.then ?? [], at: `${at}.then` }];
    if (c.else !== undefined) branches.push({ children: c.else, at: `${at}.else` });
  } else {
    if (!text(c.value, Number.POSITIVE_INFINITY)) issues.push({ field: `${at}.value`, rule: "must not be empty" });
    const cases = Object.entries(c.cases ?? {});
    if (cases.length === 0) issues.push({ field: `${at}.cases`, rule: "at least 1 case" });
    branches = cases.map(([k, children]) => ({ children, at: `${at}.cases.${k}` }));
  }
  const tallies = checkBranches(branches, names, tally, issues, depth);
  const withFooter = tallies.filter((t) => t.footers > 0).length;
  if (withFooter === 0) return;
  if (depth > 0) issues.push({ field: at, rule: "a Footer only in an If or Switch at the first level" });
  // A Footer in one branch and not in another would leave the screen without one.
  if (c.type === "If" && (c.else === undefined || withFooter < tallies.length)) {
    issues.push({ field: `${at}.else`, rule: "a Footer in one branch needs one in the other" });
  }
}

/** Checks one component (and those an If or Switch holds), adding to the screen's tally. */
function checkComponent(
  c: FlowComponent,
  at: string,
  names: Set<string>,
  tally: ScreenTally,
  issues: Issue[],
  depth: number,
): void {
  const need = (ok: boolean, field: string, rule: string) => {
    if (!ok) issues.push({ field: `${at}.${field}`, rule });
  };
  switch (c.type) {
    case "TextHeading":
    case "TextSubheading":
    case "TextBody":
      need(text(c.text, LIMITS[c.type]), "text", `1 to ${LIMITS[c.type]} characters`);
      return;
    case "Footer":
      need(text(c.label, LIMITS.footer), "label", `1 to ${LIMITS.footer} characters`);
      tally.footers++;
      addAction(c["on-click-action"], `${at}.on-click-action`, tally);
      return;
    case "Image":
      need(typeof c.src === "string" && c.src !== "", "src", "a base64 image or a data reference (dataRef)");
      for (const k of ["width", "height", "aspect-ratio"] as const) {
        const v = c[k];
        if (v !== undefined) need(typeof v === "number" && v > 0, k, "a positive number");
      }
      tally.images++;
      return;
    case "If":
    case "Switch":
      checkConditional(c, at, names, tally, issues, depth);
      return;
    default: {
      need(typeof c.name === "string" && NAME.test(c.name), "name", "letters, digits and underscores");
      need(!names.has(c.name), "name", "must be unique on its screen");
      names.add(c.name);
      need(typeof c.label === "string" && c.label.trim() !== "", "label", "must not be empty");
      const max =
        c.type === "DatePicker"
          ? LIMITS.dateLabel
          : c.type === "RadioButtonsGroup" || c.type === "CheckboxGroup"
            ? LIMITS.groupLabel
            : c.type === "OptIn"
              ? undefined
              : LIMITS.label;
      if (max !== undefined)
        need(typeof c.label === "string" && c.label.length <= max, "label", `at most ${max} characters`);
      if (c.type === "OptIn") {
        tally.optIns++;
        const action = c["on-click-action"] as FlowAction | undefined;
        need(action?.name !== "complete", "on-click-action", "navigate or data_exchange");
        addAction(action, `${at}.on-click-action`, tally);
      }
      checkChoice(c, at, issues);
    }
  }
}

/** Checks a list of components; `depth` counts the If and Switch around it. */
export function checkChildren(
  children: FlowComponent[],
  at: string,
  names: Set<string>,
  tally: ScreenTally,
  issues: Issue[],
  depth = 0,
): void {
  if (!Array.isArray(children)) {
    issues.push({ field: at, rule: "a list of components" });
    return;
  }
  children.forEach((c, j) => {
    checkComponent(c, `${at}[${j}]`, names, tally, issues, depth);
  });
}

/** The per-screen counts of the Components reference. */
export function checkTally(tally: ScreenTally, at: string, issues: Issue[]): void {
  if (tally.optIns > LIMITS.optInsPerScreen) {
    issues.push({ field: at, rule: `at most ${LIMITS.optInsPerScreen} OptIn components` });
  }
  if (tally.images > LIMITS.imagesPerScreen) {
    issues.push({ field: at, rule: `at most ${LIMITS.imagesPerScreen} Image components` });
  }
}
