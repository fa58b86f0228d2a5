// The start-up stages' default throughputs; apart from the schema (service-schema.ts, which uses them as defaults) so that compiling a parsed scenario loads no zod.

/**
 * Default throughputs of the weight-load stage, MB/s (decimal), each measured on Llama 3.1 8B (16.06 GB of BF16
 * weights) with vLLM; docs/fidelity.md "Cold start" has the arithmetic.
 * - hub: downloaded at start-up, then loaded: 61 s download + 33 s weight loading = 94 s, 171 MB/s
 *   (https://tensorfuse.io/docs/blogs/reducing_gpu_cold_start, the uncached run on L40S).
 * - persistentVolume: vLLM's default safetensors loader from a GP3 SSD volume, 47.99 s, 335 MB/s
 *   (https://developer.nvidia.com/blog/reducing-cold-start-latency-for-llm-inference-with-nvidia-runai-model-streamer).
 * - localNvme: already on the node, weight loading 18 s, 892 MB/s (the cached run of the tensorfuse post).
 */
export const WEIGHT_SOURCE_MBPS = { hub: 171, persistentVolume: 335, localNvme: 892 } as const;
/**
 * Default registry bandwidth, MB/s: a 20.2 GB Llama 3.1 8B image took 5–6 min to pull and 3–4 min to extract,
 * about 9 min, 37 MB/s effective (https://bentoml.com/blog/cold-starting-llms-on-kubernetes-in-under-30-seconds).
 */
export const DEFAULT_REGISTRY_MBPS = 37;
