/**
 * The validation of the current design, computed by an injected (usually worker-backed) validator
 * that writes the document as YAML and checks it: the main thread only computes the design's key
 * (validate-design.ts). While a new design is being checked the previous issues stay on screen,
 * marked pending, and nothing runs. Recent answers are cached, so undo/redo shows issues at once.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlainObject } from '../model/doc-path.ts';
import { designKey, fromValidateResponse, type DesignValidation } from '../model/validate-design.ts';
import type { Validator } from '../worker/validation-client.ts';

const CACHE_SIZE = 30;

/** The validation of `simDoc` (the document without canvas positions). */
export function useValidation(simDoc: PlainObject, fileName: string, validator: Validator): DesignValidation {
  const cache = useRef(new Map<string, DesignValidation>());
  const key = useMemo(() => designKey(simDoc), [simDoc]);
  const [latest, setLatest] = useState<DesignValidation>({ key: '', doc: null, scenario: null, errors: [], warnings: [], pending: true });

  useEffect(() => {
    if (cache.current.has(`${fileName}\n${key}`)) return;
    let live = true;
    validator(simDoc, fileName).then(
      (r) => {
        const v = fromValidateResponse(key, simDoc, r);
        const c = cache.current;
        c.set(`${fileName}\n${key}`, v);
        if (c.size > CACHE_SIZE) c.delete(c.keys().next().value!);
        if (live) setLatest(v);
      },
      (e: unknown) => {
        const message = `validation failed: ${e instanceof Error ? e.message : String(e)}`;
        if (live) setLatest({ key, doc: simDoc, scenario: null, errors: [{ file: fileName, line: null, column: null, path: '', message }], warnings: [], pending: false });
      },
    );
    return () => {
      live = false;
    };
  }, [simDoc, key, fileName, validator]);

  return useMemo(() => {
    const cached = cache.current.get(`${fileName}\n${key}`);
    if (cached !== undefined) return cached;
    if (latest.key === key) return latest;
    return { ...latest, key, doc: simDoc, scenario: null, pending: true };
  }, [simDoc, key, fileName, latest]);
}
