import type { UserContext } from "@redocly/openapi-core/lib/walk.js";
import { type DocumentStore, isObject } from "../load/refs.js";
import { SpecError } from "../errors.js";
import { ExampleChecker } from "./example-checker.js";
import { readsAs30 } from "../load/oas30.js";

/** `specgen/example-valid`: the rule of plugin.ts that checks example values against their schema. */
type Node = Record<string, unknown>;
type Visitor = Record<string, { enter: (node: Node, ctx: UserContext) => void }>;

/** Checks one value against the schema at `schemaPointer` of the visited file, reporting at `at`. */
export type Check = (
  ctx: UserContext,
  schemaPointer: string,
  value: unknown,
  at: Array<string | number>,
  valueFile?: string,
) => void;

/**
 * `example`/`examples` values must satisfy their schema, with `$ref`s in the values resolved
 * first, under the run's RefPolicy (the files Redocly may read, this rule may read). Redocly
 * makes the visitor anew for each document; `check` is the run's (see {@link exampleCheck}).
 */
export function exampleValid(check: Check): Visitor {
  // Media types, parameters and headers hold examples next to a `schema`.
  const withSchema = (node: Node, ctx: UserContext): void => {
    if (!("schema" in node)) return;
    const schemaPointer = `${pointerOf(ctx)}/schema`;
    if ("example" in node) check(ctx, schemaPointer, node.example, ["example"]);
    if (!isObject(node.examples)) return;
    for (const [name, ex] of Object.entries(node.examples)) {
      const { node: resolved, location } = ctx.resolve<Node>(ex as Node);
      if (!isObject(resolved) || !("value" in resolved)) continue;
      // An Example object may live in another file: its value's `$ref`s are relative to that file.
      check(ctx, schemaPointer, resolved.value, ["examples", name, "value"], location?.source.absoluteRef);
    }
  };
  return {
    Schema: {
      enter(schema, ctx) {
        if ("example" in schema) check(ctx, pointerOf(ctx), schema.example, ["example"]);
        if (!Array.isArray(schema.examples)) return;
        schema.examples.forEach((ex, i) => {
          check(ctx, pointerOf(ctx), ex, ["examples", i]);
        });
      },
    },
    MediaType: { enter: withSchema },
    Parameter: { enter: withSchema },
    Header: { enter: withSchema },
  };
}

/**
 * The check of one example: its `$ref`s resolved, then validated by the file's checker. One per
 * run, not per document: the files, their schema copies and their registration with the
 * validator are then made once for all the documents that share them (Matrix's definitions).
 * `store`'s policy is the run's: the files Redocly may read, this rule may read.
 */
export function exampleCheck(store: DocumentStore): Check {
  const checkers = { oas3_0: new ExampleChecker(store, true), other: new ExampleChecker(store) };
  // A 3.1 file written with 3.0's boolean `nullable` is read as 3.0 reads it, as the validators
  // read it (load/oas30.ts readsAs30); decided once per file.
  const as30 = new Map<string, boolean>();
  const reads30 = (file: string): boolean => {
    if (!as30.has(file)) as30.set(file, readsAs30(store.get(file)));
    return as30.get(file)!;
  };
  return (ctx, schemaPointer, value, at, valueFile) => {
    const file = ctx.location.source.absoluteRef;
    let resolved: unknown;
    try {
      resolved = store.inlineRefs(value, valueFile ?? file);
    } catch (err) {
      ctx.report({ message: err instanceof SpecError ? err.message : String(err), location: ctx.location.child(at) });
      return;
    }
    const checker = ctx.oasVersion === "oas3_0" || reads30(file) ? checkers.oas3_0 : checkers.other;
    const { problems, unchecked } = checker.check(file, schemaPointer, resolved);
    for (const [path, message] of problems) {
      const where = path === "" ? "" : ` at \`${path}\``;
      ctx.report({
        message: `Example does not match its schema${where}: ${message}.`,
        location: ctx.location.child(at),
      });
    }
    if (unchecked.length) reportUnchecked(ctx, unchecked, at);
  };
}

/** A warning that the example was not checked against regexes recheck judged unsafe. */
function reportUnchecked(ctx: UserContext, unchecked: string[], at: Array<string | number>): void {
  const list = unchecked.map((p) => JSON.stringify(p)).join(", ");
  ctx.report({
    message:
      `Example not checked against the regular expression(s) ${list}: they may backtrack ` +
      "catastrophically (see specgen/pattern-safe), so lint does not run them.",
    location: ctx.location.child(at),
    forceSeverity: "warn",
  });
}

// Redocly pointers carry a leading `#`, and the root is `#/`: a JSON pointer to the root is "".
const pointerOf = (ctx: UserContext): string => ctx.location.pointer.replace(/^#\/?$/, "").replace(/^#/, "");
