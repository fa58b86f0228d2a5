/**
 * A training run's panel: the hardware it runs on, its expected timeline (progress with the
 * interruptions' setbacks, checkpoints, cost accruing) and days against dollars over GPU counts.
 * Plain SVG on linear scales: it is small and stays in the main chunk with the cards.
 */
import type { Scenario, TrainingSummary } from '@design-sim/sim-core';
import { useMemo, useRef } from 'react';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { formatUsd } from '../results/format.ts';
import { gpuCountCurve, trainingHardware, trainingTimeline } from '../results/training-view.ts';

interface Props {
  training: TrainingSummary;
  scenario: Scenario | null;
}

/** Drawing width, px: the panel's width, between a phone's and 44rem at 16 px. Drawn 1:1, so the labels keep the page's text size (a fixed 560-wide viewBox shrank them to 7 px on a phone). */
const W_MIN = 300;
const W_MAX = 704;
const H = 170;
const M = { left: 48, right: 60, top: 12, bottom: 30 };

const lin = (d0: number, d1: number, r0: number, r1: number) => (v: number) => (d1 === d0 ? r0 : r0 + ((v - d0) / (d1 - d0)) * (r1 - r0));
const days = (d: number) => `${Number(d.toPrecision(3))} d`;

/** The training panel. */
export function TrainingView({ training, scenario }: Props) {
  const every = scenario?.spec.training?.checkpoint?.every ?? null;
  const timeline = useMemo(() => trainingTimeline(training, every), [training, every]);
  const curve = useMemo(() => (scenario === null ? [] : gpuCountCurve(scenario)), [scenario]);
  const hardware = trainingHardware(training);
  const ref = useRef<HTMLElement>(null);
  const W = Math.max(W_MIN, Math.min(W_MAX, useElementWidth(ref, 560) - 16));
  return (
    <section className="ds-training" data-testid="training-view" aria-label="Training run" ref={ref}>
      <p className="ds-training__hw" data-testid="training-hardware">
        <strong>{hardware}</strong>, {training.purchase}
        {training.usdPerGpuHour !== null && ` at ${formatUsd(training.usdPerGpuHour)} per GPU-hour`}: {days(training.days)}, {formatUsd(training.costUsd)}
      </p>
      {timeline && <Timeline t={timeline} costUsd={training.costUsd} W={W} />}
      {curve.length > 1 && <Curve points={curve} W={W} />}
    </section>
  );
}

