import type { Mission } from "../backend/types.js";
import { catalogues } from "../i18n/catalogue.js";
import type { Messenger } from "../messaging/messenger.js";
import { defaultTemplates, type TemplatePicker } from "../notifications/templates.js";
import type { DispatchSettings } from "./options.js";
import { dispatchTexts } from "./texts.js";
import type { DispatchStore } from "./types.js";

/** What {@link sendDelayedOnce} needs. */
export interface LateCheckDeps {
  store: Pick<DispatchStore, "once">;
  messenger: Pick<Messenger, "sendTemplate">;
  templates: TemplatePicker | undefined;
  settings: DispatchSettings;
  now: () => number;
}

/**
 * Sends `delivery_delayed` once when the mission is still not delivered past its ETA and margin, with
 * the new estimate (`minutesLeft` from the driver's position, else a quarter of an hour) in words.
 */
export async function sendDelayedOnce(
  deps: LateCheckDeps,
  mission: Mission,
  minutesLeft: number | undefined,
): Promise<void> {
  if (mission.status === "delivered" || mission.status === "cancelled") return;
  const { settings } = deps;
  if (!(await deps.store.once(`delayed:${mission.id}`, settings.memoryMs))) return;
  const template = (deps.templates ?? defaultTemplates)(
    {
      kind: "delayed",
      mission,
      newEta: new Date(deps.now() + (minutesLeft ?? 15) * 60_000),
      reason: dispatchTexts[settings.locale].lateReason,
      to: mission.clientPhone,
    },
    catalogues[settings.locale],
    settings.templateLanguage ?? settings.locale,
  );
  // A template, not a session message: the customer may not have written for more than 24 h.
  if (template) await deps.messenger.sendTemplate(mission.clientPhone.replace(/\D/g, ""), template);
}
