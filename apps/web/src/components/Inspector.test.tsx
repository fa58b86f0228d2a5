import { fireEvent, render, screen, within } from '@testing-library/react';
import { useReducer } from 'react';
import { describe, expect, it } from 'vitest';
import { createHistory, historyReducer, type HistoryAction } from '../model/design-history.ts';
import { initialDesignState } from '../model/design-reducer.ts';
import { getIn, setIn, type PlainObject } from '../model/doc-path.ts';
import { scenarioToGraph } from '../model/scenario-to-graph.ts';
import { validateDesign } from '../model/validate-design.ts';
import { llmDoc, smallDoc } from '../test-support/fixtures.ts';
import { Inspector } from './Inspector.tsx';

/** The inspector wired to the real reducer and synchronous validation, exposing the document for assertions. */
function Harness({ doc, selection, onDoc }: { doc: PlainObject; selection: string[]; onDoc: (d: PlainObject) => void }) {
  const [h, dispatch] = useReducer(historyReducer, createHistory({ ...initialDesignState(doc), selection }));
  onDoc(h.present.doc);
  const errors = validateDesign(h.present.doc, 'x.yaml').errors;
  return <Inspector doc={h.present.doc} graph={scenarioToGraph(h.present.doc)} selection={h.present.selection} errors={errors} dispatch={dispatch as (a: HistoryAction) => void} />;
}

function field(path: string): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`[data-field="${path}"]`);
  if (el === null) throw new Error(`no field ${path}`);
  return el;
}

