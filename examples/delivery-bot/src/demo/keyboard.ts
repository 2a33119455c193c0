import { demoCart } from "./cart.ts";
import { DemoCast } from "./cast.ts";
import { printOutcome } from "./outcome.ts";
import { roleLabels } from "./roles.ts";
import type { Simulation } from "./simulation.ts";
import { colors } from "./terminal.ts";

/** The demo's parcel photo: a 1×1 PNG, enough for the bot to download and store as a proof. */
const PARCEL_PHOTO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** What a typed line needs: the running bot, the phones, where to print, and the demo's extras. */
export interface DemoContext {
  sim: Simulation;
  cast: DemoCast;
  print: (line: string) => void;
  /** The dashboard link lines (empty when the dashboard is not mounted). */
  dashboardLines: readonly string[];
  /** Replays the guided tour (`/tour`); absent inside the tour itself. */
  tour?: () => Promise<void>;
}

/** The three lines a newcomer reads first. */
export const TRY_THIS: readonly string[] = [
  "Essayez : 1) tapez « je veux commander à manger » — vous êtes le client ;",
  "          2) /as marchand puis « menu » pour confirmer la commande, /as livreur pour la livrer ;",
  "          3) /as client pour voir le suivi — ou /tour pour une visite guidée de toute la boucle.",
];

/** `/help`. */
export const HELP: string = [
  "Écrivez comme sur WhatsApp. Commandes du simulateur :",
  "  1, 2, 3…                choisir un bouton ou une ligne de liste",
  "  /loc LAT LON            partager une position (ex. /loc -4.2634 15.2429)",
  "  /photo                  envoyer une photo (le livreur : la preuve de livraison du colis)",
  "  /panier [riz-5kg:2 …]   envoyer un panier du catalogue WhatsApp de l'épicerie (le client)",
  "  /as client|marchand|livreur|operateur   changer de téléphone (aussi customer, merchant, driver, operator)",
  "  /tour                   visite guidée : commande, commerce, livreur, suivi",
  "  /stats [en]             les chiffres (opérateur ; en anglais : /stats en)   /dashboard   le lien du tableau de bord",
  "  /quit                   quitter",
].join("\n");

/**
 * Handles one line typed at the demo's keyboard, exactly the same in the interactive chat and in a
 * script's `>` lines. Resolves to "quit" on `/quit`.
 */
export async function typeLine(ctx: DemoContext, line: string): Promise<"quit" | undefined> {
  const { cast, print } = ctx;
  const [command, ...rest] = line.split(/\s+/);
  switch (command) {
    case "/quit":
    case "/exit":
      return "quit";
    case "/help":
      print(HELP);
      return undefined;
    case "/as": {
      const switched = cast.switchTo(rest.join(" "));
      print(switched.ok ? DemoCast.banner(switched.role) : colors.fail(`✗ ${switched.error}`));
      if (switched.ok && switched.role === "operateur") for (const l of ctx.dashboardLines) print(l);
      return undefined;
    }
    case "/stats":
      await printOutcome(ctx.sim, cast, print, rest[0] === "en" ? "en" : "fr");
      return undefined;
    case "/dashboard":
      if (ctx.dashboardLines.length === 0) print(colors.dim("(le tableau de bord n'est pas monté dans cette démo)"));
      for (const l of ctx.dashboardLines) print(l);
      return undefined;
    case "/tour":
      if (ctx.tour) await ctx.tour();
      else print(colors.dim("(déjà en visite guidée)"));
      return undefined;
  }
  const phone = cast.active;
  if (!phone) {
    print(
      colors.dim(
        `${roleLabels.operateur} n'a pas de téléphone : /stats, /dashboard, ou /as client|marchand|livreur pour écrire au bot.`,
      ),
    );
    return undefined;
  }
  try {
    if (command === "/photo") {
      // A small picture of "the parcel handed over", held by the Graph stand-in as Meta holds a user's media.
      await phone.photo(async () => {
        const { id } = await ctx.sim.bot.client.uploadMedia({ data: PARCEL_PHOTO, mimeType: "image/png" });
        return { id, mimeType: "image/png" };
      }, rest.join(" ") || undefined);
    } else if (command === "/panier") {
      await phone.cart(await demoCart(ctx.sim.bot.backend, rest));
    } else await phone.say(line);
  } catch (error) {
    print(colors.fail(`✗ ${(error as Error).message}`));
  }
  return undefined;
}
