import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const demo = fileURLToPath(new URL("../demo/main.ts", import.meta.url));

/**
 * Runs the demo with `--script FILE` from the repository root: through `pnpm demo` as a newcomer
 * would (turbo builds what the demo needs first, from cache after `pnpm test`'s build), or the
 * demo entry directly for the failure cases.
 */
function runDemo(script: string, extra: string[] = [], viaPnpm = false): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const [command, args] = viaPnpm
      ? ["pnpm", ["demo", "--script", script, ...extra]]
      : [process.execPath, [demo, "--script", script, ...extra]];
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("pnpm demo --script", () => {
  it("replays the ready courier script to a created mission and prints the dashboard", async () => {
    const { code, out } = await runDemo("examples/delivery-bot/scripts/courier.demo", [], true);
    expect(out).toMatch(/✓ \d+ expected replies received/);
    expect(out).toMatch(/🛵 course COUR-\d{8}-\d+ — Demande reçue/);
    expect(out).toContain("Chiffre d'affaires");
    // Past days were seeded through the flows (movable analytics clock): yesterday has a quality score.
    expect(out).toMatch(/Qualité dispatch \(hier\)\s+\d+(,\d)?\/100/);
    expect(code).toBe(0);
  }, 180_000);

  it("replays the courier request written in Lingala-French to a created mission, answered in Lingala", async () => {
    const { code, out } = await runDemo("examples/delivery-bot/scripts/courier-lingala.demo");
    expect(out).toMatch(/✓ \d+ expected replies received/);
    expect(out).toContain("Esika nini livreur akozwa colis ?");
    expect(out).toMatch(/Demande etindami ! Référence \*COUR-\d{8}-\d+\*/);
    expect(out).toMatch(/🛵 course COUR-\d{8}-\d+ — Demande reçue/);
    // Not one French question on the way: the conversation followed the customer's language.
    expect(out).not.toMatch(/Où faut-il|Quelle est la valeur|Que contient|Confirmez-vous/);
    expect(code).toBe(0);
  }, 120_000);

  it("plays the whole loop with every role: customer orders, merchant confirms and readies, driver delivers, customer sees it", async () => {
    // scripts/tour.demo is also what `/tour` replays; every `<` line is an expected reply, in order, per phone.
    const { code, out } = await runDemo("examples/delivery-bot/scripts/tour.demo");
    expect(out).toMatch(/✓ \d+ expected replies received/);
    expect(out).toMatch(/🧾 commande CMD-\d{8}-\d+ — Livrée: Chez Mama Ngudi, 8000 FCFA/);
    // Each line names the phone it came from or went to.
    expect(out).toContain("TokTok → 🏪 marchand › 📥 *Nouvelle commande");
    expect(out).toContain("🛵 livreur › /loc -4.2680 15.2870");
    expect(out).toMatch(/Temps de réponse mesuré .* moy\. \d+ ms/);
    expect(code).toBe(0);
  }, 180_000);

  it("a newcomer who plays the driver only once the order is ready still reaches the whole loop with dispatch on", async () => {
    // Not the tour's order: the driver was never online, so no offer came; "Mes missions" lists the
    // course, he proves the delivery with /photo, and the customer rates it — no dead end on the way.
    const file = join(tmpdir(), `toktok-demo-driver-${process.pid}.demo`);
    await writeFile(
      file,
      [
        "> /as client",
        "> je veux commander à manger",
        "< Chez Mama Ngudi",
        "> 1",
        "< Poulet braisé",
        "> 1",
        "< Combien",
        "> 1",
        "< Adresse de livraison",
        "> Rond-point Moungali",
        "< payer",
        "> 1",
        "< Confirmez",
        "> 1",
        "< envoyée",
        "> /as merchant",
        "> menu",
        "> 1",
        "> 1",
        "> 1",
        "< confirmée",
        "> menu",
        "> 1",
        "> 1",
        "> 1",
        "< prête",
        "> /as driver",
        "> menu",
        "< Mes missions",
        "> 1",
        "< mission(s) disponible(s)",
        "> 1",
        "< Accepter",
        "> 1",
        "< acceptée",
        ...["Arrivé retrait", "Colis récupéré", "En route", "Arrivé"].flatMap((s) => ["> 1", "> passer", `< ${s}`]),
        "> 1",
        "< code à 4 chiffres",
        "> /photo",
        "< livrée",
        "> /as customer",
        "< Comment s'est passée la livraison",
        "> 2",
        "< 3/5",
        "> Bon service",
        "< Merci",
        "",
      ].join("\n"),
    );
    const { code, out } = await runDemo(file);
    expect(out).toMatch(/✓ \d+ expected replies received/);
    expect(out).toContain("vous êtes maintenant : 🛵 livreur");
    expect(out).toContain("/photo");
    expect(out).toMatch(/🧾 commande CMD-\d{8}-\d+ — Livrée/);
    expect(code).toBe(0);
  }, 120_000);

  it("turns a cart sent from the grocery's WhatsApp catalogue (/panier) into an order", async () => {
    const file = join(tmpdir(), `toktok-demo-cart-${process.pid}.demo`);
    await writeFile(
      file,
      [
        "> /as client",
        "> /panier riz-5kg:2 eau-pack",
        // The shop and its products came with the cart: straight to the delivery address.
        "< Adresse de livraison",
        "> /loc -4.2661 15.2832 Rue Mbochi",
        "< payer",
        "> 1",
        "< 2 × Riz parfumé 5 kg",
        "> 1",
        "< envoyée",
        "> /panier pain-de-mie",
        "",
      ].join("\n"),
    );
    const { code, out } = await runDemo(file);
    expect(out).toMatch(/✓ \d+ expected replies received/);
    // 2 × 5 000 + 3 000 at the catalogue's prices, plus the grocery's 1 000 delivery fee.
    expect(out).toMatch(/🧾 commande CMD-\d{8}-\d+ — [^\n]*Épicerie du Plateau, 14000 FCFA/);
    // An unknown product names the ones there are, and the demo goes on.
    expect(out).toContain("« pain-de-mie » : produits de");
    expect(code).toBe(0);
  }, 120_000);

  it("replays the Mobile Money script: paid by MTN MoMo, then refused from a number ending in 99 and paid in cash", async () => {
    // `pnpm demo` pays through the MTN MoMo / Airtel Money stand-ins with demo/phone.ts's simulated phone.
    const { code, out } = await runDemo("examples/delivery-bot/scripts/mobile-money.demo");
    expect(out).toMatch(/✓ \d+ expected replies received/);
    // Held until paid, then sent: the payment's confirmation comes before the order.
    const paid = out.indexOf("Paiement de 8 000 FCFA reçu");
    expect(paid).toBeGreaterThan(
      out.indexOf("Confirmez le paiement de 8 000 FCFA sur votre téléphone (+242 06 123 4567)"),
    );
    expect(out.indexOf("Commande *CMD-", paid)).toBeGreaterThan(paid);
    expect(out).toContain("Confirmez le paiement de 4 500 FCFA sur votre téléphone (+242 06 999 9999)");
    expect(out).toMatch(
      /Le paiement a été refusé sur le téléphone\.[\s\S]*1\. 🔁 Réessayer\s+2\. ✏️ Autre numéro\s+3\. 💵 Espèces/,
    );
    // Two orders, each announced to the merchant once.
    const [first, second] = [
      ...out.matchAll(/🧾 commande (CMD-\d{8}-\d+) — Commande reçue: Chez Mama Ngudi, (\d+) FCFA/g),
    ];
    expect([first?.[2], second?.[2]]).toEqual(["8000", "4500"]);
    for (const order of [first?.[1], second?.[1]]) {
      expect(out.split(`📥 *Nouvelle commande ${order}*`)).toHaveLength(2);
    }
    expect(code).toBe(0);
  }, 120_000);

  it("exits non-zero, naming the line, when an expected reply does not come", async () => {
    const file = join(tmpdir(), `toktok-demo-${process.pid}.demo`);
    await writeFile(file, "> Bonjour\n< Bienvenue\n< this reply never comes\n");
    const { code, out } = await runDemo(file, ["--timeout", "500"]);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ .*:3: no reply containing "this reply never comes" within 500 ms/);
  }, 60_000);

  it("rejects a malformed script", async () => {
    const file = join(tmpdir(), `toktok-demo-bad-${process.pid}.demo`);
    await writeFile(file, "> Bonjour\nBienvenue\n");
    const { code, out } = await runDemo(file);
    expect(code).toBe(1);
    expect(out).toMatch(/line 2: expected/);
  }, 60_000);
});
