// Real audio for the voice-note tests: espeak-ng (Debian's `espeak-ng`) speaks a sentence into a
// WAV, and opusenc (Debian's `opus-tools`) encodes it as OGG/Opus, the format of a WhatsApp voice
// note. Nothing is committed: the tests make their recordings. `bash .ci/tools.d/espeak.sh` (or
// `pnpm tools`) installs both. Without espeak-ng the tests using `describeWithSpeech` skip with a
// banner locally (listed by scripts/vitest-skips.ts) and fail under CI=true.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe } from "vitest";

function onPath(tool: string): string | null {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), "/usr/local/bin", "/usr/bin"]) {
    const candidate = join(dir, tool);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

const espeak = onPath("espeak-ng");
const opusenc = onPath("opusenc");

if (espeak === null) {
  const banner = "espeak-ng not found: install it with `bash .ci/tools.d/espeak.sh`";
  if (process.env.CI === "true") throw new Error(`${banner} (required under CI=true)`);
  console.warn(`\n${"!".repeat(72)}\n!! SKIPPING the voice-note tests on real audio — ${banner}\n${"!".repeat(72)}\n`);
}

/** A recording made by {@link speak}. */
export interface SpokenAudio {
  bytes: Uint8Array;
  /** `audio/ogg; codecs=opus` when opusenc is installed, else `audio/wav`. */
  mimeType: string;
  filename: string;
}

/** Runs the block when espeak-ng is installed; skips it loudly otherwise (fails under CI=true). */
export const describeWithSpeech: typeof describe = ((name: string, fn: () => void) =>
  describe.skipIf(espeak === null)(name, fn)) as typeof describe;

/** Speaks `text` with espeak-ng's `voice` (default French) and encodes it like a WhatsApp voice note. */
export function speak(text: string, voice = "fr"): SpokenAudio {
  if (espeak === null) throw new Error("espeak-ng is not installed (bash .ci/tools.d/espeak.sh)");
  const dir = mkdtempSync(join(tmpdir(), "toktok-speech-"));
  try {
    const wav = join(dir, "note.wav");
    const said = spawnSync(espeak, ["-v", voice, "-w", wav, text], { encoding: "utf8" });
    if (said.status !== 0) throw new Error(`espeak-ng failed: ${said.stderr}`);
    if (opusenc === null) return { bytes: readFileSync(wav), mimeType: "audio/wav", filename: "note.wav" };
    const ogg = join(dir, "note.ogg");
    const encoded = spawnSync(opusenc, ["--quiet", wav, ogg], { encoding: "utf8" });
    if (encoded.status !== 0) throw new Error(`opusenc failed: ${encoded.stderr}`);
    return { bytes: readFileSync(ogg), mimeType: "audio/ogg; codecs=opus", filename: "note.ogg" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
