/**
 * Hard limits on what a scenario may ask for. They exist so a typo (qps 1e12, duration 10y) or a
 * hostile file fails fast with a clear message instead of hanging a browser tab or a CI job.
 * Each limit is documented with its reason in docs/limits.md; keep the two in step.
 */

/** Largest scenario file accepted, in bytes (1 MiB). Checked before any parsing. */
export const MAX_FILE_BYTES = 1_048_576;

/** Most YAML alias expansions allowed while converting a document (defeats "billion laughs"). */
export const MAX_YAML_ALIASES = 100;

/**
 * Deepest nesting of flow collections (`[` and `{`) accepted, checked by a scan of the text before the YAML
 * parser: 200,000 levels in a 400 KB file took the parser 2.6 s and 300 MB before it overflowed its stack.
 * A scenario nests fewer than 10.
 */
export const MAX_FLOW_NESTING = 256;

/**
 * Deepest nesting of block collections accepted (indentation, and compact entries such as `- - - x`), checked
 * by a scan of the text before the YAML parser: a line of 4 million `- ` in a 16 MiB manifest took the parser
 * 60 s and 2.2 GB before it overflowed its stack. A scenario nests fewer than 10 levels, a manifest about 15.
 */
export const MAX_BLOCK_NESTING = 256;

/**
 * Shortest `duration`, and the finest `interval` (10 ms): a run shorter than one point of the finest series
 * shows nothing. `duration: 5e-324`, legal when only > 0 was asked, billed 55 nodes for 0 node-hours: "$0.00/h",
 * and `cost.hourly < 10` passed, exit 0.
 */
export const MIN_DURATION_SECONDS = 0.01;

/** Longest simulated horizon, in seconds (7 days): a week covers the weekly traffic cycle. */
export const MAX_HORIZON_SECONDS = 7 * 86_400;

/** Highest request rate any traffic profile may reach, in requests per second. */
export const MAX_QPS = 1e6;

/** Most requests a serving run may be expected to simulate (the traffic profile's integral). */
export const MAX_EXPECTED_REQUESTS = 1e9;

/** Most requests a run with a token-level (llm) service may be expected to simulate: each costs several times a per-request one (about 1.6 M/s against 7 M/s, docs/performance.md). */
export const MAX_EXPECTED_LLM_REQUESTS = 1e8;

/** Above this many expected requests the parser warns that the run will be slow. */
export const WARN_EXPECTED_REQUESTS = 2e8;

/** Most services in one scenario. */
export const MAX_SERVICES = 50;

/** Most node pools in one scenario. */
export const MAX_NODE_POOLS = 50;

/** Most replicas of one service (initial, HPA min or max). */
export const MAX_REPLICAS = 10_000;

/** Most nodes in one node pool. */
export const MAX_NODES = 10_000;

/**
 * Most replicas over all services (each one's initial replicas or HPA maxReplicas, summed): every replica is
 * simulated on its own, about 17 KB with its node, so 50 services at MAX_REPLICAS would need about 9 GB.
 */
export const MAX_TOTAL_REPLICAS = 50_000;

/** Most nodes started at once over all pools (minNodes or initialNodes, summed), for the same reason. */
export const MAX_TOTAL_NODES = 50_000;

/**
 * Most job pods submitted in a run: each job's pods times its submissions before the horizon, summed. Each
 * pod is scheduled, queued and preempted on its own: 1,000 jobs may each be submitted 10,000 times with 10,000
 * pods (10¹¹ pods, all legal one by one); 10⁸ pods grew past 4 GB in a tenth of the run, while 10⁶ run in
 * 3 s within 200 MB. A real shared cluster submits thousands of pods a day.
 */
export const MAX_JOB_PODS = 1_000_000;

/**
 * Most evictions by Kueue's waitForPodsReady (PodsReadyTimeout) in one run (50,000). Each releases the quota, deletes
 * the pods and requeues the workload, which is admitted and placed again: about 0.3 ms of run time. A gang that never
 * fits, with a 1 s timeout and no requeue backoff (backoffBaseSeconds 0), was evicted every second (40,000 times in 12 h,
 * 15 s of run time; 600,000 in a week), and with a timeout of 1e-300 s for ever at one instant: the run hung.
 */
