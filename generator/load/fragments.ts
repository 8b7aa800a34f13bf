/**
 * What the documents of a run (OpenAPI files and bare JSON Schemas) reference. A folder of specs
 * also holds files that are parts of them: shared definitions, containers of parameters and the
 * like, and example data (Matrix keeps example events as JSON files that `$ref`s inside `example`
 * values pull in). Such files are linted and bundled through the documents that reference them;
 * this tells `lint`, `generate` and the example check which they are.
 *
 * @module
 */
import { SpecError } from "../errors.js";
import { type DocumentStore, isObject, splitRef } from "./refs.js";

export interface References {
  /** Every file a `$ref` of the documents reaches, directly or through other files. */
  referenced: Set<string>;
  /**
   * The referenced files that are no spec of their own, however they look:
   * - example data, reached through `$ref`s inside an `example` or `examples` value (or inside
   *   other example data) and through no other `$ref` of an OpenAPI document (an event file
   *   whose `"type": "m.room.create"` looks like a schema keyword);
   * - containers, reached only through pointers into them (`parameters.yml#/type`: a map of
   *   parameters, one of which is named `type`).
   */
  fragments: Set<string>;
  /** The example data alone. */
  data: Set<string>;
}

/**
 * The references of the OpenAPI documents at `openapi` and of the JSON Schemas at `schemas`. A
 * file that looks like a schema may yet be example data (Matrix's `definitions/pdu_v1.yaml` has
 * `example: {$ref: ../examples/pdu_v1.json}`, and that file has a `type` member), so the schemas
 * are walked too; what an OpenAPI document uses as a schema is never data. Files that cannot be
 * read are left out (lint reports them at their `$ref`).
 */
export function references(store: DocumentStore, openapi: readonly string[], schemas: readonly string[]): References {
  const seen = { openapi: new Set<string>(), schema: new Set<string>(), data: new Set<string>() };
  const referenced = new Set<string>();
  // Files some `$ref` names as a whole (no pointer into them).
  const whole = new Set<string>();
  type Mode = keyof typeof seen;
  const queue: Array<[path: string, mode: Mode]> = [
    ...openapi.map((p): [string, Mode] => [p, "openapi"]),
    ...schemas.map((p): [string, Mode] => [p, "schema"]),
  ];
  while (queue.length) {
    const [path, mode] = queue.pop()!;
    if (seen[mode].has(path)) continue;
    seen[mode].add(path);
    let refs: Array<[ref: string, inExample: boolean]>;
    try {
      refs = store.found(path, "positioned refs", positionedRefs);
    } catch (err) {
      if (err instanceof SpecError) continue;
      throw err;
    }
    for (const [ref, inExample] of refs) {
      if (ref.startsWith("#")) continue;
      let target: string, pointer: string;
      try {
        [target, pointer] = splitRef(ref, path);
      } catch (err) {
        if (err instanceof SpecError) continue;
        throw err;
      }
      referenced.add(target);
      if (pointer === "" || pointer === "/") whole.add(target);
      queue.push([target, inExample ? "data" : mode]);
    }
  }
  const data = new Set([...seen.data].filter((p) => !seen.openapi.has(p)));
  return { referenced, data, fragments: new Set([...data, ...[...referenced].filter((p) => !whole.has(p))]) };
}

/**
 * Every `$ref` string in a document, with whether it sits inside an `example` or `examples`
 * value. A key of a `properties` map is a property name, not a keyword, so a property named
 * `examples` is not an example. Iterative; a shared (aliased) node is visited once per position.
 */
function positionedRefs(doc: unknown): Array<[ref: string, inExample: boolean]> {
  const out: Array<[string, boolean]> = [];
  const seen = [new Set<object>(), new Set<object>()];
  const stack: Array<[node: unknown, inExample: boolean, names: boolean]> = [[doc, false, false]];
  while (stack.length) {
    const [node, inExample, names] = stack.pop()!;
    if (typeof node !== "object" || node === null || seen[Number(inExample)]!.has(node)) continue;
    seen[Number(inExample)]!.add(node);
    if (Array.isArray(node)) for (const v of node) stack.push([v, inExample, false]);
    else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string") out.push([v, inExample]);
        else
          stack.push([
            v,
            inExample || (!names && (k === "example" || k === "examples")),
            !inExample && (k === "properties" || k === "patternProperties"),
          ]);
      }
    }
  }
  return out;
}