describe('Inspector', () => {
  it('edits the selected service, showing schema errors at the field (never a crash)', () => {
    let doc: PlainObject = {};
    render(<Harness doc={smallDoc()} selection={['service:model']} onDoc={(d) => (doc = d)} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Model service');
    fireEvent.change(field('spec.services[0].replicas'), { target: { value: 'lots' } });
    expect(getIn(doc, ['spec', 'services', 0, 'replicas'])).toBe('lots');
    const box = field('spec.services[0].replicas').closest('.ds-field') as HTMLElement;
    expect(within(box).getByRole('alert').textContent).toMatch(/expected number, received string|number/i);
    expect(field('spec.services[0].replicas').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(field('spec.services[0].replicas'), { target: { value: '12' } });
    expect(getIn(doc, ['spec', 'services', 0, 'replicas'])).toBe(12);
    expect(document.querySelectorAll('.ds-field.has-error')).toHaveLength(0);
  });

  it('swaps a variant block for the defaults of another variant, and adds optional sections', () => {
    let doc: PlainObject = {};
    render(<Harness doc={smallDoc()} selection={['service:model']} onDoc={(d) => (doc = d)} />);
    fireEvent.change(field('spec.services[0].latency.distribution'), { target: { value: 'lognormal' } });
    expect(getIn(doc, ['spec', 'services', 0, 'latency'])).toEqual({ distribution: 'lognormal', p50Ms: 50, p99Ms: 150 });
    fireEvent.click(within(screen.getByRole('region', { name: 'Autoscaler (HPA)' })).getByRole('button', { name: 'Add' }));
    expect(getIn(doc, ['spec', 'services', 0, 'hpa', 'metrics'])).toEqual([{ type: 'qpsPerReplica', target: 15 }]);
    fireEvent.change(field('spec.services[0].hpa.metrics[0].target'), { target: { value: '5' } });
    expect(getIn(doc, ['spec', 'services', 0, 'hpa', 'metrics', 0, 'target'])).toBe(5);
  });

  it('shows the instance price and its source for a node pool', () => {
    render(<Harness doc={smallDoc()} selection={['pool:gpu']} onDoc={() => undefined} />);
    const prices = document.querySelector('.ds-field__prices')!;
    expect(prices.textContent).toMatch(/on-demand \$[\d.]+\/h — source \w+, observed (\d{4}-\d{2}-\d{2}|undated)/);
    expect(prices.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('edits scenario settings with nothing selected, and lists issues no field shows', () => {
    let doc: PlainObject = {};
    const empty = setIn(setIn(smallDoc(), ['spec', 'services'], []), ['spec', 'traffic'], undefined);
    render(<Harness doc={empty} selection={[]} onDoc={(d) => (doc = d)} />);
    expect(document.querySelector('.ds-issues')?.textContent).toContain('nothing to simulate');
    fireEvent.change(field('spec.duration'), { target: { value: '2h' } });
    expect(getIn(doc, ['spec', 'duration'])).toBe('2h');
    fireEvent.change(field('spec.duration'), { target: { value: '9d' } });
    expect((field('spec.duration').closest('.ds-field') as HTMLElement).textContent).toMatch(/must be at most 7d/);
  });

  it('renders file text as text: a title with HTML is not markup', () => {
    const doc = setIn(smallDoc(), ['metadata', 'title'], '<img src=x onerror="alert(1)">');
    const { container } = render(<Harness doc={doc} selection={[]} onDoc={() => undefined} />);
    expect(container.querySelector('img')).toBeNull();
    expect(field('metadata.title').value).toBe('<img src=x onerror="alert(1)">');
  });

  it('switches a service between per-request latency and LLM in one undoable edit, showing only the chosen fields', () => {
    let doc: PlainObject = {};
    render(<Harness doc={smallDoc()} selection={['service:model']} onDoc={(d) => (doc = d)} />);
    const mode = screen.getByLabelText<HTMLSelectElement>('Latency model');
    expect(mode.value).toBe('per-request latency');
    expect(screen.queryByRole('region', { name: 'LLM serving (token-level)' })).toBeNull();
    fireEvent.change(mode, { target: { value: 'LLM (token-level)' } });
    const svc = getIn(doc, ['spec', 'services', 0]) as PlainObject;
    expect(svc.latency).toBeUndefined();
    expect(svc.llm).toEqual({ model: 'llama-3.1-8b', precision: 'bf16', inputTokens: 512, outputTokens: 256 });
    expect(svc.nodePool).toBe('gpu');
    // The design is valid as switched: no field shows an error, and the service-time block is gone.
    expect(document.querySelectorAll('.ds-field.has-error')).toHaveLength(0);
    expect(document.querySelector('[data-field="spec.services[0].latency.distribution"]')).toBeNull();
    const llm = screen.getByRole('region', { name: 'LLM serving (token-level)' });
    expect(within(llm).queryByRole('button', { name: 'Add' })).toBeNull();
    for (const k of ['model', 'precision', 'kvCacheDtype', 'inputTokens', 'outputTokens', 'maxBatchSize', 'maxBatchedTokens', 'chunkedPrefill']) field(`spec.services[0].llm.${k}`);
    fireEvent.change(screen.getByLabelText('Latency model'), { target: { value: 'per-request latency' } });
    expect(getIn(doc, ['spec', 'services', 0, 'llm'])).toBeUndefined();
    expect(getIn(doc, ['spec', 'services', 0, 'latency'])).toEqual({ distribution: 'constant', ms: 50 });
  });

  it('edits the LLM fields, with schema errors at the field', () => {
    let doc: PlainObject = {};
    render(<Harness doc={llmDoc()} selection={['service:llm']} onDoc={(d) => (doc = d)} />);
    const model = field('spec.services[0].llm.model') as unknown as HTMLSelectElement;
    // The known models come from sim-core's table (llm-models.ts), one source for the schema and the canvas.
    expect(Array.from(model.options).map((o) => o.value)).toEqual(['llama-3.1-8b', 'llama-3.1-70b', 'llama-3.3-70b', 'llama-2-70b', 'llama-3.2-1b', 'mixtral-8x7b', 'qwen3-30b-a3b']);
    fireEvent.change(model, { target: { value: 'llama-3.1-70b' } });
    fireEvent.change(field('spec.services[0].llm.kvCacheDtype'), { target: { value: 'fp8' } });
    fireEvent.change(field('spec.services[0].llm.outputTokens'), { target: { value: '300' } });
    fireEvent.click(field('spec.services[0].llm.chunkedPrefill'));
    expect(getIn(doc, ['spec', 'services', 0, 'llm'])).toMatchObject({ model: 'llama-3.1-70b', kvCacheDtype: 'fp8', outputTokens: 300, chunkedPrefill: false });
    // A 70B model in BF16 does not fit one 24 GB A10G: sim-core's catalog check, shown at the model field.
    const modelBox = field('spec.services[0].llm.model').closest('.ds-field') as HTMLElement;
    expect(within(modelBox).getByRole('alert').textContent).toMatch(/does not fit: [\d.]+ GB of bf16 weights/);
    fireEvent.change(model, { target: { value: 'llama-3.1-8b' } });
    expect(document.querySelectorAll('.ds-field.has-error')).toHaveLength(0);
    fireEvent.change(field('spec.services[0].llm.maxBatchSize'), { target: { value: '0' } });
    const box = field('spec.services[0].llm.maxBatchSize').closest('.ds-field') as HTMLElement;
    expect(within(box).getByRole('alert').textContent).toBe('must be at least 1, got 0');
    fireEvent.change(field('spec.services[0].llm.maxBatchSize'), { target: { value: '64' } });
    // The engine's scheduler (vLLM 0.6 multi-step); prefill mixed with steps > 1 is the schema's error, at the field.
    fireEvent.change(field('spec.services[0].llm.scheduler.steps'), { target: { value: '10' } });
    expect(getIn(doc, ['spec', 'services', 0, 'llm', 'scheduler'])).toEqual({ steps: 10 });
    fireEvent.change(field('spec.services[0].llm.scheduler.prefill'), { target: { value: 'mixed' } });
    const prefill = field('spec.services[0].llm.scheduler.prefill').closest('.ds-field') as HTMLElement;
    expect(within(prefill).getByRole('alert').textContent).toMatch(/^with steps > 1 prefill runs as its own one-step batch/);
  });

  it('adds speculative decoding to an LLM service; a draft without its model is the schema error at the field', () => {
    let doc: PlainObject = {};
    render(<Harness doc={llmDoc()} selection={['service:llm']} onDoc={(d) => (doc = d)} />);
    fireEvent.click(within(screen.getByRole('region', { name: 'Speculative decoding' })).getByRole('button', { name: 'Add' }));
    expect(getIn(doc, ['spec', 'services', 0, 'llm', 'speculative'])).toEqual({ method: 'eagle', tokens: 3, acceptedLength: 2 });
    expect(document.querySelectorAll('.ds-field.has-error')).toHaveLength(0);
    fireEvent.change(field('spec.services[0].llm.speculative.method'), { target: { value: 'draft' } });
    const draft = field('spec.services[0].llm.speculative.draftModel').closest('.ds-field') as HTMLElement;
    expect(within(draft).getByRole('alert').textContent).toMatch(/^method draft needs draftModel/);
    fireEvent.change(field('spec.services[0].llm.speculative.draftModel'), { target: { value: 'llama-3.2-1b' } });
    expect(getIn(doc, ['spec', 'services', 0, 'llm', 'speculative', 'draftModel'])).toBe('llama-3.2-1b');
    expect(document.querySelectorAll('.ds-field.has-error')).toHaveLength(0);
  });

  it('shows a custom model shape as one choice, and a token distribution that a typed number replaces', () => {
    const shape = { layers: 2, hiddenSize: 64, kvHeads: 1, headDim: 64, parameters: 1e6 };
    const lengths = { distribution: 'lognormal', p50: 202, p99: 1000, max: 4000 };
    const doc = setIn(setIn(llmDoc(), ['spec', 'services', 0, 'llm', 'model'], shape), ['spec', 'services', 0, 'llm', 'inputTokens'], lengths);
    let out: PlainObject = {};
    render(<Harness doc={doc} selection={['service:llm']} onDoc={(d) => (out = d)} />);
    expect(JSON.parse(field('spec.services[0].llm.inputTokens').value)).toEqual(lengths);
    fireEvent.change(field('spec.services[0].llm.inputTokens'), { target: { value: '250' } });
    expect(getIn(out, ['spec', 'services', 0, 'llm', 'inputTokens'])).toBe(250);
    const model = field('spec.services[0].llm.model') as unknown as HTMLSelectElement;
    expect(model.value).toBe('custom shape');
    expect(model.selectedOptions[0]!.textContent).toBe('custom shape (Edit as YAML)');
  });
});
