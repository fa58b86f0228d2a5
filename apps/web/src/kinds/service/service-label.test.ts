import { describe, expect, it } from 'vitest';
import { serviceLabel } from './service-label.ts';

describe('serviceLabel', () => {
  it('names a service by what it serves, with the schema’s default of 1 GPU a replica unless cpuPerReplica is given', () => {
    // content/rag-llama3-8b.yaml: llm (llm + 1 GPU), embed (1 GPU), vector-search (4 CPUs).
    expect(serviceLabel({ name: 'llm', gpusPerReplica: 1, llm: { model: 'llama-3.1-8b' } })).toBe('LLM service');
    expect(serviceLabel({ name: 'embed', gpusPerReplica: 1 })).toBe('Model service');
    expect(serviceLabel({ name: 'vector-search', cpuPerReplica: 4 })).toBe('Service');
    // The palette's new service names neither: 1 GPU a replica.
    expect(serviceLabel({ name: 'model', replicas: 7 })).toBe('Model service');
    expect(serviceLabel({ name: 'proxy', gpusPerReplica: 0 })).toBe('Service');
  });
});
