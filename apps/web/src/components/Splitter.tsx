/**
 * The draggable bar between the canvas and the results: drag it, or focus it and use ↑/↓
 * (Home/End for the limits). The split is a share of the column's height, in percent.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface Props {
  /** The canvas share of the column, percent. */
  value: number;
  onChange: (percent: number) => void;
  min?: number;
  max?: number;
}

/** A horizontal splitter (WAI-ARIA "window splitter" pattern). */
export function Splitter({ value, onChange, min = 12, max = 85 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    const column = ref.current?.parentElement;
    if (!column) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const box = column.getBoundingClientRect();
    const move = (ev: globalThis.PointerEvent) => onChange(clamp(((ev.clientY - box.top) / box.height) * 100));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = e.key === 'ArrowUp' ? value - 5 : e.key === 'ArrowDown' ? value + 5 : e.key === 'Home' ? min : e.key === 'End' ? max : null;
    if (next === null) return;
    e.preventDefault();
    onChange(clamp(next));
  };
  return (
    <div
      ref={ref}
      className="ds-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the canvas and the results"
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={value}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      data-testid="splitter"
    />
  );
}
