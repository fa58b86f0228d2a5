/**
 * "Edit as YAML" for one component: every field the form does not cover (an HPA behavior block,
 * batch-latency tables) can be edited here. The text is parsed as YAML (never HTML); a parse error
 * stays in the box, and the whole design is re-validated after Apply like any other edit.
 */
import type { PathSegment } from '@design-sim/sim-core';
import { useMemo, useState } from 'react';
import { parseDocument } from 'yaml';
import { getIn, isObject, type PlainObject } from '../model/doc-path.ts';
import { docToYaml } from '../model/scenario-yaml.ts';

interface Props {
  doc: PlainObject;
  path: PathSegment[];
  onApply: (path: PathSegment[], value: unknown) => void;
}

/** A collapsible YAML editor for the object at `path`. */
export function FragmentYaml({ doc, path, onApply }: Props) {
  const current = getIn(doc, path);
  // Written only while the box is open: YAML for a big component costs milliseconds on every edit.
  const [open, setOpen] = useState(false);
  const original = useMemo(() => (open && isObject(current) ? docToYaml(current) : ''), [open, current]);
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const d = parseDocument(text ?? original, { version: '1.2', uniqueKeys: true, prettyErrors: true });
    const first = d.errors[0];
    if (first !== undefined) return setError(first.message);
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return setError(e instanceof Error ? e.message : String(e));
    }
    if (!isObject(value)) return setError('expected a mapping (key: value lines)');
    setError(null);
    setText(null);
    onApply(path, value);
  };
  return (
    <details className="ds-yaml" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Edit as YAML</summary>
      <textarea aria-label="Component YAML" value={text ?? original} rows={Math.min(24, (text ?? original).split('\n').length + 2)} spellCheck={false} onChange={(e) => setText(e.target.value)} />
      {error !== null && (
        <p className="ds-field__errors" role="alert">
          {error}
        </p>
      )}
      <div className="ds-row">
        <button type="button" className="ds-button ds-button--small" onClick={apply} disabled={text === null}>
          Apply
        </button>
        <button
          type="button"
          className="ds-link"
          onClick={() => {
            setText(null);
            setError(null);
          }}
          disabled={text === null}
        >
          Revert
        </button>
      </div>
    </details>
  );
}
