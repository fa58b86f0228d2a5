/**
 * The validation of the current design text, computed by an injected (usually worker-backed)
 * validator. While a new text is being checked the previous issues stay on screen, marked
 * pending, and nothing runs. Recent answers are cached, so undo/redo shows issues at once.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PlainObject } from '../model/doc-path.ts';
import { designText, fromValidateResponse, type DesignValidation } from '../model/validate-design.ts';
import type { Validator } from '../worker/validation-client.ts';

const CACHE_SIZE = 30;

/** The validation of `simDoc` (the document without canvas positions). */
export function useValidation(simDoc: PlainObject, fileName: string, validator: Validator): DesignValidation {
  const cache = useRef(new Map<string, DesignValidation>());
  const t = useMemo(() => designText(simDoc), [simDoc]);
  const text = t.ok ? t.text : '';
  const [latest, setLatest] = useState<DesignValidation>({ text: '', scenario: null, errors: [], warnings: [], pending: true });

  useEffect(() => {
    if (!t.ok || cache.current.has(`${fileName}\n${text}`)) return;
    let live = true;
    validator(text, fileName).then(
      (r) => {
        const v = fromValidateResponse(text, r);
        const c = cache.current;
        c.set(`${fileName}\n${text}`, v);
        if (c.size > CACHE_SIZE) c.delete(c.keys().next().value!);
        if (live) setLatest(v);
      },
      (e: unknown) => {
        const message = `validation failed: ${e instanceof Error ? e.message : String(e)}`;
        if (live) setLatest({ text, scenario: null, errors: [{ file: fileName, line: null, column: null, path: '', message }], warnings: [], pending: false });
      },
    );
    return () => {
      live = false;
    };
  }, [t, text, fileName, validator]);

  return useMemo(() => {
    if (!t.ok) return { text: '', scenario: null, errors: [{ file: fileName, line: null, column: null, path: '', message: t.message }], warnings: [], pending: false };
    const cached = cache.current.get(`${fileName}\n${text}`);
    if (cached !== undefined) return cached;
    if (latest.text === text) return latest;
    return { ...latest, text, scenario: null, pending: true };
  }, [t, text, fileName, latest]);
}
