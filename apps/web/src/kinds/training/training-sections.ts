/** The training job's inspector form: model and tokens, hardware and price, MFU, memory and checkpoints. */
import { field as f, type SectionDef } from '../../model/inspector-fields.ts';

/** The training form. */
export const TRAINING_SECTIONS: readonly SectionDef[] = [
    {
      title: 'Training job',
      key: [],
      items: [
        f('parameters', 'Parameters', 'value', { help: '7e9 or 7B' }),
        f('tokens', 'Tokens', 'value', { help: '2e12 or 2T' }),
        f('instance', 'Instance', 'instance', { help: 'with nodes; or use GPU + GPUs' }),
        f('nodes', 'Nodes'),
        f('gpu', 'GPU', 'gpu'),
        f('gpus', 'GPUs'),
        f('pricePerGpuHour', '$ per GPU-hour'),
        f('purchase', 'Pricing', 'select', { options: ['on-demand', 'spot', 'commit1y', 'commit3y'], placeholder: 'on-demand' }),
        f('mfu', 'MFU', 'value', { help: '0.4 or 40%' }),
        f('precision', 'Precision', 'select', { options: ['bf16', 'fp8'], placeholder: 'bf16' }),
        f('interruptionsPerNodeHour', 'Interruptions / node-h'),
        f('budgetUsd', 'Budget (USD)'),
        f('zeroStage', 'ZeRO stage', 'value', { placeholder: '3', help: '0 none … 3 full shard (FSDP)' }),
        f('activationGBPerGpu', 'Activations (GB/GPU)', 'value', { placeholder: '0' }),
      ],
    },
    { title: 'Checkpointing', key: ['checkpoint'], optional: { create: { every: '1h', save: '3m', restart: '10m' } }, items: [f('every', 'Every'), f('save', 'Save time', 'value', { placeholder: '0' }), f('restart', 'Restart time', 'value', { placeholder: '0' })] }
];
