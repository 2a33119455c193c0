import { catalogues } from "@toktok/flows";
import type { DemoCast } from "./cast.ts";
import type { Simulation } from "./simulation.ts";

const ZONE = "Africa/Brazzaville";

/** The operator's language for `/stats` (`/stats en` switches to English). */
export type OperatorLocale = "fr" | "en";

const texts = {
  fr: {
    live: (time: string) => `── Cette session, en direct (heure de Brazzaville : ${time}) ──`,
    mission: "course",
    order: "commande",
    nothing: "Aucune course ni commande pour l'instant.",
    timing: (avg: string, p95: string, n: number) =>
      `⏱️ Temps de réponse mesuré (message envoyé → réponses reçues) : moy. ${avg}, p95 ${p95} sur ${n} message(s)`,
    analytics: "── Analytics du bot : 14 jours d'historique simulé + cette session ──",
  },
  en: {
    live: (time: string) => `── This session, live (Brazzaville time: ${time}) ──`,
    mission: "delivery",
    order: "order",
    nothing: "No delivery or order yet.",
    timing: (avg: string, p95: string, n: number) =>
      `⏱️ Response time measured (message sent → replies received): avg ${avg}, p95 ${p95} over ${n} message(s)`,
    analytics: "── Bot analytics: 14 simulated days of history + this session ──",
  },
};

/** `20:22` in Brazzaville (the chat's time), whatever the machine's zone. */
export function brazzavilleTime(ms: number): string {
  return new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" }).format(ms);
}

const ms = (n: number) => `${Math.round(n).toLocaleString("fr-FR")} ms`;

/**
 * `/stats` and the end of a script: first this session's own figures, live — the missions and
 * orders the phones made (from the bot's backend, which the seeding never touches) and the response
 * time measured at the phones (webhook sent → every reply received) — then the analytics dashboard,
 * which also holds the seeded history and says so. French, or English with `locale: "en"`.
 */
export async function printOutcome(
  sim: Simulation,
  cast: DemoCast,
  print: (line: string) => void,
  locale: OperatorLocale = "fr",
): Promise<void> {
  const x = texts[locale];
  const t = catalogues[locale];
  const client = cast.phone("client");
  const [missions, orders] = await Promise.all([sim.bot.backend.missions.list({}), sim.bot.backend.orders.list({})]);
  print(x.live(brazzavilleTime(Date.now())));
  for (const m of missions.filter((m) => m.clientPhone.replace(/\D/g, "") === client?.waId)) {
    print(
      `🛵 ${x.mission} ${m.reference} — ${t.missionStatus[m.status]}: ${m.pickup.address ?? "GPS"} → ${m.destination.address ?? "GPS"}, ${m.price} FCFA`,
    );
  }
  for (const o of orders)
    print(`🧾 ${x.order} ${o.reference} — ${t.orderStatus[o.status]}: ${o.merchantName}, ${o.total} FCFA`);
  if (missions.length === 0 && orders.length === 0) print(x.nothing);
  const timings = [cast.phone("client"), cast.phone("marchand"), cast.phone("livreur")].flatMap(
    (p) => p?.timings ?? [],
  );
  if (timings.length > 0) {
    const sorted = [...timings].sort((a, b) => a - b);
    const avg = timings.reduce((a, b) => a + b, 0) / timings.length;
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
    print(x.timing(ms(avg), ms(p95), timings.length));
  }
  print("");
  print(x.analytics);
  print(await sim.bot.analytics.renderDashboard({ locale }));
}
