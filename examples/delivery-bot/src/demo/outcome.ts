import type { DemoCast } from "./cast.ts";
import type { Simulation } from "./simulation.ts";

const ZONE = "Africa/Brazzaville";

/** `20:22` in Brazzaville (the chat's time), whatever the machine's zone. */
export function brazzavilleTime(ms: number): string {
  return new Intl.DateTimeFormat("fr-FR", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" }).format(ms);
}

const ms = (n: number) => `${Math.round(n).toLocaleString("fr-FR")} ms`;

/**
 * `/stats` and the end of a script: first this session's own figures, live — the missions and
 * orders the phones made (from the bot's backend, which the seeding never touches) and the response
 * time measured at the phones (webhook sent → every reply received) — then the analytics dashboard,
 * which also holds the seeded history and says so.
 */
export async function printOutcome(sim: Simulation, cast: DemoCast, print: (line: string) => void): Promise<void> {
  const client = cast.phone("client");
  const [missions, orders] = await Promise.all([sim.bot.backend.missions.list({}), sim.bot.backend.orders.list({})]);
  print(`── Cette session, en direct (heure de Brazzaville : ${brazzavilleTime(Date.now())}) ──`);
  for (const m of missions.filter((x) => x.clientPhone.replace(/\D/g, "") === client?.waId)) {
    print(
      `🛵 mission ${m.reference} — ${m.status}: ${m.pickup.address ?? "GPS"} → ${m.destination.address ?? "GPS"}, ${m.price} FCFA`,
    );
  }
  for (const o of orders) print(`🧾 commande ${o.reference} — ${o.status}: ${o.merchantName}, ${o.total} FCFA`);
  if (missions.length === 0 && orders.length === 0) print("Aucune course ni commande pour l'instant.");
  const timings = [cast.phone("client"), cast.phone("marchand"), cast.phone("livreur")].flatMap(
    (p) => p?.timings ?? [],
  );
  if (timings.length > 0) {
    const sorted = [...timings].sort((a, b) => a - b);
    const avg = timings.reduce((a, b) => a + b, 0) / timings.length;
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
    print(
      `⏱️ Temps de réponse mesuré (message envoyé → réponses reçues) : moy. ${ms(avg)}, p95 ${ms(p95)} sur ${timings.length} message(s)`,
    );
  }
  print("");
  print("── Analytics du bot : 14 jours d'historique simulé + cette session ──");
  print(await sim.bot.analytics.renderDashboard());
}
