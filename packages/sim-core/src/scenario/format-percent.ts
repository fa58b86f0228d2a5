/**
 * A fraction as a percentage for people, the one rule every output uses (CLI text and Markdown, expectation values, the
 * canvas): `decimals` places, trailing zeros dropped ("88.309%", "100%"), but never rounded onto 100% or 0% when the
 * fraction is not exactly that. 2 requests dropped of 7,201,260 is an availability of 0.99999972, which three places
 * round to "100%", the figure of a run that served everything: it shows "99.99997%" instead, with the places it needs.
 * Within 1e-12 of 1 or 0 is floating-point noise (a time average of a full fleet reads 0.99999999999996), not a count:
 * no run has 10¹² requests, so one lost request of any real run is further from 1 than that.
 */
/** How close to 1 or 0 a fraction may be and still be rounded onto it: float noise, not a count (see above). */
const NOISE = 1e-12;

export function formatPercentText(fraction: number, decimals: number): string {
  if (!Number.isFinite(fraction)) return `${String(fraction * 100)}%`;
  const pct = fraction * 100;
  let places = Math.max(0, Math.min(20, Math.floor(decimals)));
  let text = pct.toFixed(places);
  // Past 20 places toFixed refuses; a fraction that close to 1 or 0 (1e-22) is not a count of anything real.
  while (places < 20 && ((fraction < 1 - NOISE && Number(text) >= 100) || (fraction > NOISE && Number(text) <= 0))) text = pct.toFixed(++places);
  return `${text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}%`;
}
