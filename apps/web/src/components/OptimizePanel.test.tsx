import { parseScenarioText } from '@design-sim/sim-core';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { docToYaml } from '../model/scenario-yaml.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { OptimizePanel } from './OptimizePanel.tsx';

const doc = smallDoc();
const parsed = parseScenarioText(docToYaml(doc), 'small.yaml');
const scenario = parsed.ok ? parsed.scenario : null;
const row = (path: string) => document.querySelector<HTMLTableRowElement>(`tr[data-field="${path}"]`)!;
const inRow = <T extends Element>(path: string, testId: string) => row(path).querySelector<T>(`[data-testid=${testId}]`)!;

describe('Optimize panel', () => {
  it('builds the search from ticked rows, shows the CLI command, and a link to an unticked row falls back to the field’s own range', () => {
    render(<OptimizePanel doc={doc} scenario={scenario} designKey="x" fileName="small.yaml" selection={['pool:gpu']} dispatch={vi.fn()} />);
    // The selected component's fields come first.
    expect([...document.querySelectorAll('tr[data-field]')].map((r) => r.getAttribute('data-field'))[0]).toBe('spec.nodePools[0].instance');
    expect((screen.getByTestId('optimize-run') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(inRow('spec.services[0].replicas', 'vary-toggle'));
    fireEvent.change(inRow<HTMLInputElement>('spec.services[0].replicas', 'vary-to'), { target: { value: '9' } });
    fireEvent.click(inRow('spec.nodePools[0].maxNodes', 'vary-toggle'));
    fireEvent.change(inRow<HTMLSelectElement>('spec.nodePools[0].maxNodes', 'vary-with'), { target: { value: 'spec.services[0].replicas' } });
    expect(row('spec.nodePools[0].maxNodes').textContent).toContain('the values of model · replicas');
    expect(screen.getByTestId('optimize-cli').textContent).toBe("design-sim optimize small.yaml --vary 'spec.services[0].replicas,spec.nodePools[0].maxNodes=1..9'");
    expect((screen.getByTestId('optimize-run') as HTMLButtonElement).disabled).toBe(false);

    // Untick the leader: maxNodes is its own dimension again, with its own range boxes.
    fireEvent.click(inRow('spec.services[0].replicas', 'vary-toggle'));
    expect(inRow('spec.nodePools[0].maxNodes', 'vary-from')).not.toBeNull();
    expect(screen.getByTestId('optimize-cli').textContent).toBe("design-sim optimize small.yaml --vary 'spec.nodePools[0].maxNodes=1..30'");

    // A bad range names the row and disables the search.
    fireEvent.change(inRow<HTMLInputElement>('spec.nodePools[0].maxNodes', 'vary-from'), { target: { value: '40' } });
    expect(screen.getByTestId('optimize-input-error').textContent).toBe('gpu · maxNodes: the range runs backwards (from 40 to 30); write the lower value first');
    expect((screen.getByTestId('optimize-run') as HTMLButtonElement).disabled).toBe(true);
  });
});
