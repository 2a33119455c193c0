// Rows reused across calls: typo matching runs on the hot path and must not allocate.
const MAX_REUSED = 64;
let rowA = new Int32Array(MAX_REUSED + 1);
let rowB = new Int32Array(MAX_REUSED + 1);
let rowC = new Int32Array(MAX_REUSED + 1);

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), bounded:
 * returns `max + 1` as soon as the distance is known to exceed `max`, which keeps typo
 * matching cheap on the hot path.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > rowA.length) {
    rowA = new Int32Array(lb + 1);
    rowB = new Int32Array(lb + 1);
    rowC = new Int32Array(lb + 1);
  }
  let prevPrev = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = spare;
  }
  return prev[lb] as number;
}

/** Edits tolerated for a word of this length: none for short words, where a typo changes the word. */
export function typoBudget(length: number): number {
  if (length < 5) return 0;
  if (length < 9) return 1;
  return 2;
}
