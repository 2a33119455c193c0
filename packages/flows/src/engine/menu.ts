import type { Catalogue } from "../i18n/catalogue.js";
import { clip, type Reply } from "../messaging/reply.js";
import type { SessionUser } from "../sessions/types.js";
import type { FlowDefinition } from "./types.js";

/** The main menu: one list row per flow that has a menu title and suits the user's role. */
export function buildMenu(
  t: Catalogue,
  flows: ReadonlyArray<FlowDefinition<Record<string, unknown>>>,
  user: SessionUser | undefined,
): Reply {
  const rows = flows
    .filter((f) => f.menuTitle !== undefined)
    .filter((f) => !user || !f.roles || f.roles.length === 0 || f.roles.includes(user.role))
    .slice(0, 10) // WhatsApp lists hold at most 10 rows
    .map((f) => {
      const description = f.menuDescription?.(t);
      return {
        id: `flow:${f.id}`,
        title: clip(f.menuTitle?.(t) ?? f.id, 24),
        ...(description === undefined ? {} : { description: clip(description, 72) }),
      };
    });
  if (rows.length === 0) return { type: "text", body: t.engine.menuBody };
  return {
    type: "list",
    header: t.engine.menuHeader,
    body: t.engine.menuBody,
    button: t.engine.menuButton,
    sections: [{ title: t.engine.menuSection, rows }],
  };
}
