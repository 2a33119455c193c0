import { describe, expect, it } from "vitest";
import { MemoryBackend } from "../backend/memory-backend.js";
import { createFlowEngine } from "../engine/engine.js";
import { courierFlow } from "../flows/courier/courier-flow.js";
import { validationField } from "../test-support/validation-field.js";
import { RecordingMessenger } from "../testing/recording-messenger.js";
import { type HandoffOptions, resolveHandoff } from "./types.js";

const engineWith = (handoff: HandoffOptions) => () =>
  createFlowEngine({
    messenger: new RecordingMessenger(),
    flows: [courierFlow({ backend: new MemoryBackend() })],
    handoff,
  });

describe("handoff options (defaults in their zod schema)", () => {
  it("hands over after 3 misses and after a failed turn, operators open with a 5-minute wait, by default", () => {
    const resolved = resolveHandoff({});
    expect(resolved).toMatchObject({ maxMisses: 3, onFailedTurn: true });
    expect([resolved.onInbound, resolved.onChange]).toEqual([undefined, undefined]);
    expect(resolved.availability(0)).toEqual({ open: true, waitMinutes: 5 });
  });

  it("keeps the caller's functions as they are", () => {
    const availability = () => ({ open: false, opensAt: "08:00" }) as const;
    const onChange = () => {};
    expect(resolveHandoff({ availability, onChange, maxMisses: 0 })).toMatchObject({
      availability,
      onChange,
      maxMisses: 0,
    });
    expect(resolveHandoff({ availability }).availability).toBe(availability);
  });

  it("names the offending field under handoff with FlowsValidationError", () => {
    expect(validationField(engineWith({ maxMisses: 21 }))).toBe("handoff.maxMisses");
    expect(validationField(engineWith({ onFailedTurn: "yes" as never }))).toBe("handoff.onFailedTurn");
    expect(validationField(engineWith({ availability: { open: true } as never }))).toBe("handoff.availability");
    expect(validationField(engineWith({ onInbound: 1 as never }))).toBe("handoff.onInbound");
    expect(validationField(engineWith({}))).toBe("accepted");
  });
});
