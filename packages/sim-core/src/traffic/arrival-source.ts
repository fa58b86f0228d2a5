/** What the event loop asks of a traffic source: the next open-loop arrival (Infinity: none) and its trace tokens (-1: none). */
export interface ArrivalSource {
  next(): number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A closed loop's source in the open-loop merge: it never has an arrival of its own (its users' requests are heap events). */
export const NO_ARRIVALS: ArrivalSource = { next: () => Infinity, inputTokens: -1, outputTokens: -1 };
