/**
 * k8s.io/apimachinery `intstr.GetScaledValueFromIntOrPercent`, which both disruption budgets use: a PodDisruptionBudget's
 * maxUnavailable / minAvailable (kubernetes pkg/controller/disruption/disruption.go, roundUp true) and a Karpenter
 * NodePool budget's `nodes` (karpenter pkg/apis/v1/nodepool.go `GetAllowedDisruptions`, roundUp true).
 */

/** N % of `total`, rounded up when `roundUp` (upstream: `int(math.Ceil(float64(value) * float64(total) / 100))`), else down. */
export function scaledPercent(percent: number, total: number, roundUp: boolean): number {
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** An integer as is, "N%" as `scaledPercent(N, total, roundUp)`. */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  return typeof v === 'number' ? v : scaledPercent(Number(v.slice(0, -1)), total, roundUp);
}
