/**
 * Renders one inspector section from its definition (inspector-fields.ts): plain fields, variant
 * blocks (a select that swaps the block for the defaults of another variant), lists of variants,
 * and optional sections that can be added and removed whole.
 */
import { formatPath, type PathSegment, type ScenarioIssue } from '@design-sim/sim-core';
import { useId } from 'react';
import { asArray, asObject, getIn, isObject, type PlainObject } from '../model/doc-path.ts';
import type { FieldDef, ListDef, ModeDef, SectionDef, VariantDef } from '../model/inspector-fields.ts';
import { FieldControl, issuesAt } from './FieldControl.tsx';

/** What every part of a form needs. */
export interface FormContext {
  doc: PlainObject;
  issues: readonly ScenarioIssue[];
  asOf: string | undefined;
  setField: (path: PathSegment[], value: unknown) => void;
}

function VariantBlock({ def, path, ctx }: { def: VariantDef; path: PathSegment[]; ctx: FormContext }) {
  const obj = asObject(getIn(ctx.doc, path));
  const current = typeof obj[def.discriminator] === 'string' ? (obj[def.discriminator] as string) : '';
  const variant = def.variants[current];
  const selectPath = [...path, def.discriminator];
  const selectField: FieldDef = { kind: 'field', key: [def.discriminator], label: def.label, input: 'select', options: Object.keys(def.variants) };
  return (
    <div className="ds-variant">
      <FieldControl
        field={selectField}
        path={selectPath}
        doc={ctx.doc}
        issues={issuesAt(ctx.issues, selectPath)}
        asOf={ctx.asOf}
        onChange={(_p, v) => {
          const next = typeof v === 'string' ? def.variants[v] : undefined;
          if (next !== undefined && v !== current) ctx.setField(path, { ...next.defaults });
        }}
      />
      {variant?.fields.map((f) => <FieldControl key={formatPath(f.key)} field={f} path={[...path, ...f.key]} doc={ctx.doc} issues={ctx.issues} asOf={ctx.asOf} onChange={ctx.setField} />)}
    </div>
  );
}

function ListBlock({ def, path, ctx }: { def: ListDef; path: PathSegment[]; ctx: FormContext }) {
  const items = asArray(getIn(ctx.doc, path));
  const listIssues = ctx.issues.filter((i) => i.path === formatPath(path));
  return (
    <fieldset className="ds-list">
      <legend>{def.label}</legend>
      {items.map((_item, i) => (
        <div className="ds-list__item" key={i}>
          <VariantBlock def={def.item} path={[...path, i]} ctx={ctx} />
          <button type="button" className="ds-link" onClick={() => ctx.setField([...path, i], undefined)} aria-label={`Remove ${def.label.toLowerCase()} ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      {listIssues.map((i, k) => (
        <p key={k} className="ds-field__errors" role="alert">
          {i.message}
        </p>
      ))}
      <button type="button" className="ds-button ds-button--small" onClick={() => ctx.setField([...path, items.length], { ...def.create })}>
        + Add {def.label.toLowerCase().replace(/s$/, '')}
      </button>
    </fieldset>
  );
}

/** The mode whose key the object at `path` holds ('' when none does). */
export function currentMode(def: ModeDef, obj: PlainObject): string {
  return Object.keys(def.modes).find((m) => obj[def.modes[m]!.key] !== undefined) ?? '';
}

/** A select between mutually exclusive keys; one edit swaps them, so undo restores the old one whole. */
function ModeBlock({ def, path, ctx }: { def: ModeDef; path: PathSegment[]; ctx: FormContext }) {
  const id = useId();
  const obj = asObject(getIn(ctx.doc, path));
  const current = currentMode(def, obj);
  const choose = (mode: string) => {
    const next = def.modes[mode];
    if (next === undefined || mode === current) return;
    const out: PlainObject = {};
    for (const [k, v] of Object.entries(obj)) if (!Object.values(def.modes).some((m) => m.key === k)) out[k] = v;
    out[next.key] = structuredClone(next.create);
    ctx.setField(path, out);
  };
  return (
    <div className="ds-field">
      <label htmlFor={id}>{def.label}</label>
      <select id={id} value={current} onChange={(e) => choose(e.target.value)} data-mode={def.label}>
        {current === '' && <option value="">—</option>}
        {Object.keys(def.modes).map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </div>
  );
}

function hidden(def: VariantDef, parent: PathSegment[], doc: PlainObject): boolean {
  return def.hiddenWhen !== undefined && getIn(doc, [...parent, def.hiddenWhen]) !== undefined;
}

/** One section of the inspector, rooted at `base`. */
export function SectionForm({ def, base, ctx }: { def: SectionDef; base: PathSegment[]; ctx: FormContext }) {
  const path = [...base, ...def.key];
  const present = (def.optional === undefined && def.whenPresent !== true) || isObject(getIn(ctx.doc, path));
  if (def.whenPresent === true && !present) return null;
  const headingId = `sec-${formatPath(path)}-${def.title}`.replace(/[^\w-]/g, '_');
  return (
    <section className="ds-section" aria-labelledby={headingId}>
      <header className="ds-section__head">
        <h3 id={headingId}>{def.title}</h3>
        {def.optional !== undefined &&
          (present ? (
            <button type="button" className="ds-link" onClick={() => ctx.setField(path, undefined)}>
              Remove
            </button>
          ) : (
            <button type="button" className="ds-button ds-button--small" onClick={() => ctx.setField(path, { ...def.optional!.create })}>
              Add
            </button>
          ))}
      </header>
      {present &&
        def.items.map((item, k) => {
          if (item.kind === 'field') return <FieldControl key={k} field={item} path={[...path, ...item.key]} doc={ctx.doc} issues={ctx.issues} asOf={ctx.asOf} onChange={ctx.setField} />;
          if (item.kind === 'variant') return hidden(item, path, ctx.doc) ? null : <VariantBlock key={k} def={item} path={[...path, ...item.key]} ctx={ctx} />;
          if (item.kind === 'mode') return <ModeBlock key={k} def={item} path={path} ctx={ctx} />;
          return <ListBlock key={k} def={item} path={[...path, ...item.key]} ctx={ctx} />;
        })}
    </section>
  );
}

/** Every path a section renders a field for (so the inspector can list the issues no field shows). */
export function sectionFieldPaths(def: SectionDef, base: PathSegment[], doc: PlainObject): string[] {
  const path = [...base, ...def.key];
  if ((def.optional !== undefined || def.whenPresent === true) && !isObject(getIn(doc, path))) return [];
  const out: string[] = [];
  const variant = (v: VariantDef, p: PathSegment[]) => {
    out.push(formatPath([...p, v.discriminator]));
    const cur = asObject(getIn(doc, p))[v.discriminator];
    const fields = typeof cur === 'string' ? (v.variants[cur]?.fields ?? []) : [];
    for (const f of fields) out.push(formatPath([...p, ...f.key]));
  };
  for (const item of def.items) {
    // A mode select edits keys that have their own sections; it shows no issues of its own.
    if (item.kind === 'mode') continue;
    const p = [...path, ...item.key];
    if (item.kind === 'field') out.push(formatPath(p));
    else if (item.kind === 'variant') {
      if (!hidden(item, path, doc)) variant(item, p);
    }
    else {
      out.push(formatPath(p));
      asArray(getIn(doc, p)).forEach((_x, i) => variant(item.item, [...p, i]));
    }
  }
  return out;
}
