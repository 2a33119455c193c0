// Which reader turns each subscription field (`changes[].field`) into events. A field missing
// here becomes an `unknown` event carrying its value.
import {
  readAccountAlert,
  readAccountReview,
  readAccountUpdate,
  readBusinessCapability,
  readFlow,
  readPartnerSolution,
  readPaymentConfiguration,
  readPhoneNumberName,
  readPhoneNumberQuality,
  readSecurity,
} from "./parse-account.js";
import type { FieldReader } from "./parse-context.js";
import { readMessagesField } from "./parse-messages-field.js";
import {
  readAutomaticEvents,
  readCalls,
  readGroups,
  readHistory,
  readMessageEchoes,
  readStateSync,
  readUserPreferences,
} from "./parse-number-fields.js";
import {
  readTemplateCategory,
  readTemplateComponents,
  readTemplateQuality,
  readTemplateStatus,
} from "./parse-templates.js";

/** Every webhook field of the WhatsApp Business Account object that Meta documents for Graph v23.0. */
export const FIELD_READERS: ReadonlyMap<string, FieldReader> = new Map<string, FieldReader>([
  ["messages", readMessagesField],
  ["calls", readCalls],
  ["smb_message_echoes", readMessageEchoes],
  ["smb_app_state_sync", readStateSync],
  ["history", readHistory],
  ["user_preferences", readUserPreferences],
  ["group_lifecycle_update", readGroups],
  ["group_settings_update", readGroups],
  ["group_participants_update", readGroups],
  // The singular is the name in the vendored OpenAPI enum; Meta's Groups docs and payloads use the plural.
  ["group_participant_update", readGroups],
  ["group_status_update", readGroups],
  ["automatic_events", readAutomaticEvents],
  ["message_template_status_update", readTemplateStatus],
  ["message_template_quality_update", readTemplateQuality],
  ["template_category_update", readTemplateCategory],
  ["message_template_components_update", readTemplateComponents],
  ["account_update", readAccountUpdate],
  ["account_review_update", readAccountReview],
  ["account_alerts", readAccountAlert],
  ["business_capability_update", readBusinessCapability],
  ["phone_number_name_update", readPhoneNumberName],
  ["phone_number_quality_update", readPhoneNumberQuality],
  ["security", readSecurity],
  ["flows", readFlow],
  ["payment_configuration_update", readPaymentConfiguration],
  ["partner_solutions", readPartnerSolution],
]);
