/**
 * Whether a spec uses `readOnly`/`writeOnly`: then openapi-typescript marks those properties,
 * and the named types keep only what each side sends (`Readable<…>`, `Writable<…>`).
 *
 * @module
 */
import { walk } from "../../load/walk.js";

/** Whether any schema of `document` says `readOnly: true` or `writeOnly: true` (data and `x-` values aside). */
export function usesReadWrite(document: unknown): boolean {
  let found = false;
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node)) return;
    if (node.readOnly !== true && node.writeOnly !== true) return;
    found = true;
    return "stop";
  });
  return found;
}
