/** Rounds to 2 decimals: the display precision of every average and percentage this package returns. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;
