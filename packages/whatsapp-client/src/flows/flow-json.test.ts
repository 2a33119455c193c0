import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import {
  dataRef,
  flowComplete,
  flowDataExchange,
  flowDatePicker,
  flowDropdown,
  flowFooter,
  flowNavigate,
  flowTextBody,
  flowTextHeading,
  flowTextInput,
  formRef,
} from "./flow-builders.js";
import { flowJson, flowScreen } from "./flow-json.js";

/** The courier request as a two-screen form: pickup and destination, then recipient and value. */
function courierRequest() {
  return flowJson({
    screens: [
      flowScreen({
        id: "ROUTE",
        title: "Nouvelle course",
        children: [
          flowTextHeading("D'où à où ?"),
          flowTextInput({ name: "pickup", label: "Départ", required: true }),
          flowTextInput({ name: "destination", label: "Destination", required: true }),
          flowFooter(
            "Suivant",
            flowNavigate("PARCEL", { pickup: formRef("pickup"), destination: formRef("destination") }),
          ),
        ],
      }),
      flowScreen({
        id: "PARCEL",
        title: "Le colis",
        terminal: true,
        data: {
          pickup: { type: "string", __example__: "Marché Total" },
          destination: { type: "string", __example__: "Moungali" },
        },
        children: [
          flowTextBody(`De ${dataRef("pickup")} à ${dataRef("destination")}`),
          flowTextInput({ name: "recipient", label: "Destinataire", required: true }),
          flowTextInput({ name: "phone", label: "Téléphone", inputType: "phone", required: true }),
          flowTextInput({ name: "value", label: "Valeur (FCFA)", inputType: "number" }),
          flowDropdown({
            name: "size",
            label: "Taille",
            options: [
              { id: "small", title: "Petit" },
              { id: "large", title: "Grand" },
            ],
          }),
          flowDatePicker({ name: "when", label: "Date de ramassage" }),
          flowFooter(
            "Envoyer",
            flowComplete({
              pickup: dataRef("pickup"),
              destination: dataRef("destination"),
              recipient: formRef("recipient"),
              phone: formRef("phone"),
              value: formRef("value"),
            }),
          ),
        ],
      }),
    ],
  });
}

function issues(fn: () => unknown): Array<{ field: string; rule: string }> {
  try {
    fn();
  } catch (e) {
    expect(WhatsAppValidationError.isInstance(e), String(e)).toBe(true);
    return (e as WhatsAppValidationError).issues;
  }
  throw new Error("expected a validation error");
}

describe("Flow JSON builders", () => {
  it("build the Flow JSON shape Meta documents (kebab-case properties, SingleColumnLayout)", () => {
    const json = courierRequest();
    expect(json.version).toBe("7.3");
    expect(json.data_api_version).toBeUndefined();
    expect(json.screens.map((s) => s.id)).toEqual(["ROUTE", "PARCEL"]);
    expect(json.screens[1]).toMatchObject({ terminal: true, success: true, layout: { type: "SingleColumnLayout" } });
    expect(json.screens[0]?.layout.children.at(-1)).toEqual({
      type: "Footer",
      label: "Suivant",
      "on-click-action": {
        name: "navigate",
        next: { type: "screen", name: "PARCEL" },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Flow JSON's own reference syntax, not interpolation
        payload: { pickup: "${form.pickup}", destination: "${form.destination}" },
      },
    });
    expect(json.screens[1]?.layout.children[2]).toEqual({
      type: "TextInput",
      name: "phone",
      label: "Téléphone",
      "input-type": "phone",
      required: true,
    });
    // It is plain JSON: what is uploaded is what was built.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("requires a routing model once an endpoint is used, and sets data_api_version", () => {
    const screen = flowScreen({
      id: "PICKUP",
      title: "Départ",
      terminal: true,
      children: [
        flowTextInput({ name: "pickup", label: "Départ" }),
        flowFooter("Suivant", flowDataExchange({ pickup: formRef("pickup") })),
      ],
    });
    expect(issues(() => flowJson({ screens: [screen] }))).toEqual([
      { field: "routingModel", rule: "required when the Flow uses a data-exchange endpoint" },
    ]);
    const json = flowJson({ screens: [screen], routingModel: { PICKUP: [] } });
    expect(json).toMatchObject({ data_api_version: "3.0", routing_model: { PICKUP: [] } });
  });

  it("names every broken rule", () => {
    const found = issues(() =>
      flowJson({
        version: "5.0",
        routingModel: { NOPE: ["GHOST"] },
        screens: [
          flowScreen({
            id: "bad id",
            title: "",
            children: [
              flowTextHeading("h".repeat(81)),
              flowTextInput({ name: "a", label: "Un libellé beaucoup trop long" }),
              flowTextInput({ name: "a", label: "B" }),
              flowFooter("Suivant", flowNavigate("MISSING")),
              flowFooter("Encore", flowComplete()),
            ],
          }),
        ],
      }),
    ).map((i) => i.field);
    expect(found).toEqual([
      "version",
      "screens[0].id",
      "screens[0].title",
      "screens[0].layout.children[0].text",
      "screens[0].layout.children[1].label",
      "screens[0].layout.children[2].name",
      "screens[0].layout.children",
      "screens",
      "screens[0].layout.children[3].on-click-action.next.name",
      "routingModel.NOPE",
      "routingModel.NOPE",
    ]);
    expect(issues(() => flowJson({ screens: [] }))[0]).toEqual({ field: "screens", rule: "at least 1 item" });
    const noFooter = flowScreen({ id: "END", title: "Fin", terminal: true, children: [flowTextBody("Merci")] });
    expect(issues(() => flowJson({ screens: [noFooter] }))[0]?.rule).toBe("a terminal screen needs a Footer");
  });
});
