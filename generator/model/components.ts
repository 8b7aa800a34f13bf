/**
 * The named exports of component schemas (an OpenAPI document's `components.schemas`, a bare
 * schema file's helpers and definitions).
 *
 * @module
 */
import { formatPointer } from "../load/pointer.js";
import { type NameTable, pascalCase, plainPascalCase } from "./names.js";
import type { NamedSchema, SchemaTypeRef } from "./types.js";

/** One component to name: its key, where it is in the document, and its type in the types module. */
export interface ComponentEntry {
  key: string;
  at: string[];
  type: SchemaTypeRef;
}

/** The type of a component in the types module. */
export const typeOf = (key: string): SchemaTypeRef => ({ kind: "component", key });

/**
 * The named exports of components, in their order: each its key in PascalCase, sanitised (see
 * names.ts), claimed in `types`, with a warning when it is not the key as written. Keys that are
 * already such names are claimed first, so `Tag` keeps its name and `tag` becomes `Tag2`.
 */
export function componentSchemas(
  entries: readonly ComponentEntry[],
  types: NameTable,
  warn: (m: string) => void,
): NamedSchema[] {
  const exact = (key: string) => pascalCase(key) === key;
  const names = new Map<string, string>();
  for (const { key } of [...entries.filter((e) => exact(e.key)), ...entries.filter((e) => !exact(e.key))]) {
    const what = `component ${JSON.stringify(key)}`;
    const name = types.claim(pascalCase(key), what);
    // Like a schema file's name, its PascalCase form is the rule; a sanitising fix is reported.
    const fixed = name === pascalCase(key) && name !== plainPascalCase(key);
    if (fixed) warn(`${what} is not a free identifier; its type is ${name}`);
    names.set(key, name);
  }
  return entries.map(({ key, at, type }) => ({
    name: names.get(key)!,
    component: key,
    type,
    pointer: formatPointer(at),
  }));
}
