/** Thrown when an id is not in the catalog; carries the nearest valid ids so the message can say what was meant. */
export class CatalogLookupError extends Error {
  readonly kind: 'gpu' | 'instance' | 'source' | 'rate' | 'neocloud' | 'managed service';
  readonly id: string;
  readonly suggestions: string[];

  constructor(kind: CatalogLookupError['kind'], id: string, suggestions: string[]) {
    const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
    super(`Unknown ${kind === 'gpu' ? 'GPU' : kind} "${id}".${hint}`);
    this.name = 'CatalogLookupError';
    this.kind = kind;
    this.id = id;
    this.suggestions = suggestions;
  }
}
