// The Flow JSON shapes of actions and components, in Meta's own (kebab-case)
// property names, as its "Flow JSON" and "Components" references give them.
// Every component here exists in each Flow JSON 7.x version `flowJson()` emits:
// TextHeading … Image since the first public versions (2.1), If and Switch
// since 4.0.

/** The action of a Footer or an OptIn. */
export type FlowAction =
  | { name: "complete"; payload: Record<string, unknown> }
  | { name: "data_exchange"; payload: Record<string, unknown> }
  | { name: "navigate"; next: { type: "screen"; name: string }; payload: Record<string, unknown> };

/** One option of a Dropdown, RadioButtonsGroup or CheckboxGroup (its `data-source`). */
export interface FlowOption {
  /** What the completion or the endpoint receives when this option is chosen; unique in its list. */
  id: string;
  /** At most 30 characters. */
  title: string;
  /** At most 300 characters. */
  description?: string;
  /** At most 20 characters, shown beside the title. */
  metadata?: string;
  /** Default true. */
  enabled?: boolean;
  /** Base64 JPEG or PNG (at most 100 KB from Flow JSON 6.0). */
  image?: string;
  "alt-text"?: string;
}

/** A list of options, or `${data.x}` to take them from the screen's data. */
export type FlowOptions = FlowOption[] | string;

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
  | { type: "Dropdown"; name: string; label: string; "data-source": FlowOptions; required?: boolean }
  | {
      type: "DatePicker";
      name: string;
      label: string;
      required?: boolean;
      "min-date"?: string;
      "max-date"?: string;
      "helper-text"?: string;
    }
  | {
      type: "RadioButtonsGroup";
      name: string;
      label: string;
      "data-source": FlowOptions;
      description?: string;
      required?: boolean;
      /** The id of the option chosen at first. */
      "init-value"?: string;
    }
  | {
      type: "CheckboxGroup";
      name: string;
      label: string;
      "data-source": FlowOptions;
      description?: string;
      required?: boolean;
      "min-selected-items"?: number;
      "max-selected-items"?: number;
      /** The ids of the options checked at first. */
      "init-value"?: string[];
    }
  | {
      type: "OptIn";
      name: string;
      label: string;
      required?: boolean;
      "init-value"?: boolean;
      /** Opens a screen (e.g. the terms) or asks the endpoint; `complete` is not allowed here. */
      "on-click-action"?: Extract<FlowAction, { name: "navigate" | "data_exchange" }>;
    }
  | {
      type: "Image";
      /** Base64 JPEG or PNG, or `${data.x}`. */
      src: string;
      width?: number;
      height?: number;
      /** Default `contain`. */
      "scale-type"?: "cover" | "contain";
      /** Default 1. */
      "aspect-ratio"?: number;
      "alt-text"?: string;
    }
  | {
      type: "If";
      /** A boolean expression over `${data.x}` / `${form.x}`, e.g. `${form.express} == true`. */
      condition: string;
      then: FlowComponent[];
      else?: FlowComponent[];
    }
  | {
      type: "Switch";
      /** `${data.x}` or `${form.x}`: the case of the same name is shown (`default` when none matches). */
      value: string;
      cases: Record<string, FlowComponent[]>;
    }
  | { type: "Footer"; label: string; "on-click-action": FlowAction };
