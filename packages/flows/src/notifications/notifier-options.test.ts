import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import type { Mission } from "../backend/types.js";
import { validationField } from "../test-support/validation-field.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { createNotifier } from "./notifier.js";
import type { TemplatePicker } from "./templates.js";

const mission = async (): Promise<Mission> => {
  const backend = new MemoryBackend({ now: () => Date.UTC(2026, 10, 21, 9, 0, 0) });
  const m = await backend.missions.create({
    clientPhone: "242061234567",
    clientName: "Aline",
    pickup: { address: "Marché Total" },
    destination: { address: "Bacongo" },
    parcelValue: 15000,
    description: "pagnes",
    recipient: { name: "Marie", phone: "+242069876543" },
  });
  return backend.missions.accept(m.id, { id: "usr_1", name: "Jean Mabiala", phone: "242055500001" });
};

describe("createNotifier options (defaults in its zod schema)", () => {
  it("speaks French by default, its templates in the locale's language unless templateLanguage is given", async () => {
    const messenger = new RecordingMessenger();
    const m = await mission();
    const subject = { kind: "mission", mission: m, status: "picked_up", to: m.clientPhone } as const;
    expect(createNotifier({ messenger }).pickTemplate?.(subject)?.language).toBe("fr");
    expect(createNotifier({ messenger, locale: "en" }).pickTemplate?.(subject)?.language).toBe("en");
    expect(
      createNotifier({ messenger, locale: "en", templateLanguage: "en_US" }).pickTemplate?.(subject)?.language,
    ).toBe("en_US");
    await createNotifier({ messenger }).notifyMissionStatus(m, "accepted");
    await createNotifier({ messenger, locale: "en" }).notifyMissionStatus(m, "accepted");
    const [fr, en] = [messenger.sent[0], messenger.sent.at(-1)].map((s) => JSON.stringify(s));
    expect(fr).not.toBe(en);
  });

  it("takes one picker or a list of them, tried in order", async () => {
    const messenger = new RecordingMessenger();
    const m = await mission();
    const subject = { kind: "mission", mission: m, status: "picked_up", to: m.clientPhone } as const;
    const none: TemplatePicker = () => undefined;
    const mine: TemplatePicker = (_s, _t, language) => ({ name: "mine", language });
    expect(createNotifier({ messenger, templates: mine }).pickTemplate?.(subject)?.name).toBe("mine");
    expect(createNotifier({ messenger, templates: [none, mine] }).pickTemplate?.(subject)?.name).toBe("mine");
    expect(createNotifier({ messenger, templates: none }).pickTemplate?.(subject)).toBeUndefined();
  });

  it("names the offending field with FlowsValidationError", () => {
    const messenger = new RecordingMessenger();
    expect(validationField(() => createNotifier({ messenger }))).toBe("accepted");
    expect(validationField(() => createNotifier({} as never))).toBe("messenger");
    expect(validationField(() => createNotifier(undefined as never))).toBe("options");
    expect(validationField(() => createNotifier({ messenger, locale: "de" as never }))).toBe("locale");
    expect(validationField(() => createNotifier({ messenger, templateLanguage: "x" }))).toBe("templateLanguage");
    expect(validationField(() => createNotifier({ messenger, templates: [() => undefined, 3 as never] }))).toBe(
      "templates",
    );
    expect(validationField(() => createNotifier({ messenger, templateHealth: {} as never }))).toBe("templateHealth");
    expect(validationField(() => createNotifier({ messenger, marketing: {} as never }))).toBe("marketing");
    expect(validationField(() => createNotifier({ messenger, onTemplateSkipped: 1 as never }))).toBe(
      "onTemplateSkipped",
    );
    expect(validationField(() => createNotifier({ messenger, logger: { warn() {} } as never }))).toBe("logger");
    expect(validationField(() => createNotifier({ messenger, catalogues: 1 as never }))).toBe("catalogues");
  });
});
