import { createSimApi } from '@design-sim/sim-core';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { validateDesignDoc } from '../model/design-text.ts';
import { setIn, type PlainObject } from '../model/doc-path.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { useValidation } from './useValidation.ts';

describe('useValidation', () => {
  it('is pending until the validator answers, keeps the last issues meanwhile, and caches answers', async () => {
    const api = createSimApi();
    const validator = vi.fn(async (doc: PlainObject, file: string) => validateDesignDoc(api, doc, file));
    const bad = setIn(smallDoc(), ['spec', 'services', 0, 'replicas'], -1);
    const { result, rerender } = renderHook(({ doc }) => useValidation(doc, 'x.yaml', validator), { initialProps: { doc: bad } });
    expect(result.current.pending).toBe(true);
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(result.current.errors.map((e) => e.path)).toEqual(['spec.services[0].replicas']);
    const good = smallDoc();
    rerender({ doc: good });
    expect(result.current).toMatchObject({ pending: true, scenario: null });
    expect(result.current.errors).toHaveLength(1);
    await waitFor(() => expect(result.current.scenario).not.toBeNull());
    rerender({ doc: bad });
    expect(result.current.pending).toBe(false);
    expect(validator).toHaveBeenCalledTimes(2);
  });
});
