/**
 * When a terminating pod is killed: the kubelet sends SIGTERM, waits the pod's grace period, then SIGKILL. What is
 * still in flight on the pod then is lost (its clients see the connection reset). One function for every way a
 * serving pod terminates (scale-down, drains, evictions, preemption, spot notices), so they agree.
 */

/**
 * Kubernetes' default `terminationGracePeriodSeconds` (k8s.io/api core/v1 `DefaultTerminationGracePeriodSeconds`,
 * 30), what a pod spec without the field gets.
 */
export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

/**
 * The kubelet never kills sooner than this after SIGTERM: kubernetes/kubernetes@007dfb7
 * pkg/kubelet/kuberuntime/kuberuntime_container.go `killContainer` ("always give containers a minimal shutdown
 * window to avoid unnecessary SIGKILLs": `if gracePeriod < minimumGracePeriodInSeconds { gracePeriod = 2 }`; the
 * check is still there in today's `killContainer`, after the preStop hook). A grace of 0 s therefore kills 2 s after
 * the pod leaves the endpoints, not at once.
 */
export const KUBELET_MIN_GRACE_SECONDS = 2;

/**
 * The cluster autoscaler's `--max-graceful-termination-sec` default (600): its scale-down drain evicts each pod with
 * `DeleteOptions.GracePeriodSeconds` = the pod's own grace capped by it. kubernetes/autoscaler@1d0777f
 * cluster-autoscaler/core/scaledown/actuation/drain.go `Evictor.evictPod` (`if maxTermination > 0 && termination >
 * maxTermination { termination = maxTermination }`, maxTermination being the flag when no
 * shutdownGracePeriodByPodPriority is set); `waitPodsToDisappear` then waits that long plus a 30 s headroom, so the
 * pods are gone (killed if need be) before the node is.
 */
export const CA_MAX_GRACEFUL_TERMINATION_SECONDS = 600;

/**
 * Seconds from the start of a pod's termination to its SIGKILL: its grace (the eviction's cap applied, when the
 * evicting controller sets one), never below the kubelet's minimum.
 */
export function killDelaySeconds(graceSeconds: number, cap = Infinity): number {
  return Math.max(KUBELET_MIN_GRACE_SECONDS, Math.min(graceSeconds, cap));
}
