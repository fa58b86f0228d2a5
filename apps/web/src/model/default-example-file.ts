/** The autoscaling example the README walks through; the default design (its file in content/). */
export const DEFAULT_EXAMPLE = 'autoscaling-100-to-1000-qps.yaml';