function Timeline({ t, costUsd, W }: { t: NonNullable<ReturnType<typeof trainingTimeline>>; costUsd: number | null; W: number }) {
  const x = lin(0, t.days, M.left, W - M.right);
  const y = lin(0, 1, H - M.bottom, M.top);
  const yc = lin(0, costUsd ?? 1, H - M.bottom, M.top);
  const progress = t.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${y(p.progress).toFixed(1)}`).join('');
  const cost = costUsd === null ? '' : t.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.day).toFixed(1)},${yc(p.usd ?? 0).toFixed(1)}`).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * t.days);
  return (
    <figure className="ds-chart" data-chart="training-timeline">
      <figcaption>
        <span className="ds-chart__title">Expected timeline</span> <span className="ds-chart__unit">(work done %, cost $)</span>
        <span className="ds-chart__note">
          {' '}
          — {Number(t.expectedInterruptions.toPrecision(3))} interruptions expected
          {t.interruptions.length > 0 ? `, ${t.interruptions.length} drawn evenly spaced (the estimate is an average, not one run)` : ''}
          {t.checkpoints.length > 0 ? `; a grey mark per ${t.checkpointsPerMark === 1 ? 'checkpoint' : `${t.checkpointsPerMark} checkpoints`}` : ''}
        </span>
      </figcaption>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Training progress over ${days(t.days)} with ${t.interruptions.length} interruptions drawn and the cost accruing`}>
        <g className="ds-axis">
          {[0, 0.5, 1].map((f) => (
            <g key={f} transform={`translate(0,${y(f)})`}>
              <line x1={M.left} x2={W - M.right} className="ds-grid" />
              <text x={M.left - 6} dy="0.32em" textAnchor="end">{`${f * 100}%`}</text>
              {costUsd !== null && (
                <text x={W - M.right + 6} dy="0.32em" textAnchor="start">
                  {formatUsd(costUsd * f)}
                </text>
              )}
            </g>
          ))}
          {ticks.map((d) => (
            <text key={d} x={x(d)} y={H - 8} textAnchor="middle">
              {days(d)}
            </text>
          ))}
        </g>
        {t.checkpoints.map((d, i) => (
          <line key={`c${i}`} className="ds-mark ds-mark--node" data-mark="checkpoint" x1={x(d)} x2={x(d)} y1={H - M.bottom - 6} y2={H - M.bottom} />
        ))}
        {t.interruptions.map((d, i) => (
          <line key={`i${i}`} className="ds-mark ds-mark--spot" data-mark="interruption" x1={x(d)} x2={x(d)} y1={M.top} y2={M.top + 8}>
            <title>{`interruption at ${days(d)}: work since the last checkpoint is redone after a restart`}</title>
          </line>
        ))}
        <path d={progress} data-series="progress" className="ds-line" style={{ stroke: 'var(--c-served)', strokeWidth: 3 }} />
        {/* On top: with few setbacks the cost line runs right along the progress line (both grow with time). */}
        {cost && <path d={cost} data-series="cost" className="ds-line" style={{ stroke: 'var(--c-cost)' }} strokeDasharray="5 4" />}
      </svg>
      <ul className="ds-legend">
        <li>
          <span className="ds-swatch" style={{ background: 'var(--c-served)' }} /> work done
        </li>
        {costUsd !== null && (
          <li>
            <span className="ds-swatch is-dashed" style={{ background: 'var(--c-cost)' }} /> cost so far
          </li>
        )}
        <li>
          <span className="ds-mark-key ds-mark-key--spot">interruptions</span> <span className="ds-mark-key ds-mark-key--node">checkpoints</span>
        </li>
      </ul>
    </figure>
  );
}

function Curve({ points, W }: { points: ReturnType<typeof gpuCountCurve>; W: number }) {
  const priced = points.filter((p): p is typeof p & { usd: number } => p.usd !== null);
  const maxDays = Math.max(...points.map((p) => p.days));
  const minDays = Math.min(...points.map((p) => p.days));
  const maxUsd = Math.max(1, ...priced.map((p) => p.usd));
  // Doubling the GPUs about halves the days, so on a linear axis the big fleets crowd into the first
  // few pixels and their labels overlap: over a wide range the days axis is logarithmic, one even step per doubling.
  const logDays = minDays > 0 && maxDays / minDays > 4;
  const x = logDays
    ? (v: number) => lin(Math.log(minDays / 1.3), Math.log(maxDays * 1.15), M.left + 24, W - M.right)(Math.log(v))
    : lin(0, maxDays * 1.05, M.left + 24, W - M.right);
  const dayTicks = logDays ? [...new Set(points.map((p) => p.days))] : [0, 0.5, 1].map((f) => maxDays * f);
  const y = lin(0, maxUsd * 1.15, H - M.bottom, M.top);
  const path = priced.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.days).toFixed(1)},${y(p.usd).toFixed(1)}`).join('');
  return (
    <figure className="ds-chart" data-chart="training-curve" data-scale={logDays ? 'log' : 'linear'}>
      <figcaption>
        <span className="ds-chart__title">Days against dollars over GPU count</span> <span className="ds-chart__unit">(days{logDays ? ', log scale' : ''}; $)</span>
        <span className="ds-chart__note"> — the same training on fewer or more {points[0]?.nodes === null ? 'GPUs' : 'nodes'}; the design's own is ringed</span>
      </figcaption>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Training days and cost for ${points.map((p) => `${p.gpus} GPUs`).join(', ')}`}>
        <g className="ds-axis">
          {[0, 0.5, 1].map((f) => (
            <g key={f} transform={`translate(0,${y(maxUsd * f)})`}>
              <line x1={M.left + 18} x2={W - M.right} className="ds-grid" />
              <text x={M.left + 12} dy="0.32em" textAnchor="end">
                {formatUsd(maxUsd * f)}
              </text>
            </g>
          ))}
          {dayTicks.map((d) => (
            <text key={d} x={x(d)} y={H - 8} textAnchor="middle">
              {days(d)}
            </text>
          ))}
        </g>
        <path d={path} className="ds-line" style={{ stroke: 'var(--c-cost)' }} />
        {priced.map((p, i) => (
          <g key={p.gpus} data-gpus={p.gpus} data-current={p.current}>
            <circle cx={x(p.days)} cy={y(p.usd)} r={p.current ? 6 : 3.5} className={p.current ? 'ds-frontier__best' : ''} style={{ fill: 'var(--c-cost)' }} />
            {/* Labels alternate above and below the line, so neighbours (close on a linear axis) never touch. */}
            <text x={x(p.days)} y={y(p.usd) + (i % 2 === 0 ? -10 : 18)} textAnchor="middle" className="ds-training__label">
              {p.gpus} GPUs
            </text>
            <title>{`${p.gpus} GPUs${p.nodes === null ? '' : ` on ${p.nodes} nodes`}: ${days(p.days)}, ${formatUsd(p.usd)}`}</title>
          </g>
        ))}
      </svg>
    </figure>
  );
}
