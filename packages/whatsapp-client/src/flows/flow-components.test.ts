import { describe, expect, it } from "vitest";
import { WhatsAppValidationError } from "../errors.js";
import {
  dataRef,
  flowCheckboxes,
  flowComplete,
  flowDataExchange,
  flowFooter,
  flowIf,
  flowImage,
  flowNavigate,
  flowOptIn,
  flowRadioButtons,
  flowSwitch,
  flowTextBody,
  flowTextInput,
  formRef,
} from "./flow-builders.js";
import type { FlowComponent } from "./flow-components.js";
import { flowJson, flowScreen } from "./flow-json.js";

// RadioButtonsGroup, CheckboxGroup, OptIn, Image, If and Switch: the JSON each
// builds (Meta's kebab-case property names) and the rules flowJson() names.

// A 1×1 transparent PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=";
const SIZES = [
  { id: "small", title: "Petit colis" },
  { id: "large", title: "Gros colis", description: "Plus de 10 kg" },
];
const terms = flowScreen({
  id: "TERMS",
  title: "Conditions",
  children: [flowTextBody("Le livreur ne transporte ni argent liquide ni objets interdits.")],
});

function issues(fn: () => unknown): Array<{ field: string; rule: string }> {
  try {
    fn();
  } catch (e) {
    expect(WhatsAppValidationError.isInstance(e), String(e)).toBe(true);
    return (e as WhatsAppValidationError).issues;
  }
  throw new Error("expected a validation error");
}

/** A one-screen Flow ending on `children` plus a Footer, with the TERMS screen an OptIn may open. */
function form(children: FlowComponent[], footer = true) {
  const end = flowFooter("Envoyer", flowComplete({ size: formRef("size") }));
  return flowJson({
    screens: [
      flowScreen({ id: "PARCEL", title: "Le colis", terminal: true, children: footer ? [...children, end] : children }),
      terms,
    ],
  });
}

