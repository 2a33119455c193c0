import { defined } from "../messages/wire.js";
import type { FlowAction, FlowComponent, FlowOptions } from "./flow-components.js";

// One builder per component, camelCase in, Flow JSON's kebab-case out; the
// rules are checked once, by `flowJson()`, where the whole screen is known.

/** `${form.<name>}`: the value the user entered in the component `name`, for a payload. */
export const formRef = (name: string): string => `\${form.${name}}`;
/** `${data.<name>}`: a value the screen received, for a text or a payload. */
export const dataRef = (name: string): string => `\${data.${name}}`;

/** Ends the Flow and sends `payload` back in the completion message (`nfm_reply`). */
export const flowComplete = (payload: Record<string, unknown> = {}): Extract<FlowAction, { name: "complete" }> => ({
  name: "complete",
  payload,
});
/** Sends `payload` to the data-exchange endpoint, which answers the next screen. */
export const flowDataExchange = (
  payload: Record<string, unknown> = {},
): Extract<FlowAction, { name: "data_exchange" }> => ({
  name: "data_exchange",
  payload,
});
/** Opens `screen`, passing `payload` as its data. */
export const flowNavigate = (
  screen: string,
  payload: Record<string, unknown> = {},
): Extract<FlowAction, { name: "navigate" }> => ({
  name: "navigate",
  next: { type: "screen", name: screen },
  payload,
});

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
  options: FlowOptions;
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

/** One choice among options shown at once, answered as the option's id. */
export function flowRadioButtons(o: {
  name: string;
  label: string;
  options: FlowOptions;
  description?: string;
  required?: boolean;
  initValue?: string;
}): FlowComponent {
  return component("RadioButtonsGroup", {
    name: o.name,
    label: o.label,
    "data-source": o.options,
    description: o.description,
    required: o.required,
    "init-value": o.initValue,
  });
}

/** Several choices, answered as the list of the checked options' ids. */
export function flowCheckboxes(o: {
  name: string;
  label: string;
  options: FlowOptions;
  description?: string;
  required?: boolean;
  minSelected?: number;
  maxSelected?: number;
  initValue?: string[];
}): FlowComponent {
  return component("CheckboxGroup", {
    name: o.name,
    label: o.label,
    "data-source": o.options,
    description: o.description,
    required: o.required,
    "min-selected-items": o.minSelected,
    "max-selected-items": o.maxSelected,
    "init-value": o.initValue,
  });
}

/** A box to tick (e.g. accepting the terms), answered as `true` or `false`; its link may open a screen. */
export function flowOptIn(o: {
  name: string;
  label: string;
  required?: boolean;
  initValue?: boolean;
  onClick?: Extract<FlowAction, { name: "navigate" | "data_exchange" }>;
}): FlowComponent {
  return component("OptIn", {
    name: o.name,
    label: o.label,
    required: o.required,
    "init-value": o.initValue,
    "on-click-action": o.onClick,
  });
}

/** An image: base64 JPEG or PNG (or `${data.x}`); at most 3 a screen. */
export function flowImage(o: {
  src: string;
  width?: number;
  height?: number;
  scaleType?: "cover" | "contain";
  aspectRatio?: number;
  altText?: string;
}): FlowComponent {
  return component("Image", {
    src: o.src,
    width: o.width,
    height: o.height,
    "scale-type": o.scaleType,
    "aspect-ratio": o.aspectRatio,
    "alt-text": o.altText,
  });
}

/** Components shown only while `condition` holds (`otherwise` when it does not); a Footer inside needs both. */
export function flowIf(condition: string, then: FlowComponent[], otherwise?: FlowComponent[]): FlowComponent {
  return component("If", { condition, then, else: otherwise });
}

/** The components of the case named by `value` (`default` when no case matches). */
export function flowSwitch(value: string, cases: Record<string, FlowComponent[]>): FlowComponent {
  return { type: "Switch", value, cases };
}

/** The button at the bottom of a screen. */
export const flowFooter = (label: string, action: FlowAction): FlowComponent => ({
  type: "Footer",
  label,
  "on-click-action": action,
});
