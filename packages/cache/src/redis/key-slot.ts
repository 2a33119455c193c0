// Redis Cluster's key → slot mapping (CRC16-XMODEM of the key's bytes, or of its hash tag, modulo 16 384), so that
// a multi-key command can be split into one command per slot. Our own few lines rather than a dependency: the
// package never imports ioredis or its `cluster-key-slot`; the integration test checks it against CLUSTER KEYSLOT.

const table = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let crc = i << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  table[i] = crc;
}

function crc16(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++)
    crc = ((crc << 8) & 0xffff) ^ (table[((crc >> 8) ^ (bytes[i] as number)) & 0xff] as number);
  return crc;
}

const encoder = new TextEncoder();

/** The Redis Cluster hash slot of `key` (0–16 383), honouring a `{hash tag}` as Redis does. */
export function keySlot(key: string): number {
  const bytes = encoder.encode(key);
  const open = bytes.indexOf(0x7b); // "{"
  if (open !== -1) {
    const close = bytes.indexOf(0x7d, open + 1); // "}"
    if (close > open + 1) return crc16(bytes, open + 1, close) & 0x3fff;
  }
  return crc16(bytes, 0, bytes.length) & 0x3fff;
}

/** `keys` grouped by hash slot, each group valid for one multi-key command on Cluster. */
export function groupBySlot(keys: readonly string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const slot = keySlot(key);
    const group = groups.get(slot);
    if (group) group.push(key);
    else groups.set(slot, [key]);
  }
  return [...groups.values()];
}
