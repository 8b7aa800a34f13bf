/**
 * Warnings with a kind. A large spec makes many of one kind (GitHub REST: 1,224 operationIds
 * that are no free identifier), so the CLI prints one line per kind with a count and the first
 * few, unless `--verbose`; the API's `warnings` keep every line, `model.warningKinds` their kinds.
 *
 * @module
 */

/** The kinds given where warnings are made; a warning made without one is printed as it is. */
export type WarningKind = keyof typeof KIND_LABELS | `tolerated:${string}`;

/** What a summary line says of each kind. */
const KIND_LABELS = {
  "name-taken": "names already taken, so suffixed",
  "operation-renamed": "operationIds that are no free identifier, so renamed",
  "no-operation-id": "operations without an operationId, named from method and path",
} as const;

/** How model code reports a warning, with its kind where it has one. */
export type Warn = (message: string, kind?: WarningKind) => void;

/** A kind with at most this many warnings has them printed in full. */
const IN_FULL = 3;

/**
 * The lines to print for `warnings`: in order, except that the warnings of a kind with more
 * than {@link IN_FULL} become one line at the place of the first, with the count and the first
 * ones. `verbose` prints every warning.
 */
export function summarizeWarnings(
  warnings: readonly string[],
  kinds: ReadonlyMap<string, string> = new Map(),
  verbose = false,
): string[] {
  if (verbose) return [...warnings];
  const byKind = new Map<string, string[]>();
  for (const w of warnings) {
    const kind = kinds.get(w);
    if (kind !== undefined) byKind.set(kind, [...(byKind.get(kind) ?? []), w]);
  }
  const lines: string[] = [];
  const done = new Set<string>();
  for (const w of warnings) {
    const kind = kinds.get(w);
    const all = kind === undefined ? undefined : byKind.get(kind)!;
    if (kind === undefined || all === undefined || all.length <= IN_FULL) {
      lines.push(w);
      continue;
    }
    if (done.has(kind)) continue;
    done.add(kind);
    const tolerated = `specs with the tolerated ${kind.replace(/^tolerated:/, "")}`;
    const label = (KIND_LABELS as Record<string, string>)[kind] ?? tolerated;
    const first = all.slice(0, IN_FULL).join("; ");
    lines.push(`${all.length.toLocaleString("en")} ${label}, e.g. ${first}; … (--verbose lists all)`);
  }
  return lines;
}
