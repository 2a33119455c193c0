// Events of the template fields: message_template_status_update, message_template_quality_update,
// template_category_update and message_template_components_update.
import type { AccountScope } from "./event-base.js";

/** Which template a change is about. Meta keys a template by name and language. */
export interface TemplateRef extends AccountScope {
  /** `message_template_id`, as a string (Meta sends a number wider than many JSON tools keep). */
  templateId: string;
  templateName: string;
  /** Language and locale code as Meta sends it (`fr`, `en_US`, `en-US`). */
  language: string;
  /** When Meta triggered the change (`entry[].time`), when it says. */
  timestamp?: Date;
  /** The change's `value` as received. */
  raw: Record<string, unknown>;
}

/** Template statuses Meta documents; a newer value is kept as is. */
export type TemplateStatus =
  | "APPROVED"
  | "ARCHIVED"
  | "DELETED"
  | "DISABLED"
  | "FLAGGED"
  | "IN_APPEAL"
  | "LIMIT_EXCEEDED"
  | "LOCKED"
  | "PAUSED"
  | "PENDING"
  | "PENDING_DELETION"
  | "REINSTATED"
  | "REJECTED"
  | "UNARCHIVED"
  | (string & {});

/** Template (and phone number) quality ratings. */
export type QualityRating = "GREEN" | "YELLOW" | "RED" | "UNKNOWN" | (string & {});

/** A template was approved, rejected, paused, disabled, flagged, archived… (`message_template_status_update`). */
export interface TemplateStatusEvent extends TemplateRef {
  kind: "template_status";
  /** The new status (`event`). */
  status: TemplateStatus;
  /** Why (`reason`): a rejection reason such as `INVALID_FORMAT`, or `NONE` for a pause; absent when null. */
  reason?: string;
  /** `MARKETING`, `UTILITY` or `AUTHENTICATION`. */
  category?: string;
  /** When a disabled template was disabled (`disable_info.disable_date`). */
  disabledAt?: Date;
  /** Pause, unpause or lock details (`other_info`): e.g. `FIRST_PAUSE`, `UNPAUSE`. */
  title?: string;
  description?: string;
  /** Why an `INVALID_FORMAT` rejection happened and what to change (`rejection_info`). */
  rejection?: { reason?: string; recommendation?: string };
}

/** A template's quality score changed (`message_template_quality_update`). */
export interface TemplateQualityEvent extends TemplateRef {
  kind: "template_quality";
  previousQuality?: QualityRating;
  /** The new score; `RED` means the template is about to be paused. */
  quality: QualityRating;
}

/**
 * A template's category changed, or will change in 24 hours (`template_category_update`).
 * For an announced change `category` is the current one and `correctCategory` the coming one.
 */
export interface TemplateCategoryEvent extends TemplateRef {
  kind: "template_category";
  /** `new_category`: the category now. */
  category: string;
  previousCategory?: string;
  /** The category the template will have at `changesAt`. */
  correctCategory?: string;
  changesAt?: Date;
}

/** One button of an edited template. */
export interface TemplateButtonInfo {
  /** `QUICK_REPLY`, `URL`, `PHONE_NUMBER`, `FLOW`, `COPY_CODE`, `CATALOG`, `MPM`… */
  type: string;
  text?: string;
  url?: string;
  phoneNumber?: string;
}

/** A template was edited (`message_template_components_update`). */
export interface TemplateComponentsEvent extends TemplateRef {
  kind: "template_components";
  /** Body text (`message_template_element`). */
  body?: string;
  /** Text header (`message_template_title`). */
  header?: string;
  footer?: string;
  buttons: TemplateButtonInfo[];
}
