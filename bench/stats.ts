/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The smallest and largest of `values`. */
export function range(values: readonly number[]): { min: number; max: number } {
  if (values.length === 0) throw new Error('range of no values');
  return { min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Runs `first` and `second` one after the other in the order of `round`: `first` first in even
 * rounds, `second` first in odd ones, so that a machine getting busier or quieter over a run
 * favours neither. Answers both results, in argument order.
 */
export async function inRoundOrder<A, B>(
  round: number,
  first: () => Promise<A>,
  second: () => Promise<B>,
): Promise<[A, B]> {
  if (round % 2 === 0) {
    const a = await first();
    return [a, await second()];
  }
  const b = await second();
  return [await first(), b];
}

/**
 * Runs `measureA` and `measureB` `rounds` times each in the order of the round (A B, B A,
 * A B, ...: {@link inRoundOrder}). Answers each side's figures and the per-round ratios B / A.
 */
export async function alternate(
  rounds: number,
  measureA: () => Promise<number>,
  measureB: () => Promise<number>,
): Promise<{ a: number[]; b: number[]; ratios: number[] }> {
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const [figureA, figureB] = await inRoundOrder(round, measureA, measureB);
    a.push(figureA);
    b.push(figureB);
    ratios.push(figureB / figureA);
  }
  return { a, b, ratios };
}
