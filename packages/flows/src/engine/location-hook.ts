import type { SessionUser } from "../sessions/types.js";

/** A location a user shared, as the engine's `onLocation` hears it before the turn. */
export interface SharedLocation {
  /** Sender's WhatsApp ID (digits). */
  userId: string;
  /** The sender's account, when known. */
  user: SessionUser | undefined;
  latitude: number;
  longitude: number;
}

/**
 * Hears every shared location before the conversation reads it. `true` means it was taken as a position
 * update (a driver's): the turn then ends without a reply — a driver sending his position again and again
 * is not answered each time, whatever flow or step he is in — unless the current step asks for a location,
 * which then gets it as usual. `false` lets the message through untouched.
 */
export type LocationHook = (shared: SharedLocation) => Promise<boolean>;
