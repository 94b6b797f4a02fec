/** Dollars in a sentence: model calls cost fractions of a cent, so small sums keep three decimals. */
export function formatUsd(usd: number): string {
  const value = Math.max(0, usd);
  return value > 0 && value < 0.1 ? `$${value.toFixed(3)}` : `$${value.toFixed(2)}`;
}
