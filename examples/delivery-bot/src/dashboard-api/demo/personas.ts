import type { TurnTranscript } from "@toktok/flows/testing";
import type { Player } from "./player.ts";

/** How a scripted conversation ended. */
export type Outcome = "completed" | "abandoned" | "cancelled";

const PLACES = [
  { name: "Marché Total", latitude: -4.2634, longitude: 15.2429 },
  { name: "Rond-point Moungali", latitude: -4.2523, longitude: 15.2597 },
  { name: "Gare de Brazzaville", latitude: -4.2747, longitude: 15.2711 },
  { name: "Plateau des 15 ans", latitude: -4.2661, longitude: 15.2832 },
  { name: "Marché de Poto-Poto", latitude: -4.2581, longitude: 15.2755 },
] as const;
const DESTINATIONS = [
  "Bacongo",
  "Rond-point Moungali",
  "Talangaï, avenue Marien Ngouabi",
  "Ouenzé",
  "Mfilou",
  "Makélékélé",
];
const VALUES = ["5000", "15000", "7 500", "cinq mille", "25000", "deux mille cinq cents", "12000"];
const PARCELS = ["des documents", "des pagnes", "un sac de vêtements", "un téléphone", "des médicaments"];
const RECIPIENTS = ["Marie Okemba", "Paul Mabiala", "Grâce Nkounkou", "Chancel Mouanda", "Prisca Ngoma"];
/** Answers before the scripts give up: a guard against a flow that loops. */
const MAX_TURNS = 20;

/** A Congo mobile number as people type it (`06 123 4567`). */
function phone(p: Player): string {
  return `${p.pick(["06", "05", "04"])} ${p.int(100, 999)} ${p.int(1000, 9999)}`;
}

/** What a customer shopping or sending a parcel does at `step`; `undefined` when the step is unknown. */
type Answer = (p: Player, turn: TurnTranscript) => Promise<TurnTranscript>;

const COURIER: Record<string, Answer> = {
  pickup: (p) => {
    const from = p.pick(PLACES);
    return p.shareLocation(from.latitude, from.longitude, { name: from.name });
  },
  destination: (p) => p.send(p.pick(DESTINATIONS)),
  value: (p) => p.send(p.pick(VALUES)),
  description: (p) => p.send(p.pick(PARCELS)),
  recipientName: (p) => p.send(p.pick(RECIPIENTS)),
  recipientPhone: (p) => p.send(phone(p)),
};

const MARKETPLACE: Record<string, Answer> = {
  category: (p, turn) => p.tapOneOf(turn, "cat:"),
  merchant: (p, turn) => p.tapOneOf(turn, "shop:"),
  product: (p, turn) => p.tapOneOf(turn, "prod:"),
  quantity: (p, turn) => p.tapOneOf(turn, "qty:"),
  address: (p) => {
    const to = p.pick(PLACES);
    return p.shareLocation(to.latitude, to.longitude, { address: to.name });
  },
  payment: (p, turn) => p.tapOneOf(turn, "pay:"),
};

/**
 * Answers whatever step the engine asks (read from its session), so the script survives steps the
 * flow skips because one message already answered them. Leaves after `stopAt` answers, or says
 * « annuler » at the confirmation when `cancel`.
 */
async function playFlow(
  p: Player,
  flow: string,
  opening: string,
  answers: Record<string, Answer>,
  confirmId: string,
  done: RegExp,
  plan: { stopAt?: number; cancel?: boolean },
): Promise<Outcome> {
  await p.fresh();
  let turn = await p.send(opening);
  for (let answered = 0; answered < MAX_TURNS; answered++) {
    const here = await p.where();
    if (here.flow !== flow) {
      if (done.test(turn.text)) return "completed";
      throw new Error(`${flow}: left the flow unexpectedly, the bot said: ${turn.text.slice(0, 160)}`);
    }
    if (answered >= (plan.stopAt ?? Number.POSITIVE_INFINITY)) return "abandoned";
    if (here.step === "confirm") {
      if (plan.cancel) {
        await p.send("annuler");
        return "cancelled";
      }
      turn = await p.tap(confirmId);
      continue;
    }
    const answer = answers[here.step ?? ""];
    if (!answer) throw new Error(`${flow}: no answer for step "${here.step}": ${turn.text.slice(0, 160)}`);
    turn = await answer(p, turn);
  }
  throw new Error(`${flow}: still in the flow after ${MAX_TURNS} answers`);
}

