/**
 * Plain-text tables: padded columns under an underlined header, no box drawing, no colour. Output that
 * reads well in a terminal, a CI log and a pasted comment alike (kubectl-style). Cell widths count
 * UTF-16 units, which is right for the single-width symbols the CLI uses (—, ✓, ✗, ×, −).
 */

/** Renders rows under `head`; `right` marks numeric columns to right-align. Ends with a newline. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((w, i) => {
        const cell = cells[i] ?? '';
        return right[i] ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return `${[line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].map((l) => `  ${l}`).join('\n')}\n`;
}
