/**
 * Discriminator `mapping` values as OpenAPI means them. A value is a schema name (`Cat`) or a
 * reference (`#/components/schemas/Cat`, `./cat.yaml`); a name is the `components/schemas`
 * entry of that name, which wins when a value could be either (OpenAPI 3.1.1, 3.0.4).
 * Redocly's no-unresolved-refs (1.34) reads every value as a reference, so a valid name is
 * reported as unresolvable (ReadMe's oas-examples `discriminators.yaml`). Here, a name is read
 * as a name, anything else as a reference, and `generate`'s bundle walk rewrites a name to its
 * reference, which the model and emitters read.
 *
 * @module
 */
import { NoUnresolvedRefs, reportUnresolvedRef } from "@redocly/openapi-core/lib/rules/no-unresolved-refs.js";
import type { UserContext } from "@redocly/openapi-core/lib/walk.js";
import { childAt, escapeToken, setOwn } from "./pointer.js";

/** A value that can be a component's name (OpenAPI's pattern for component keys). */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;

type Resolve = UserContext["resolve"];

/**
 * Whether `value` names a schema of `doc`'s own `components/schemas`, as a mapping value read
 * in that document would (for problems reported where the document is not being walked).
 */
export function namesSchema(doc: unknown, value: unknown): boolean {
  if (typeof value !== "string" || !COMPONENT_NAME.test(value)) return false;
  return childAt(childAt(childAt(doc, "components"), "schemas"), value) !== undefined;
}

/** The reference `value` stands for: `#/components/schemas/<value>` when it names such a schema, else itself. */
function mappingRef(value: string, resolve: Resolve): string {
  if (!COMPONENT_NAME.test(value)) return value;
  const ref = `#/components/schemas/${escapeToken(value)}`;
  return resolve({ $ref: ref }).node !== undefined ? ref : value;
}

/** Reports each value of `mapping` that resolves to nothing; with `rewrite`, names become references. */
function checkMapping(mapping: Record<string, unknown>, ctx: UserContext, rewrite: boolean): void {
  for (const key of Object.keys(mapping)) {
    const value = mapping[key];
    if (typeof value !== "string") continue;
    const ref = mappingRef(value, ctx.resolve);
    if (rewrite && ref !== value) setOwn(mapping, key, ref);
    const resolved = ctx.resolve({ $ref: ref });
    if (resolved.node === undefined) reportUnresolvedRef(resolved, ctx.report, ctx.location.child(key));
  }
}

/** Redocly's no-unresolved-refs, with mapping values read as above (for the gate's lint). */
export const UnresolvedRefs = () => ({
  ref: (NoUnresolvedRefs({}) as { ref: unknown }).ref,
  DiscriminatorMapping: (mapping: Record<string, unknown>, ctx: UserContext) => checkMapping(mapping, ctx, false),
});

/** The bundle walk's decorator: each mapping checked, and its schema names made references. */
export const MappingNames = () => ({
  DiscriminatorMapping: (mapping: Record<string, unknown>, ctx: UserContext) => checkMapping(mapping, ctx, true),
});
