/** The node pool's inspector form: instance and bounds, provisioning time, cluster autoscaler, spot interruptions, Karpenter. */
import { field as f, type SectionDef, type VariantDef } from '../../model/inspector-fields.ts';

const PROVISIONING: VariantDef = {
  kind: 'variant',
  key: [],
  discriminator: 'distribution',
  label: 'Distribution',
  variants: {
    lognormal: { defaults: { distribution: 'lognormal', p50: '4m', p95: '10m' }, fields: [f('p50', 'p50'), f('p95', 'p95')] },
    constant: { defaults: { distribution: 'constant', value: '4m' }, fields: [f('value', 'Time')] },
  },
};

/** The node pool form. */
export const NODE_POOL_SECTIONS: readonly SectionDef[] = [
    {
      title: 'Node pool',
      key: [],
      items: [
        f('name', 'Name', 'text'),
        f('provisioner', 'Provisioner', 'select', { options: ['cluster-autoscaler', 'karpenter'], placeholder: 'cluster-autoscaler' }),
        f('instance', 'Instance', 'instance'),
        f('minNodes', 'Min nodes', 'value', { placeholder: '0' }),
        f('maxNodes', 'Max nodes'),
        f('initialNodes', 'Initial nodes', 'value', { placeholder: 'minNodes' }),
        f('spotShare', 'Spot share', 'value', { placeholder: '0', help: '0.5 or 50%' }),
        f('purchase', 'Non-spot pricing', 'select', { options: ['on-demand', 'commit1y', 'commit3y'], placeholder: 'on-demand' }),
      ],
    },
    { title: 'Provisioning time', key: ['provisioning'], optional: { create: { distribution: 'lognormal', p50: '4m', p95: '10m' } }, items: [{ ...PROVISIONING }] },
    {
      title: 'Cluster autoscaler',
      key: ['clusterAutoscaler'],
      optional: { create: {} },
      items: [
        f('scanInterval', 'Scan interval', 'value', { placeholder: '10s' }),
        f('scaleDownUnneededTime', 'Scale-down unneeded', 'value', { placeholder: '10m' }),
        f('scaleDownDelayAfterAdd', 'Scale-down delay after add', 'value', { placeholder: '10m' }),
        f('scaleDownUtilizationThreshold', 'Utilization threshold', 'value', { placeholder: '0.5' }),
        f('maxNodeProvisionTime', 'Max provision time', 'value', { placeholder: '15m' }),
        f('enabled', 'Enabled', 'checkbox'),
      ],
    },
    { title: 'Spot interruptions', key: ['spot'], optional: { create: { interruptionsPerNodeHour: 0.005 } }, items: [f('interruptionsPerNodeHour', 'Per node-hour'), f('notice', 'Notice', 'value', { placeholder: 'by cloud' })] },
    {
      title: 'Karpenter NodePool',
      key: ['karpenter'],
      optional: { create: { instanceTypes: ['aws/us-east-1/g5.xlarge', 'aws/us-east-1/g5.2xlarge'], capacityTypes: ['spot', 'on-demand'] } },
      items: [
        f('instanceTypes', 'Instance types (one per line)', 'lines'),
        f('capacityTypes', 'Capacity types (one per line)', 'lines', { placeholder: 'on-demand' }),
        f(['limits', 'gpus'], 'Limit: GPUs', 'value', { placeholder: 'none' }),
        f(['limits', 'nodes'], 'Limit: nodes', 'value', { placeholder: 'none' }),
        f(['disruption', 'consolidationPolicy'], 'Consolidation policy', 'select', { options: ['WhenEmpty', 'WhenEmptyOrUnderutilized'], placeholder: 'WhenEmptyOrUnderutilized' }),
        f(['disruption', 'consolidateAfter'], 'Consolidate after', 'value', { placeholder: '0s' }),
        f('weight', 'Weight (tried first when higher)', 'value', { placeholder: 'none' }),
      ],
    }
];