describe("Flow JSON components", () => {
  it("each builds Meta's shape", () => {
    const json = form([
      flowImage({ src: PNG, width: 120, height: 120, scaleType: "contain", aspectRatio: 1, altText: "Logo" }),
      flowRadioButtons({ name: "size", label: "Taille", options: SIZES, required: true, initValue: "small" }),
      flowCheckboxes({
        name: "extras",
        label: "Options",
        description: "Facturées à la livraison",
        options: [
          { id: "fragile", title: "Fragile" },
          { id: "express", title: "Express", metadata: "+1 000 FCFA" },
        ],
        minSelected: 1,
        maxSelected: 2,
        initValue: ["fragile"],
      }),
      flowOptIn({ name: "accepts", label: "J'accepte les conditions", required: true, onClick: flowNavigate("TERMS") }),
      flowIf(
        `${formRef("size")} == 'large'`,
        [flowTextBody("Un gros colis part en voiture.")],
        [flowTextBody("À moto.")],
      ),
      flowSwitch(formRef("size"), {
        small: [flowTextBody("Jusqu'à 10 kg")],
        default: [flowTextBody("Choisissez une taille")],
      }),
    ]);
    expect(json.screens[0]?.layout.children.slice(0, 6)).toEqual([
      {
        type: "Image",
        src: PNG,
        width: 120,
        height: 120,
        "scale-type": "contain",
        "aspect-ratio": 1,
        "alt-text": "Logo",
      },
      {
        type: "RadioButtonsGroup",
        name: "size",
        label: "Taille",
        "data-source": SIZES,
        required: true,
        "init-value": "small",
      },
      {
        type: "CheckboxGroup",
        name: "extras",
        label: "Options",
        "data-source": [
          { id: "fragile", title: "Fragile" },
          { id: "express", title: "Express", metadata: "+1 000 FCFA" },
        ],
        description: "Facturées à la livraison",
        "min-selected-items": 1,
        "max-selected-items": 2,
        "init-value": ["fragile"],
      },
      {
        type: "OptIn",
        name: "accepts",
        label: "J'accepte les conditions",
        required: true,
        "on-click-action": { name: "navigate", next: { type: "screen", name: "TERMS" }, payload: {} },
      },
      {
        type: "If",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Flow JSON's own reference syntax, not interpolation
        condition: "${form.size} == 'large'",
        // biome-ignore lint/suspicious/noThenProperty: Flow JSON's own property name
        then: [{ type: "TextBody", text: "Un gros colis part en voiture." }],
        else: [{ type: "TextBody", text: "À moto." }],
      },
      {
        type: "Switch",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Flow JSON's own reference syntax, not interpolation
        value: "${form.size}",
        cases: {
          small: [{ type: "TextBody", text: "Jusqu'à 10 kg" }],
          default: [{ type: "TextBody", text: "Choisissez une taille" }],
        },
      },
    ]);
    // Options may come from the screen's data (e.g. the endpoint's answer).
    expect(
      form([flowRadioButtons({ name: "size", label: "Taille", options: dataRef("sizes") })]).screens[0]?.layout,
    ).toMatchObject({ children: [{ "data-source": dataRef("sizes") }, { type: "Footer" }] });
  });

  it("a Footer may sit in both branches of an If, and a name may repeat across branches", () => {
    const send = (what: string) => flowFooter("Envoyer", flowComplete({ what }));
    const json = form(
      [
        flowOptIn({ name: "express", label: "Livraison express" }),
        flowIf(
          `${formRef("express")} == true`,
          [flowTextInput({ name: "when", label: "Avant quelle heure" }), send("express")],
          [flowTextInput({ name: "when", label: "Quel jour" }), send("normal")],
        ),
      ],
      false,
    );
    const branch = json.screens[0]?.layout.children[1] as { then: FlowComponent[]; else: FlowComponent[] };
    expect([branch.then[1]?.type, branch.else[1]?.type]).toEqual(["Footer", "Footer"]);
  });

  it("names each broken rule of options, groups, OptIn, Image, If and Switch", () => {
    const found = issues(() =>
      form([
        flowRadioButtons({ name: "empty", label: "Vide", options: [] }),
        flowRadioButtons({
          name: "twice",
          label: "Doublons",
          options: [
            { id: "a", title: "A" },
            { id: "a", title: "" },
          ],
          initValue: "z",
        }),
        flowRadioButtons({ name: "raw", label: "Source", options: "sizes" }),
        flowCheckboxes({ name: "checks", label: "Cases", options: SIZES, minSelected: 4, maxSelected: 3 }),
        flowOptIn({ name: "ok", label: "Oui", onClick: flowComplete() as never }),
        flowImage({ src: "", width: 0 }),
        flowIf("", []),
        flowIf(`${formRef("ok")}`, [flowTextInput({ name: "ok", label: "Encore" })]),
        flowSwitch(formRef("ok"), {}),
      ]),
    );
    expect(found).toEqual([
      { field: "screens[0].layout.children[0].data-source", rule: "at least 1 option" },
      { field: "screens[0].layout.children[1].data-source[1].id", rule: "must be unique in its list" },
      { field: "screens[0].layout.children[1].data-source[1].title", rule: "1 to 30 characters" },
      { field: "screens[0].layout.children[1].init-value", rule: "ids of the options" },
      { field: "screens[0].layout.children[2].data-source", rule: "a list of options or a data reference (dataRef)" },
      { field: "screens[0].layout.children[3].min-selected-items", rule: "at most max-selected-items" },
      { field: "screens[0].layout.children[3].max-selected-items", rule: "at most the number of options" },
      { field: "screens[0].layout.children[4].on-click-action", rule: "navigate or data_exchange" },
      { field: "screens[0].layout.children[5].src", rule: "a base64 image or a data reference (dataRef)" },
      { field: "screens[0].layout.children[5].width", rule: "a positive number" },
      { field: "screens[0].layout.children[6].condition", rule: "must not be empty" },
      { field: "screens[0].layout.children[6].then", rule: "at least 1 component" },
      { field: "screens[0].layout.children[7].then[0].name", rule: "must be unique on its screen" },
      { field: "screens[0].layout.children[8].cases", rule: "at least 1 case" },
    ]);
  });

  it("names the screen-wide rules: Footers in If branches, nesting, OptIn and Image counts, OptIn targets", () => {
    const send = flowFooter("Envoyer", flowComplete());
    const deep = flowIf(dataRef("a"), [
      flowIf(dataRef("b"), [flowIf(dataRef("c"), [flowIf(dataRef("d"), [flowTextBody("?")])])]),
    ]);
    const found = issues(() =>
      form(
        [
          flowIf(dataRef("a"), [send]),
          deep,
          flowIf(dataRef("b"), [flowTextBody("x")], [flowIf(dataRef("c"), [send], [send])]),
          ...[1, 2, 3, 4, 5, 6].map((i) =>
            flowOptIn({ name: `o${i}`, label: "Oui", onClick: flowNavigate("NOWHERE") }),
          ),
          ...[1, 2, 3, 4].map(() => flowImage({ src: PNG })),
        ],
        false,
      ),
    ).map((i) => `${i.field}: ${i.rule}`);
    expect(found).toEqual([
      "screens[0].layout.children[0].else: a Footer in one branch needs one in the other",
      "screens[0].layout.children[1].then[0].then[0].then[0]: at most 3 levels of If and Switch",
      "screens[0].layout.children[2].else[0]: a Footer only in an If or Switch at the first level",
      "screens[0].layout.children[2].else: a Footer in one branch needs one in the other",
      "screens[0].layout.children: at most one Footer",
      "screens[0].layout.children: at most 5 OptIn components",
      "screens[0].layout.children: at most 3 Image components",
      ...[3, 4, 5, 6, 7, 8].map(
        (i) => `screens[0].layout.children[${i}].on-click-action.next.name: an existing screen id`,
      ),
    ]);
  });

  it("an OptIn asking the endpoint makes the Flow an endpoint Flow", () => {
    const screens = [
      flowScreen({
        id: "PARCEL",
        title: "Le colis",
        terminal: true,
        children: [
          flowOptIn({ name: "news", label: "Recevoir nos offres", onClick: flowDataExchange({ asked: true }) }),
          flowFooter("Envoyer", flowComplete()),
        ],
      }),
    ];
    expect(issues(() => flowJson({ screens }))).toEqual([
      { field: "routingModel", rule: "required when the Flow uses a data-exchange endpoint" },
    ]);
    expect(flowJson({ screens, routingModel: { PARCEL: [] } }).data_api_version).toBe("3.0");
  });
});
