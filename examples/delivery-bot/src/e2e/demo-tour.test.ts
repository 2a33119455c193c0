// `/tour` in the interactive demo (issue 24): typed at the demo's keyboard as a newcomer types it, it
// replays scripts/tour.demo with its explanations (`##` notes) and the whole loop's replies, then hands
// the keyboard back to the customer.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const demo = fileURLToPath(new URL("../demo/main.ts", import.meta.url));

it("/tour explains each part and shows the loop's replies, then the customer has the keyboard", async () => {
  const child = spawn(process.execPath, [demo], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const end = /── (Fin de la visite|La visite s'est arrêtée)/;
  const finished = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (end.test(out)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the demo exited (${code}) during the tour:\n${out}`)));
  });
  // Piped stdin, as when a newcomer pastes: the line is echoed with the phone that typed it.
  child.stdin.write("/tour\n");
  await finished;
  child.stdin.end("menu\n/quit\n");
  const [code] = await once(child, "exit");

  expect(out).toContain("── Visite guidée : la boucle complète, du client au livreur ──");
  // The explanations, in order, each before the part it explains.
  const notes = ["💬 1/4 — Vous êtes la cliente", "💬 2/4 — Le téléphone de Mama Ngudi", "💬 4/4 — La cliente voit"];
  const at = notes.map((n) => out.indexOf(n));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
  // The loop's replies: the merchant's new order, the driver's mission, the customer's delivered order.
  expect(out).toContain("TokTok → 🏪 marchand › 📥 *Nouvelle commande");
  expect(out).toMatch(/Votre commande CMD-\d{8}-\d+ est livrée/);
  // Dispatch is on in the demo: the driver is offered the course, proves the delivery with a photo, and
  // the customer rates it — the whole loop, with no dead end.
  expect(out).toMatch(/TokTok → 🛵 livreur › 🛵 Nouvelle course COUR-\d{8}-\d+/);
  expect(out).toContain("🛵 livreur › /photo");
  expect(out).toMatch(/TokTok → 🛵 livreur › 🎉 Mission COUR-\d{8}-\d+ livrée/);
  expect(out).toContain("TokTok → 🙋 client › Merci pour votre note (5/5)");
  expect(out).toMatch(/✓ \d+ expected replies received \(tour\)/);
  expect(out).toContain("── Fin de la visite : à vous ! (vous êtes le client) ──");
  // After the tour the keyboard is the customer's again: "menu" goes from the client's phone.
  expect(out.slice(out.indexOf("Fin de la visite"))).toMatch(/🙋 client › menu/);
  expect(code).toBe(0);
}, 180_000);