/** A customer asks for a courier and answers each step (pickup by GPS share, destination, value…). */
export function courierCustomer(p: Player, plan: { stopAt?: number; cancel?: boolean }): Promise<Outcome> {
  const opening = p.pick(["Je veux envoyer un colis", "Bonjour, je veux envoyer un colis", "envoyer un colis"]);
  return playFlow(p, "courier", opening, COURIER, "courier:confirm", /COUR-\d{8}-\d+/, plan);
}

/** A customer orders from a shop: category, shop, product, quantity, address, payment, confirmation. */
export function marketplaceCustomer(p: Player, plan: { stopAt?: number; cancel?: boolean }): Promise<Outcome> {
  return playFlow(p, "marketplace", "je veux commander à manger", MARKETPLACE, "shop:confirm", /CMD-\d{8}-\d+/, plan);
}

/** A customer asks where their parcel is, by reference. */
export async function trackingCustomer(p: Player, reference: string): Promise<Outcome> {
  await p.fresh();
  const turn = await p.send(`Bonjour, suivi ${reference} svp`);
  return turn.text.includes(reference) ? "completed" : "abandoned";
}

/**
 * A driver opens the driver flow (signing up the first time), takes a mission — `preferred` when it
 * is offered — and reports each status up to delivery. `legMinutes` pass before the arrival at the
 * pickup and before the delivery (over 30 min the engine asks to resume: the driver taps « Reprendre »).
 * Resolves to the reference of the mission delivered.
 */
export async function driverDelivers(
  p: Player,
  name: string,
  preferred: string,
  legMinutes: [number, number],
  advanceMinutes: (minutes: number) => void,
): Promise<string> {
  await p.fresh();
  let turn = await p.send("menu");
  // A new driver signs up through the account entry; the menu after sign-up offers the missions.
  if (turn.options.includes("flow:driver")) turn = await p.tap("flow:driver");
  else if (turn.options.includes("flow:auth")) turn = await p.tap("flow:auth");
  let legs = 0;
  for (let i = 0; i < MAX_TURNS; i++) {
    const resume = turn.options.find((o) => o.endsWith(":resume"));
    if (resume !== undefined) {
      turn = await p.tap(resume);
      continue;
    }
    const here = await p.where();
    if (here.flow === undefined && turn.options.includes("flow:driver")) {
      turn = await p.tap("flow:driver");
      continue;
    }
    if (here.flow === undefined) {
      const delivered = /(COUR-\d{8}-\d+)\*? livrée/.exec(turn.text)?.[1];
      if (delivered !== undefined) return delivered;
      throw new Error(`driver: left the flow, the bot said: ${turn.text.slice(0, 160)}`);
    }
    switch (here.step) {
      case "role":
        turn = await p.tap("role:livreur");
        break;
      case "name":
        turn = await p.send(name);
        break;
      case "confirm":
        turn = await p.tap("auth:confirm");
        break;
      case "pick": {
        const offered = turn.options.filter((o) => o.startsWith("mission:"));
        const option = offered.includes(`mission:${preferred}`) ? `mission:${preferred}` : offered[0];
        if (option === undefined) throw new Error(`driver: no mission offered: ${turn.text.slice(0, 160)}`);
        turn = await p.tap(option);
        break;
      }
      case "accept": {
        // The accept button carries its mission's id (accept:<id>).
        const accept = turn.options.find((o) => o.startsWith("accept:"));
        if (accept === undefined) throw new Error(`driver: nothing to accept: ${turn.text.slice(0, 160)}`);
        turn = await p.tap(accept);
        break;
      }
      case "status": {
        // The flow offers the next status only: the legs pass before the arrival at the pickup and before the delivery.
        const next = turn.options.find((o) => o.startsWith("status:"));
        if (next === undefined) throw new Error(`driver: no status to report: ${turn.text.slice(0, 160)}`);
        if (next === "status:pickup_arrived" || next === "status:delivered") advanceMinutes(legMinutes[legs++] ?? 0);
        turn = await p.tap(next);
        break;
      }
      case "location":
        turn = p.chance(0.3) ? await p.send("passer") : await p.shareLocation(-4.27 + p.int(0, 30) / 1000, 15.25);
        break;
      default:
        throw new Error(`driver: unexpected step "${here.step}": ${turn.text.slice(0, 160)}`);
    }
  }
  throw new Error(`driver: still in the flow after ${MAX_TURNS} answers`);
}