export const MAX_PODS_READY_EVICTIONS = 50_000;

/** Most GPUs one replica may request (the largest catalog nodes have 8; validated per pool against the catalog). */
export const MAX_GPUS_PER_REPLICA = 16;

/** Most requests one replica may serve at once. */
export const MAX_CONCURRENCY = 4096;

/** Largest dynamic batch. */
export const MAX_BATCH_SIZE = 4096;

/** Longest per-request service time, in ms (1 hour). */
export const MAX_LATENCY_MS = 3_600_000;

/**
 * Longest `services[].terminationGracePeriod`, s: an hour, the longest a request may take (MAX_LATENCY_MS), so a
 * longer grace could never kill one. Kubernetes itself takes any int64 seconds.
 */
export const MAX_TERMINATION_GRACE_SECONDS = 3600;

/** Most samples in an empirical latency distribution. */
export const MAX_EMPIRICAL_SAMPLES = 100_000;

/** Most points in a `points` traffic profile or a batch-latency table. */
export const MAX_PROFILE_POINTS = 10_000;

/** Most time-series points per series (duration / interval). */
export const MAX_TIMESERIES_POINTS = 100_000;

/**
 * Most per-service time-series points: (duration / interval) × services. Every service keeps its own
 * series (served, failed, p99, replicas, utilization, waiting), so 50 services at 100,000 points each made
 * a 106 MB `--json` document and a 1.8 GB process; at this limit `--json` peaks at about 440 MB.
 */
export const MAX_SERVICE_SERIES_POINTS = 1_000_000;

/**
 * Most per-pool time-series points: (duration / interval) × node pools. Each pool keeps its ready and
 * provisioning nodes at interval ends (two series), so at this limit they hold 2,000,000 numbers, a third of
 * what the services' series may (50 pools over 7 days at one point a minute is 504,000).
 */
export const MAX_POOL_SERIES_POINTS = 1_000_000;

/** Longest per-replica queue. */
export const MAX_QUEUE_LENGTH = 1_000_000;

/** Most metrics on one HPA. */
export const MAX_HPA_METRICS = 10;

/** Most scaling policies per HPA direction. */
export const MAX_SCALING_POLICIES = 10;
/** Triggers on one KEDA ScaledObject (`services[].keda.triggers`). */
export const MAX_KEDA_TRIGGERS = 8;
/** Largest image or weights size in a start-up stage, GB (a 405B model in BF16 is about 810 GB). */
export const MAX_STARTUP_GB = 10_000;

/** Most `expect:` lines and most `claims:` entries. */
export const MAX_EXPECTATIONS = 100;

/** Longest free-text field (description, prompt, notes), in characters. */
export const MAX_TEXT_CHARS = 20_000;

/** Largest model in a training run, in parameters (100 T). */
export const MAX_TRAINING_PARAMETERS = 1e14;

/** Most training tokens (100 quadrillion). */
export const MAX_TRAINING_TOKENS = 1e17;

/**
 * Lowest model FLOPs utilization a training run may state (1%): published runs are 20–60%, and below 1% is a unit
 * slip (0.4% for 40%). `mfu: 1e-300` made the run 1e302 days and its bill "$∞", exit 0 (JSON null).
 */
export const MIN_TRAINING_MFU = 0.01;

/**
 * Shortest compute time between checkpoints, seconds: a training run's `checkpoint.every` and a job's `checkpoint`.
 * Real runs save every few minutes to hours; below a second is a unit slip. `every: 5e-324` made more segments than
 * a double counts ("∞ days … $∞", JSON nulls, exit 1), and a job's `checkpoint: 5e-324` kept infinite work at a
 * preemption (the pod finished at once, "−∞ GPU-hours of work lost").
 */
export const MIN_CHECKPOINT_EVERY_SECONDS = 1;

