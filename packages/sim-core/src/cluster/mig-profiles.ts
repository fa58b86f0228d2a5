/**
 * MIG profiles as schedulable units: how many instances of one profile a GPU holds when every GPU of a node
 * is partitioned the same way (mig-parted's `all-<profile>` configurations).
 *
 * Source: NVIDIA GPU Operator, assets/state-mig-manager/0400_configmap.yaml (the default mig-parted config) @
 * 206adb696b5332957d829928f535bd7af96a858c: A100-40GB all-1g.5gb 7, all-2g.10gb 3, all-3g.20gb 2, all-7g.40gb 1;
 * A100-80GB all-1g.10gb 7, all-2g.20gb 3, all-3g.40gb 2, all-7g.80gb 1. Profile names and fractions: NVIDIA MIG
 * User Guide, "Supported MIG Profiles" (https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html,
 * read 2026-12-03). H100 profiles are not listed in that config, so they are refused rather than guessed.
 */

/** Instances per GPU of each profile, by catalog GPU id. */
export const MIG_INSTANCES_PER_GPU: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'a100-40gb': { '1g.5gb': 7, '2g.10gb': 3, '3g.20gb': 2, '7g.40gb': 1 },
  'a100-80gb': { '1g.10gb': 7, '2g.20gb': 3, '3g.40gb': 2, '7g.80gb': 1 },
};

/** Slices per GPU of `profile` on `gpuId`, or a message saying why not. */
export function migSlicesPerGpu(gpuId: string, profile: string): number | string {
  const table = MIG_INSTANCES_PER_GPU[gpuId];
  if (table === undefined) return `no MIG profile table for GPU "${gpuId}" (known: ${Object.keys(MIG_INSTANCES_PER_GPU).join(', ')})`;
  const n = table[profile];
  return n ?? `profile "${profile}" is not an all-<profile> configuration of ${gpuId} (one of ${Object.keys(table).join(', ')})`;
}
