import type { Catalogue } from "../i18n/catalogue.js";
import { encodePayload } from "../messaging/payloads.js";
import { clip, type Reply } from "../messaging/reply.js";
import type { SessionUser } from "../sessions/types.js";
import type { FlowDefinition } from "./types.js";

type Def = FlowDefinition<Record<string, unknown>>;
const gated = (f: Def): boolean => f.roles !== undefined && f.roles.length > 0;

/**
 * The main menu: one list row per flow that has a menu title and suits the user's role — the role's
 * own flows first (a driver's "Mes missions" is 1), then the flows open to all, in their order. A flow
 * kept for some roles is shown only to them (a visitor signs up through the account entry), so the
 * numbers of a role never shift.
 */
export function buildMenu(t: Catalogue, flows: ReadonlyArray<Def>, user: SessionUser | undefined): Reply {
  const titled = flows.filter((f) => f.menuTitle !== undefined);
  const own = user ? titled.filter((f) => gated(f) && f.roles?.includes(user.role)) : [];
  const rows = [...own, ...titled.filter((f) => !gated(f))]
    .slice(0, 10) // WhatsApp lists hold at most 10 rows
    .map((f) => {
      const description = f.menuDescription?.(t);
      return {
        id: encodePayload("flow", f.id),
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