/**
 * Slowest KV-cache link a disaggregated service may state (`llm.disaggregated.kvTransfer.gbps`), Gb/s: 1 GbE is the
 * slowest network a datacenter runs (the catalog's links are 100–900 GB/s NVLink, 400 Gb/s InfiniBand, 100 Gb/s
 * Ethernet). `gbps: 1e-320` made every transfer infinite: no request served, "mean Infinity min per request".
 */
export const MIN_KV_TRANSFER_GBPS = 1;

/** Lowest achieved fraction of that link (`kvTransfer.efficiency`, 1%): below is a unit slip (0.5 for 50%), as for MFU. */
export const MIN_KV_TRANSFER_EFFICIENCY = 0.01;

/**
 * Lowest achieved fraction of a peak an LLM service may state (`llm.efficiency.compute`, `bandwidth`, `interconnect`;
 * 1%): the fitted defaults are 0.55, 0.8 and 0.4 (docs/fidelity.md), and below 1% is a unit slip (0.5 for 50%).
 * `compute: 5e-324`, legal when only > 0 was asked, made every iteration last for ever: the run served nothing.
 */
export const MIN_LLM_EFFICIENCY = 0.01;

/** Most GPUs in a training run. */
export const MAX_TRAINING_GPUS = 1_000_000;

/**
 * Highest price per GPU-hour a scenario's `pricePerGpuHour` or the CLI's `--price` may state, USD: the dearest GPU
 * in the catalog rents for under $15; more is a unit slip (a month's price as an hour's), and `--price 1e308` made
 * every cost infinite ("$∞/h").
 */
export const MAX_PRICE_PER_GPU_HOUR = 1000;

/** Most nodes in a training run. */
export const MAX_TRAINING_NODES = 100_000;

export { expectedRequests } from './traffic-rate.ts';

/** Most call steps in one service's `calls` (a program longer than this is a mistake, not a design). */
export const MAX_CALL_STEPS = 32;

/** Most calls in one parallel group. */
export const MAX_PARALLEL_CALLS = 64;

/** Most retries of one call: more only multiplies a failing dependency's load. */
export const MAX_RETRIES = 10;
/** Largest connection pool of a call, per caller replica. */
export const MAX_CONNECTIONS = 100_000;

/**
 * Most visits one end-to-end request may make (the product of fan-outs and retries along the deepest
 * path): beyond it a single request could exhaust the in-flight limit on its own.
 */
export const MAX_VISITS_PER_REQUEST = 10_000;

/** Most traffic sources. */
export const MAX_TRAFFIC_SOURCES = 16;

/** Most vCPUs one replica may request. */
export const MAX_CPUS_PER_REPLICA = 512;

/** Most users of a closed-loop traffic source (each is one request in flight or thinking). */
export const MAX_USERS = 100_000;

/** Longest think time of a closed-loop user (1 hour). */
export const MAX_THINK_SECONDS = 3600;

/**
 * Largest quantity of a `spec.costs` line item's `gb` (stored, moved or provisioned): an exabyte, above any
 * account's storage. These quantities had no bound: `gb: 1e308` billed "$∞", and an expectation on it read "$Infinity".
 */
export const MAX_COST_ITEM_GB = 1e9;

/** Largest `bytesPerSecond` of a cost line item (1 TB/s, 8 Tbit/s of messages). */
export const MAX_COST_ITEM_BYTES_PER_SECOND = 1e12;

/** Largest fixed `usd` amount of a cost line item ($1 trillion for the period). */
export const MAX_COST_ITEM_USD = 1e12;

/** Most rows of a trace file read in one run (looping included): the same bound as expected requests. */
export const MAX_TRACE_ROWS = 1e9;

/**
 * Smallest `traffic.trace.timeScale` (a trace replayed a million times faster): `1e-300` squeezed every row to
 * time 0, before the warm-up, and the run reported nothing with only a warning.
 */
export const MIN_TRACE_TIME_SCALE = 1e-6;

/** Largest `traffic.trace.timeScale` (a trace replayed a million times slower). */
export const MAX_TRACE_TIME_SCALE = 1e6;
