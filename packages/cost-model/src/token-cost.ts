/** Serving cost per token: what a pool's node-hours cost per million tokens it processed. */

/** USD per million tokens: `usd` spent over `tokens` tokens; null when no token was processed (a price per nothing is not 0). */
export function usdPerMillionTokens(usd: number, tokens: number): number | null {
  return tokens > 0 ? (usd / tokens) * 1e6 : null;
}
