/**
 * Reads a downloaded body whole, up to `maxBytes`: past that, throws what `tooLarge` makes, without
 * reading the rest (leaving the loop by a throw calls the iterator's return(), which destroys a Node stream).
 */
export async function readLimited(
  stream: AsyncIterable<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
