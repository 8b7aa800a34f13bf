/**
 * Tuples as JSON Schema 2020-12 reads `prefixItems`: each listed item applies only when the
 * array is that long, so an element is optional unless `minItems` requires it, and items after
 * the listed ones are allowed (as `items` types them) unless `items: false` or `maxItems` stops
 * them. openapi-typescript (7.13) prints `[A, B]` for `prefixItems: [A, B]` whatever the rest
 * says, which refuses `[a]` and `[a, b, c]` that the validator accepts; this hook of its
 * `transform` option prints `[A, B?, ...unknown[]]` instead (`[A, B]` when `minItems: 2` and
 * `items: false`, the usual way a fixed pair is written). The same in OpenAPI 3.1 and bare
 * schemas: the keyword means one thing in both, and the type stays as readable.
 *
 * @module
 */
import type * as OpenApiTypeScript from "openapi-typescript";
import type * as TypeScript from "typescript";
import { isObject } from "../../load/refs.js";

type Transform = NonNullable<Parameters<typeof OpenApiTypeScript.transformSchema>[1]["transform"]>;

const count = (n: unknown): number | undefined =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;

/** `items` that admit no item: `false`, or `{not: {}}` (how the types' copy may spell it). */
const noItems = (items: unknown): boolean =>
  items === false ||
  (isObject(items) && Object.keys(items).length === 1 && isObject(items.not) && !Object.keys(items.not).length);

/** openapi-typescript's `transform` option: a tuple type for an array schema with `prefixItems`, else its own. */
export function tupleTransform(ots: typeof OpenApiTypeScript, ts: typeof TypeScript): Transform {
  return (schema, options) => {
    const s = schema as Record<string, unknown>;
    if (!isObject(s) || s.type !== "array" || !Array.isArray(s.prefixItems)) return undefined;
    const min = count(s.minItems) ?? 0;
    const max = count(s.maxItems);
    const prefix = (s.prefixItems as unknown[]).slice(0, max);
    const typeOf = (item: unknown, at: string) =>
      ots.transformSchemaObject(item as OpenApiTypeScript.SchemaObject, {
        ...options,
        path: `${options.path ?? "#"}/${at}`,
      });
    const elements: TypeScript.TypeNode[] = prefix.map((item, i) => {
      const type = typeOf(item, `prefixItems/${i}`);
      return i < min ? type : ts.factory.createOptionalTypeNode(type);
    });
    if (!noItems(s.items) && (max === undefined || max > prefix.length)) {
      const rest = s.items === undefined || s.items === true ? ots.UNKNOWN : typeOf(s.items, "items");
      elements.push(ts.factory.createRestTypeNode(ts.factory.createArrayTypeNode(rest)));
    }
    return ts.factory.createTupleTypeNode(elements);
  };
}
