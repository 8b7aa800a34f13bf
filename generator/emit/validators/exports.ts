/**
 * Which schemas a spec's Ajv compile exports, and under which keys its standalone code names them.
 *
 * @module
 */
import { DATA_KEYS } from "../../load/keys.js";
import { encodeFragment, formatFragment, formatPointer, parseFragment } from "../../load/pointer.js";
import { walk, type Place } from "../../load/walk.js";
import { isLargeSpec } from "../../model/size.js";
import type { SpecModel } from "../../model/types.js";
import { literalPointer } from "./literal-pointer.js";
import { exportNames, type ValidatorTarget } from "./targets.js";

/** Where the bundled document sits inside the schema resource registered with Ajv. */
export const DOCUMENT_AT = "/$defs/document";

/** What {@link exportTable} gives. */
export interface ExportTable {
  /** The wrappers `{ allOf: [{ $ref }] }` exported beside the document, by target name. */
  exports: Record<string, unknown>;
  /** Each compiled `validateX` export name → its schema's key for standalone code. */
  keys: Record<string, string>;
  /** The other `validateX` names → the compiled export with the same schema. */
  aliases: Record<string, string>;
}

/**
 * The exports of the resource `id`. Ajv compiles the root of a resource when a $ref first enters
 * it, and in strict mode an OpenAPI root (`openapi`, `paths`, …) would be unknown keywords; so
 * the document sits one level down, in `$defs`, and its local `$ref`s are rebased to match.
 *
 * A small spec's export is the schema's own location, compiled as a root function; it is called
 * directly, one call and one options object fewer per check than through a `$ref` (10% faster
 * on the auth-metadata corpus). Ajv compiles a `$ref` target once per resource, but a root
 * function apart, so a schema both exported and referenced from another one is compiled twice:
 * that costs little on small specs (the 72 client-server files' validators get 9% smaller
 * without the wrappers, one module 0.5% larger) and much on large ones (Rebilly's grow by 15%).
 * So a large spec's export is `{ allOf: [{ $ref }] }` beside the document, and every component
 * it reaches is compiled once.
 *
 * Targets with the same schema (real APIs point most error responses at one component) share
 * one export: compiled once, the others are aliases of it. Ajv's standalone output grows with
 * the square of its export count, so this matters on large specs. A component's own export (one
 * no operation's export already is) is a wrapper in every spec when other schemas `$ref` it: as
 * a root function of its own it would be compiled twice. One nothing references (real specs
 * have many: Rebilly 255 of 711) is compiled once either way, so it is exported directly,
 * without the wrapper's function, in a large spec too.
 */
export function exportTable(spec: SpecModel, targets: readonly ValidatorTarget[], id: string): ExportTable {
  const table: ExportTable = { exports: {}, keys: {}, aliases: {} };
  const firstFor = new Map<string, string>();
  const wrapped = isLargeSpec(spec);
  const referenced = targets.some((t) => t.component) ? referencedSchemas(spec) : undefined;
  for (const t of targets) {
    const at = literalPointer(spec.document, t.pointer);
    const ref = `#${encodeFragment(DOCUMENT_AT + at)}`;
    const validate = exportNames(t.name).validate;
    const first = firstFor.get(ref);
    if (first !== undefined) {
      table.aliases[validate] = first;
      continue;
    }
    firstFor.set(ref, validate);
    const shared = t.component && (referenced?.has(at) ?? true);
    if (t.component ? shared : wrapped) {
      table.exports[t.name] = { allOf: [{ $ref: ref }] };
      table.keys[validate] = `${id}${formatFragment(["$defs", "exports", t.name])}`;
    } else {
      table.keys[validate] = `${id}${ref}`;
    }
  }
  return table;
}

/**
 * Where the local `$ref`s of an OpenAPI document lead (literal pointers, as {@link literalPointer}
 * gives them), or undefined for a bare schema: its `$ref`s may resolve against an `$id` or to an
 * `$anchor` (load/scoped-refs.ts), so every one of its components counts as referenced.
 */
function referencedSchemas(spec: SpecModel): Set<string> | undefined {
  if (spec.kind !== "openapi") return undefined;
  const found = new Set<string>();
  const visit = ({ node }: Place) => {
    if (Array.isArray(node) || typeof node.$ref !== "string" || !node.$ref.startsWith("#/")) return;
    found.add(literalPointer(spec.document, formatPointer(parseFragment(node.$ref))));
  };
  // Every key is read as a keyword here; only the data keys' values (not `x-` ones) are skipped.
  walk(spec.document, visit, { names: false, skip: (k) => DATA_KEYS.has(k) });
  return found;
}
