import type { Locale, SessionStore } from "./types.js";

/**
 * Reads a user's language from his session in `store` (the engine's): what `Dispatcher`'s `localeOf` and
 * the engine's `FlowContext.localeOf` ask. `undefined` when he has no session or chose none.
 *
 * A read without the user's lock: a language is a hint for a notice, a stale one does no harm.
 * @example
 * const sessions = new MemorySessionStore();
 * createDispatcher({ ..., localeOf: sessionLocales(sessions) });
 */
export function sessionLocales(store: Pick<SessionStore, "load">): (userId: string) => Promise<Locale | undefined> {
  return async (userId) => (await store.load(userId))?.session.locale;
}
