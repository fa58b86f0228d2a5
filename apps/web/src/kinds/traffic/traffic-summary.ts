/** The traffic node's line: its rate profile, its closed-loop users, or its trace file. */
import { asArray, asObject, isObject, type PlainObject } from '../../model/doc-path.ts';
import { s } from '../summary-text.ts';

function profileText(p: PlainObject): string {
  switch (p.type) {
    case 'constant':
      return `${s(p.qps)} req/s`;
    case 'step':
      return `${s(p.from)} → ${s(p.to)} req/s at ${s(p.at)}`;
    case 'ramp':
      return `ramp ${s(p.from)} → ${s(p.to)} req/s`;
    case 'spike':
      return `${s(p.base)} req/s, spike to ${s(p.peak)}`;
    case 'diurnal':
      return `daily ${s(p.min)}–${s(p.max)} req/s`;
    case 'points': {
      const qps = asArray(p.points).map((pt) => (Array.isArray(pt) ? pt[1] : asObject(pt).qps)).filter((q): q is number => typeof q === 'number');
      return qps.length > 0 ? `points ${Math.min(...qps)}–${Math.max(...qps)} req/s` : 'points';
    }
    default:
      return 'profile?';
  }
}

/**
 * Titled by the service it sends to when it names one (a design with several sources tells them apart at a glance);
 * open loop: its rate profile; closed loop: its users; trace: its file (run from the CLI).
 */
export function trafficSummary(f: PlainObject): { title: string; detail: string } {
  const title = typeof f.target === 'string' && f.target !== '' ? `Traffic → ${f.target}` : 'Traffic';
  if (isObject(f.trace)) return { title, detail: `trace ${s(f.trace.file)} (CLI only)` };
  if (f.arrivals !== 'closed') return { title, detail: profileText(asObject(f.profile)) };
  const u = f.users;
  const users = !isObject(u) ? `${s(u)} users` : u.type === 'constant' ? `${s(u.users)} users` : profileText(u).replace(/req\/s/g, 'users');
  return { title, detail: `closed loop · ${users}` };
}
