/**
 * Which shared prefix each request of an llm service carries: a prompt template (drawn by share) and,
 * with sessions, the conversation so far. Written once per request when it arrives (before routing, so
 * prefix-aware routing can read it), in per-slot arrays like the request store's.
 *
 * Sessions: a request continues the session that has waited longest for its next turn (the one whose
 * previous turn finished first), else opens a new one. Under a closed loop with a constant think time this
 * is exactly the user whose reply came first; under open-loop arrivals it interleaves sessions in
 * arrival order. A turn's prompt is the session's whole context (prompts and replies of the earlier
 * turns, with the template) plus its own input tokens; a session whose turn is dropped ends.
 */
import type { Rng } from '../random/rng.ts';
import type { EnginePrefix } from './engine-config.ts';

/**
 * Cache keys: templates are 0…T−1 (with multi-LoRA, template t of adapter a is t + T × (a + 1): templateKey); session s
 * is SESSION_KEY_BASE + s, above every template key (T ≤ 1,000 templates × 100,001 adapter keys < 2^30).
 */
export const SESSION_KEY_BASE = 2 ** 30;

/** The cache key of template `t` (of `templates`) for a request for `adapter` (BASE_MODEL, −1, and no LoRA: `t` itself); −1 without a template. */
export function templateKey(t: number, adapter: number, templates: number): number {
  return t < 0 ? -1 : t + templates * (adapter + 1);
}

/** A session between turns, or with a turn in flight. */
interface Session {
  id: number;
  /** Turns finished. */
  done: number;
  /** Tokens of the conversation so far (template + earlier prompts and replies). */
  context: number;
  /** Its template's key, or -1. */
  template: number;
  /** Multi-LoRA: the adapter every turn is for, drawn at its first turn (undefined until then). */
  adapter: number | undefined;
}

export class PrefixWorkload {
  /** Per slot: tokens of shared prefix before the request's own input (template + session context). */
  prefixTokens = new Int32Array(0);
  /** Per slot: the template key, or -1. */
  template = new Int32Array(0);
  /** Per slot: the session's state, or null. */
  session: (Session | null)[] = [];
  private readonly waiting: Session[] = [];
  private waitHead = 0;
  private nextSession = 0;
  private readonly cumShare: number[];

  constructor(
    readonly cfg: EnginePrefix,
    private readonly rng: Rng,
  ) {
    let c = 0;
    this.cumShare = cfg.templates.map((t) => (c += t.share));
  }

  /** Tags a newly arrived request. */
  tag(slot: number): void {
    if (slot >= this.prefixTokens.length) this.grow(slot + 1);
    let s: Session | null = null;
    if (this.cfg.sessionTurns > 0) {
      if (this.waitHead < this.waiting.length) {
        s = this.waiting[this.waitHead++]!;
        if (this.waitHead > 1024 && this.waitHead * 2 > this.waiting.length) {
          this.waiting.splice(0, this.waitHead);
          this.waitHead = 0;
        }
      } else {
        const t = this.drawTemplate();
        s = { id: this.nextSession++, done: 0, context: t < 0 ? 0 : this.cfg.templates[t]!.tokens, template: t, adapter: undefined };
      }
      this.session[slot] = s;
      this.template[slot] = s.template;
      this.prefixTokens[slot] = s.context;
      return;
    }
    const t = this.drawTemplate();
    this.session[slot] = null;
    this.template[slot] = t;
    this.prefixTokens[slot] = t < 0 ? 0 : this.cfg.templates[t]!.tokens;
  }

  /** The cache key prefix-aware routing follows: the session after its first turn, else the template, else -1. */
  routeKey(slot: number): number {
    const s = this.session[slot];
    if (s && s.done > 0) return SESSION_KEY_BASE + s.id;
    return this.template[slot]!;
  }

  /** True when this request is the session's last turn (the router can forget the session). */
  lastTurn(slot: number): boolean {
    const s = this.session[slot];
    return s !== null && s !== undefined && s.done + 1 >= this.cfg.sessionTurns;
  }

  /** A turn finished with `context` tokens of conversation (prompt + reply): the session waits for its next turn, or ends. */
  turnDone(slot: number, context: number): void {
    const s = this.session[slot];
    if (!s) return;
    s.done++;
    s.context = context;
    if (s.done < this.cfg.sessionTurns) this.waiting.push(s);
  }

  private drawTemplate(): number {
    const cum = this.cumShare;
    if (cum.length === 0) return -1;
    const u = this.rng.next();
    // The first template whose cumulative share exceeds u (the same one a linear scan finds: the shares are
    // non-negative, so cum is non-decreasing), by bisection: O(log templates) per request, not O(templates).
    let lo = 0;
    let hi = cum.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < cum[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo < cum.length ? lo : -1;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.prefixTokens.length * 2, 1024);
    const p = new Int32Array(size);
    p.set(this.prefixTokens);
    this.prefixTokens = p;
    const t = new Int32Array(size);
    t.set(this.template);
    this.template = t;
    this.session.length = size;
  }
}
