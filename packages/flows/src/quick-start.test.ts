// The README's code, read from the README at test time and run: if a README edit breaks it, this fails.
import { expect, it } from "vitest";
import { readmeBlock, runReadmeBlock } from "../../../scripts/readme-blocks.js";
import type { MemoryBackend } from "./index.js";
import type { TestConversation, TurnTranscript } from "./testing/index.js";

const readme = new URL("../README.md", import.meta.url);
const imports = {
  "@toktok/flows": new URL("./index.ts", import.meta.url),
  "@toktok/flows/testing": new URL("./testing/index.ts", import.meta.url),
};

it("runs the README quick start", async () => {
  const { backend, recap, done } = (await runReadmeBlock(readmeBlock(readme, "## Quick start"), {
    imports,
    expose: ["backend", "recap", "done"],
  })) as { backend: MemoryBackend; recap: TurnTranscript; done: TurnTranscript };

  expect(recap.text).toContain("Prix de la course");
  expect(done.text).toMatch(/Référence \*COUR-\d{8}-001\*/);
  expect(await backend.missions.list({})).toHaveLength(1);
});

it("runs the README's custom flow and its test", async () => {
  // "Writing a flow" declares `feedback`; "Testing your flows" drives it and asserts with `expect`.
  const code = `${readmeBlock(readme, "## Writing a flow")}\n${readmeBlock(readme, "## Testing your flows")}`;
  const { chat } = (await runReadmeBlock(code, {
    imports,
    prelude: 'import { expect } from "vitest";',
    expose: ["chat"],
  })) as { chat: TestConversation };

  // The README stops at the resume offer; go on to the end of the flow.
  const resumed = await chat.tap("cmd:resume");
  expect(resumed.text).toContain("Votre note ?");
  await chat.tap("r:3");
  expect(chat.lastText).toBe("Merci pour vos 3 étoile(s) 🙏");
  await expect(chat.tap("not offered")).rejects.toThrow(/no button or list row/);
});
