/**
 * Saving pictures (DOM side): an SVG element of the page made standalone (the stylesheet's computed
 * colours, strokes and fonts written onto each element), SVG text rasterized to PNG through an
 * <img> and a <canvas> at 2× for sharp slides, and the download itself.
 */

/** Style properties a chart's look depends on (class rules do not travel with an exported SVG). */
const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;

/** One legend entry written under an exported chart. */
export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
}

/** A standalone copy of `svg` with its computed styles inlined, `title` above it and `legend` under it. */
export function standaloneSvg(svg: SVGSVGElement, title: string, legend: readonly LegendEntry[] = []): { text: string; width: number; height: number } {
  const width = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const height = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i] as SVGElement | undefined;
    if (target === undefined) return;
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', style);
    target.removeAttribute('class');
  });
  const head = 24;
  const foot = legend.length > 0 ? 22 : 0;
  const ns = 'http://www.w3.org/2000/svg';
  const out = document.createElementNS(ns, 'svg');
  out.setAttribute('xmlns', ns);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height + head + foot));
  out.setAttribute('viewBox', `0 0 ${width} ${height + head + foot}`);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  const caption = document.createElementNS(ns, 'text');
  caption.setAttribute('x', '8');
  caption.setAttribute('y', '16');
  caption.setAttribute('style', 'font: 600 13px system-ui, sans-serif; fill: #101828');
  caption.textContent = title;
  const body = document.createElementNS(ns, 'g');
  body.setAttribute('transform', `translate(0,${head})`);
  for (const child of [...clone.childNodes]) body.append(child);
  out.append(bg, caption, body);
  let x = 8;
  // Series colours may be CSS variables (var(--c-cost)); a standalone file needs the value.
  const resolve = (c: string) => {
    const m = /^var\((--[\w-]+)\)$/.exec(c.trim());
    return m === null ? c : getComputedStyle(svg).getPropertyValue(m[1]!).trim() || '#475467';
  };
  for (const e of legend) {
    const line = document.createElementNS(ns, 'line');
    const y = head + height + 12;
    Object.entries({ x1: x, x2: x + 16, y1: y, y2: y, stroke: resolve(e.color), 'stroke-width': 2.5, ...(e.dashed ? { 'stroke-dasharray': '5 4' } : {}) }).forEach(([k, v]) => line.setAttribute(k, String(v)));
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', String(x + 20));
    label.setAttribute('y', String(y + 4));
    label.setAttribute('style', 'font: 11px system-ui, sans-serif; fill: #344054');
    label.textContent = e.label;
    out.append(line, label);
    x += 28 + e.label.length * 6.2;
  }
  return { text: new XMLSerializer().serializeToString(out), width, height: height + head + foot };
}

/** Rasterizes SVG text to a PNG blob at `scale` × its size. */
export function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(width * scale);
      canvas.height = Math.ceil(height * scale);
      const ctx = canvas.getContext('2d');
      if (ctx === null) return reject(new Error('no 2D canvas'));
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b === null ? reject(new Error('PNG encoding failed')) : resolve(b)), 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the SVG could not be drawn'));
    };
    img.src = url;
  });
}

/** Saves `blob` as `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves SVG text as `<base>.svg` or, rasterized, `<base>.png`. */
export async function saveSvg(base: string, svg: { text: string; width: number; height: number }, format: 'svg' | 'png'): Promise<void> {
  if (format === 'svg') return downloadBlob(`${base}.svg`, new Blob([svg.text], { type: 'image/svg+xml' }));
  downloadBlob(`${base}.png`, await svgToPng(svg.text, svg.width, svg.height));
}
