/**
 * One inspector field: label, input, help and the validation issues at that field. Edits are
 * committed as you type (one undo step per field), so the schema's verdict shows at once; the
 * box keeps what you typed while it has focus.
 */
import { formatPath, repeatsText, type PathSegment, type ScenarioIssue } from '@design-sim/sim-core';
import { useId, useMemo, useState } from 'react';
import { gpuOptions, instanceOptions } from '../model/catalog-options.ts';
import { getIn, type PlainObject } from '../model/doc-path.ts';
import { CUSTOM_MODEL_TEXT, formatFieldValue, parseFieldText } from '../model/field-codec.ts';
import type { FieldDef } from '../model/inspector-fields.ts';
import { pathWithin } from '../model/validate-design.ts';
import { useScenarioSchema } from '../hooks/useScenarioSchema.ts';
import { fieldHelp, helpLine, inputUnit } from '../model/schema-help.ts';
import { CodeSpans } from './CodeSpans.tsx';
import { PriceNoteView } from './PriceNoteView.tsx';

interface Props {
  field: FieldDef;
  path: PathSegment[];
  doc: PlainObject;
  issues: readonly ScenarioIssue[];
  asOf: string | undefined;
  onChange: (path: PathSegment[], value: unknown) => void;
}

/** Issues at or under `path`, also where an issue folded with its repeats recurs (`alsoAt`: the same typo in every service). */
export function issuesAt(issues: readonly ScenarioIssue[], path: PathSegment[]): ScenarioIssue[] {
  const p = formatPath(path);
  return issues.filter((i) => pathWithin(i.path, p) || (i.alsoAt ?? []).some((a) => pathWithin(a, p)));
}

function issueText(i: ScenarioIssue): string {
  const hint = i.suggestion === undefined ? '' : ` (did you mean "${i.suggestion}"?)`;
  return `${i.message}${hint}${repeatsText(i.path, i.alsoAt ?? [])}`;
}

/** An inspector field. */
export function FieldControl({ field, path, doc, issues, asOf, onChange }: Props) {
  const id = useId();
  const value = getIn(doc, path);
  const shown = formatFieldValue(field.input, value);
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? shown;
  const mine = issuesAt(issues, path);
  const errorId = `${id}-err`;
  const commit = (t: string) => {
    setDraft(t);
    onChange(path, parseFieldText(field.input, t));
  };
  const schema = useScenarioSchema();
  const help = useMemo(() => (schema === null ? { description: null, numberUnit: null } : fieldHelp(schema, doc, path)), [schema, doc, path]);
  const { label, unit } = inputUnit(field.label, help, field.input === 'value' || field.input === 'text' ? text : '');
  const helpId = `${id}-help`;
  const helpText = helpLine(help.description, field.help);
  const describedBy = [mine.length > 0 ? errorId : '', helpText !== null ? helpId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': mine.length > 0 || undefined,
    'aria-describedby': describedBy,
    'data-field': formatPath(path),
    onBlur: () => setDraft(null),
  };
  const instances = useMemo(() => (field.input === 'instance' ? instanceOptions(asOf) : []), [field.input, asOf]);
  const gpus = useMemo(() => (field.input === 'gpu' ? gpuOptions(asOf) : []), [field.input, asOf]);

  let control;
  switch (field.input) {
    case 'select':
      control = (
        <select {...common} value={text} onChange={(e) => commit(e.target.value)}>
          {(field.placeholder !== undefined || text === '') && <option value="">{field.placeholder ? `default (${field.placeholder})` : '—'}</option>}
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {text !== '' && !(field.options ?? []).includes(text) && <option value={text}>{text} (not a valid choice)</option>}
        </select>
      );
      break;
    case 'model': {
      // A shape (an object) is edited in the YAML box: the select shows it as one read-only choice.
      const custom = text === CUSTOM_MODEL_TEXT;
      control = (
        <select {...common} value={text} onChange={(e) => e.target.value !== CUSTOM_MODEL_TEXT && commit(e.target.value)}>
          {text === '' && <option value="">—</option>}
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {custom && <option value={CUSTOM_MODEL_TEXT}>custom shape (Edit as YAML)</option>}
          {!custom && text !== '' && !(field.options ?? []).includes(text) && <option value={text}>{text}</option>}
        </select>
      );
      break;
    }
    case 'instance':
    case 'gpu': {
      const opts = field.input === 'instance' ? instances : gpus;
      control = (
        <select {...common} value={text} onChange={(e) => commit(e.target.value)}>
          <option value="">—</option>
          {opts.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
          {text !== '' && !opts.some((o) => o.id === text) && <option value={text}>{text} (not in the catalog)</option>}
        </select>
      );
      break;
    }
    case 'checkbox':
      control = <input {...common} type="checkbox" checked={text === '' ? (help.defaultValue ?? true) === true : text !== 'false'} onChange={(e) => commit(String(e.target.checked))} />;
      break;
    case 'lines':
    case 'pairs':
    case 'claims':
    case 'numbers':
      control = <textarea {...common} rows={Math.min(8, Math.max(2, text.split('\n').length + 1))} value={text} spellCheck={false} onChange={(e) => commit(e.target.value)} />;
      break;
    default:
      control = (
        <span className={`ds-input${unit ? ' has-unit' : ''}`}>
          <input
            {...common}
            type="text"
            inputMode={field.input === 'value' ? 'decimal' : undefined}
            value={text}
            placeholder={field.placeholder}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => commit(e.target.value)}
          />
          {unit && (
            <span className="ds-input__unit" aria-hidden="true">
              {unit}
            </span>
          )}
        </span>
      );
  }

  const instance = field.input === 'instance' ? instances.find((o) => o.id === text) : undefined;
  const gpu = field.input === 'gpu' ? gpus.find((o) => o.id === text) : undefined;
  return (
    <div className={`ds-field${mine.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {unit && <span className="ds-visually-hidden"> ({unit})</span>}
      </label>
      {control}
      {helpText !== null && (
        <div className="ds-field__help" id={helpId} data-testid="field-help">
          <CodeSpans text={helpText} />
        </div>
      )}
      {instance && (
        <div className="ds-field__prices">
          <PriceNoteView label="on-demand" note={instance.onDemand} />
          <PriceNoteView label="spot" note={instance.spot} />
        </div>
      )}
      {gpu?.cheapest && (
        <div className="ds-field__prices">
          <PriceNoteView label={`cheapest on-demand per GPU (${gpu.cheapest.where})`} note={gpu.cheapest} />
        </div>
      )}
      {mine.length > 0 && (
        <ul className="ds-field__errors" id={errorId} role="alert">
          {mine.map((i, k) => (
            <li key={k}>{issueText(i)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
