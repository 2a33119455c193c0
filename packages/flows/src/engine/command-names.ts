/** Words and buttons the engine answers in any step: the one list the `Command` type and the `cmd:` payloads derive from. */
export const commandNames = [
  "menu",
  "cancel",
  "back",
  "help",
  "yes",
  "no",
  "resume",
  "restart",
  "french",
  "english",
  "lingala",
] as const;

/** Words and buttons the engine answers in any step. */
export type Command = (typeof commandNames)[number];
