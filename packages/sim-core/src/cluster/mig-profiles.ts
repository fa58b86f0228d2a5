/**
 * MIG profiles as schedulable units: how many instances of one profile a GPU holds when every GPU of a node
 * is partitioned the same way (mig-parted's `all-<profile>` configurations).
 *
 * Source: NVIDIA GPU Operator, assets/state-mig-manager/0400_configmap.yaml (the default mig-parted config) @
 * a22dbf671f2e26f9a1e342f8eea28e196235e110 (2026-08-21), https://github.com/NVIDIA/gpu-operator/blob/a22dbf671f2e26f9a1e342f8eea28e196235e110/assets/state-mig-manager/0400_configmap.yaml.
 * Each `all-<profile>` entry names the products it applies to in a comment (or a `device-filter` where one profile
 * name means different counts on different GPUs: `all-1g.10gb` is 7 on the 80 GB A100/H100 and 4 on the 40 GB
 * A100). The config says "A100-40GB", "A100-80GB", "H100-80GB" without a form factor and its device filters list
 * the SXM and PCIe parts together, so one table serves both catalog entries of each. Profile names and fractions:
 * NVIDIA MIG User Guide, "Supported MIG Profiles"
 * (https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html, read 2026-12-03). The
 * media-extension variants (`+me`, one per GPU) are left out: a slice count, not a codec, is what the pool
 * schedules. GPUs whose profiles the config does not attribute unambiguously (B200, GB200, GH200) are refused
 * rather than guessed.
 */

const A100_40GB = { '1g.5gb': 7, '1g.10gb': 4, '2g.10gb': 3, '3g.20gb': 2, '4g.20gb': 1, '7g.40gb': 1 };
const GB80 = { '1g.10gb': 7, '1g.20gb': 4, '2g.20gb': 3, '3g.40gb': 2, '4g.40gb': 1, '7g.80gb': 1 };

/** Instances per GPU of each profile, by catalog GPU id. */
export const MIG_INSTANCES_PER_GPU: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'a100-40gb': A100_40GB,
  'a100-pcie-40gb': A100_40GB,
  'a100-80gb': GB80,
  'a100-pcie-80gb': GB80,
  'h100-sxm-80gb': GB80,
  'h100-pcie-80gb': GB80,
  // "H100 NVL, H800 NVL": all-1g.12gb 7, all-1g.24gb 4, all-2g.24gb 3, all-3g.47gb 2, all-4g.47gb 1, all-7g.94gb 1.
  'h100-nvl-94gb': { '1g.12gb': 7, '1g.24gb': 4, '2g.24gb': 3, '3g.47gb': 2, '4g.47gb': 1, '7g.94gb': 1 },
  // "H200-141GB": all-1g.18gb 7, all-1g.35gb 4 (device-filter 0x233510DE), all-2g.35gb 3, all-3g.71gb 2, all-4g.71gb 1, all-7g.141gb 1.
  'h200-sxm-141gb': { '1g.18gb': 7, '1g.35gb': 4, '2g.35gb': 3, '3g.71gb': 2, '4g.71gb': 1, '7g.141gb': 1 },
};

/** Slices per GPU of `profile` on `gpuId`, or a message saying why not. */
export function migSlicesPerGpu(gpuId: string, profile: string): number | string {
  const table = MIG_INSTANCES_PER_GPU[gpuId];
  if (table === undefined) return `no MIG profile table for GPU "${gpuId}" (known: ${Object.keys(MIG_INSTANCES_PER_GPU).join(', ')})`;
  const n = table[profile];
  return n ?? `profile "${profile}" is not an all-<profile> configuration of ${gpuId} (one of ${Object.keys(table).join(', ')})`;
}
