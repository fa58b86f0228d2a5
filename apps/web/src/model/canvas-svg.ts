/**
 * The canvas as a standalone SVG diagram (pure): each component a box with its kind, name and settings
 * (the node's own summary line), each connection a curve from the right edge to the left edge, notes as
 * captions or yellow squares. Vector, self-contained (no stylesheet, no fonts to fetch), so it pastes
 * into a doc or slides; the PNG export rasterizes this same text. Every string is XML-escaped.
 */

/** One box to draw. */
export interface SvgBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Component kind label ("Model service"), or null for a note. */
  kind: string | null;
  title: string;
  detail: string;
  /** Accent colour of the component (its left bar), or the note's kind. */
  accent: string;
  note?: 'text' | 'sticky';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Splits text into lines of at most `max` characters at spaces (a long word stays whole). */
export function wrapText(text: string, max: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line !== '' && line.length + 1 + word.length > max) {
        out.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';

function box(b: SvgBox): string {
  if (b.note !== undefined) {
    const lines = wrapText(b.title, Math.max(8, Math.floor(b.width / 7.5)));
    const fill = b.note === 'sticky' ? ' fill="#fef7c3" stroke="#eaaa08"' : ' fill="none" stroke="none"';
    const size = b.note === 'sticky' ? 13 : 16;
    const text = lines.map((l, k) => `<tspan x="${b.x + 8}" dy="${k === 0 ? 0 : size * 1.3}">${esc(l)}</tspan>`).join('');
    return `<g data-id="${esc(b.id)}"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="4"${fill}/><text x="${b.x + 8}" y="${b.y + 22}" font-size="${size}" font-weight="${b.note === 'text' ? 600 : 400}" fill="#101828">${text}</text></g>`;
  }
  return [
    `<g data-id="${esc(b.id)}">`,
    `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="6" fill="#ffffff" stroke="#d0d5dd"/>`,
    `<rect x="${b.x}" y="${b.y}" width="5" height="${b.height}" rx="2" fill="${esc(b.accent)}"/>`,
    `<text x="${b.x + 14}" y="${b.y + 18}" font-size="10" fill="#475467" letter-spacing="0.5">${esc((b.kind ?? '').toUpperCase())}</text>`,
    `<text x="${b.x + 14}" y="${b.y + 38}" font-size="15" font-weight="700" fill="#101828">${esc(b.title)}</text>`,
    `<text x="${b.x + 14}" y="${b.y + 56}" font-size="12" fill="#344054">${esc(b.detail)}</text>`,
    '</g>',
  ].join('');
}

/** The SVG text of `boxes` joined by `edges` (source id → target id), with a title line and a margin. */
export function canvasSvg(title: string, boxes: readonly SvgBox[], edges: readonly { source: string; target: string }[]): { svg: string; width: number; height: number } {
  const pad = 24;
  const head = 30;
  const x0 = Math.min(0, ...boxes.map((b) => b.x)) - pad;
  const y0 = Math.min(0, ...boxes.map((b) => b.y)) - pad - head;
  const x1 = Math.max(200, ...boxes.map((b) => b.x + b.width)) + pad;
  const y1 = Math.max(100, ...boxes.map((b) => b.y + b.height)) + pad;
  const width = Math.ceil(x1 - x0);
  const height = Math.ceil(y1 - y0);
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const curves = edges.flatMap((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (s === undefined || t === undefined) return [];
    const [sx, sy, tx, ty] = [s.x + s.width, s.y + s.height / 2, t.x, t.y + t.height / 2];
    const dx = Math.max(30, (tx - sx) / 2);
    return [`<path d="M${sx},${sy} C${sx + dx},${sy} ${tx - dx},${ty} ${tx},${ty}" fill="none" stroke="#667085" stroke-width="1.5"/>`];
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}" ${FONT}>`,
    `<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="#f8fafc"/>`,
    `<text x="${x0 + pad}" y="${y0 + pad + 6}" font-size="14" font-weight="600" fill="#101828">${esc(title)}</text>`,
    ...curves,
    ...boxes.map(box),
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}
