/** A cluster job's inspector form: who runs it where, its pods, how long, how often, and what a preemption costs it. */
import { field as f, type SectionDef } from '../../model/inspector-fields.ts';

/** The job form. */
export const JOB_SECTIONS: readonly SectionDef[] = [
  {
    title: 'Cluster job',
    key: [],
    items: [
      f('name', 'Name', 'text'),
      f('team', 'Team', 'text', { help: 'a name from spec.teams' }),
      f('pods', 'Pods', 'value', { placeholder: '1' }),
      f('gpusPerPod', 'GPUs per pod'),
      f('duration', 'Run time'),
      f('gang', 'Gang (all pods or none)', 'checkbox'),
      f('priorityClass', 'Priority class', 'text', { placeholder: 'none (priority 0)' }),
      f('at', 'First submission', 'value', { placeholder: '0s' }),
      f('count', 'Submissions', 'value', { placeholder: '1' }),
      f('every', 'Every', 'value', { placeholder: 'with count > 1' }),
      f('checkpoint', 'Checkpoint every', 'value', { placeholder: 'none: restarts from the start' }),
    ],
  },
];
