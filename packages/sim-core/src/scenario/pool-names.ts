// A service's node pools as written; apart from the schema (service-schema.ts) so that compiling a parsed scenario loads no zod.

/** The pools a service may run on, as written: one name or a list (empty when none is given). */
export function poolNamesOf(svc: { nodePool?: string | string[] | undefined }): string[] {
  const p = svc.nodePool;
  return p === undefined ? [] : typeof p === 'string' ? [p] : [...p];
}
