/**
 * What the types say of discriminated unions, as constraints for the validators.
 *
 * openapi-typescript (7.x) reads an OpenAPI `discriminator` into the types, where JSON Schema
 * leaves it an annotation (and Ajv's own `discriminator` option refuses `mapping`):
 * - each schema a `oneOf` with a discriminator lists, or its `mapping` names, gets the tag
 *   property as a required string of its mapping keys (by default its own name);
 * - a schema that extends a discriminated one through `allOf` gets the tag too: the mapping keys
 *   that name it, else its own name as a required literal.
 * Without the same constraints a validator would accept `{petType: "dog", purrs: true}` as the
 * `Cat` the type promises has `petType: "cat"`. This module finds those places in the document
 * (as openapi-typescript does, in document order, a schema taking the first tag it is given),
 * and applies them to the copy of the document Ajv compiles. It is written here because the
 * library's own pass needs TypeScript loaded (about 0.6 s), which a large spec's validators,
 * compiled beside the types' worker thread, would otherwise never wait for.
 *
 * One correction is made for both, through {@link declaredTags}: where a member (or an extending
 * schema) fixes the tag itself (`kind: {const: circle}`) and no `mapping` names it,
 * openapi-typescript (openapi-ts/openapi-typescript#2149, open) types the tag as the schema's
 * name, which the member's own schema refuses, so no value would be valid. The declared values
 * are added to the mapping instead, for the types' copy of the document and here alike.
 *
 * @module
 */
import { DATA_KEYS } from "../load/keys.js";
import { schemaAt, unwrap30 } from "../load/oas30.js";
import { formatPointer, parseFragment, pointerTokens, setOwn, valueAt } from "../load/pointer.js";
import { isObject } from "../load/refs.js";

/** One schema (a JSON pointer into the document) that must have `property` set to one of `values`. */
export interface TagConstraint {
  pointer: string;
  property: string;
  values: string[];
  /**
   * `properties`: the property's schema is replaced, as the types replace it; `allOf`: a branch requiring it is added.
   */
  how: "properties" | "allOf";
}

type Discriminator = { propertyName: string; mapping?: Record<string, unknown> };

// A schema's `$ref` as the bundled document writes it: a plain pointer after `#`, not percent-encoded.
const refOf = (path: readonly string[]) => `#${formatPointer(path)}`;
/** The tokens of a `$ref`'s fragment; none for a `$ref` without one or whose fragment is no pointer. */
const tokensOf = (ref: string): string[] => {
  const hash = ref.indexOf("#");
  try {
    return hash === -1 ? [] : parseFragment(ref.slice(hash));
  } catch {
    return [];
  }
};

function discriminatorOf(node: Record<string, unknown>): Discriminator | undefined {
  const d = node.discriminator;
  return isObject(d) && typeof d.propertyName === "string" && d.propertyName !== "" ? (d as Discriminator) : undefined;
}

/**
 * Every object of the document with its path, depth first in key order; data values are not
 * entered. `path` is one array, changed as the walk goes: read it during the visit, do not keep it.
 */
function walk(
  node: unknown,
  visit: (node: Record<string, unknown>, path: readonly string[]) => void,
  path: string[] = [],
): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      path.push(String(i));
      walk(v, visit, path);
      path.pop();
    });
  } else if (isObject(node)) {
    visit(node, path);
    for (const [k, v] of Object.entries(node)) {
      if (DATA_KEYS.has(k) || typeof v !== "object" || v === null) continue;
      path.push(k);
      walk(v, visit, path);
      path.pop();
    }
  }
}

/** A mapping entry the document implies: the schema at `at` (which has the discriminator) maps `value` to `ref`. */
export interface DeclaredTag {
  at: string;
  value: string;
  ref: string;
}

/**
 * The tag values a schema fixes itself: a string `const`, or an `enum` of strings, on the tag property (in an allOf
 * part too).
 */
function ownTagValues(schema: Record<string, unknown>, property: string): string[] {
  for (const part of [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])]) {
    const tag =
      isObject(part) && isObject(part.properties) && Object.hasOwn(part.properties, property)
        ? part.properties[property]
        : undefined;
    if (!isObject(tag)) continue;
    if (typeof tag.const === "string") return [tag.const];
    if (Array.isArray(tag.enum) && tag.enum.length && tag.enum.every((v) => typeof v === "string"))
      return tag.enum as string[];
  }
  return [];
}

/**
 * Mapping entries for the members of discriminated unions (oneOf members, and schemas extending
 * a discriminated one through allOf) that fix their tag themselves and that no mapping names.
 */
export function declaredTags(document: unknown, found = survey(document)): DeclaredTag[] {
  const out: DeclaredTag[] = [];
  const named = (d: Discriminator, ref: string, values: string[]) =>
    Object.values(d.mapping ?? {}).includes(ref) || values.some((v) => Object.hasOwn(d.mapping ?? {}, v));
  const holders = new Map<string, Discriminator>();
  for (const [node, ref] of found) {
    const d = discriminatorOf(node);
    if (d) holders.set(ref, d);
  }
  for (const [node, at] of found) {
    const d = discriminatorOf(node);
    for (const item of d && Array.isArray(node.oneOf) ? node.oneOf : []) {
      if (!isObject(item) || typeof item.$ref !== "string") continue;
      const member = resolveIn(document, item.$ref);
      const values = member ? ownTagValues(member.node, d!.propertyName) : [];
      if (values.length && !named(d!, item.$ref, values))
        for (const value of values) out.push({ at, value, ref: item.$ref });
    }
    for (const item of Array.isArray(node.allOf) ? node.allOf : []) {
      const base = isObject(item) && typeof item.$ref === "string" ? holders.get(item.$ref) : undefined;
      if (!base) continue;
      const values = ownTagValues(node, base.propertyName);
      if (values.length && !named(base, at, values))
        for (const value of values) out.push({ at: item.$ref as string, value, ref: at });
    }
  }
  return out;
}

/** Writes {@link declaredTags} into the document's discriminators (the types' own copy). */
export function addDeclaredTags(document: unknown, tags: readonly DeclaredTag[]): void {
  for (const { at, value, ref } of tags) {
    const holder = resolveIn(document, at, false);
    const d = holder && discriminatorOf(holder.node);
    if (!d) continue;
    if (!isObject(d.mapping)) d.mapping = {};
    const mapping = d.mapping as Record<string, unknown>;
    setOwn(mapping, value, ref);
  }
}

/**
 * The object a local `$ref` names (its `$ref`s followed unless `follow` is false); undefined where the types would not
 * resolve it.
 */
function resolveIn(
  document: unknown,
  ref: string,
  follow = true,
): { node: Record<string, unknown>; pointer: string } | undefined {
  const seen: string[] = [];
  for (;;) {
    const tokens = tokensOf(ref);
    if (!tokens.length) return undefined;
    const node = valueAt(document, tokens);
    if (!isObject(node)) return undefined;
    if (!follow || typeof node.$ref !== "string") return { node, pointer: refOf(tokens).slice(1) };
    if (seen.includes(node.$ref)) return undefined;
    ref = node.$ref;
    seen.push(ref);
  }
}

/**
 * The schemas that hold a discriminator or extend others through `allOf`, in document order, with their `$ref` form
 * (one walk).
 */
function survey(document: unknown): Array<[node: Record<string, unknown>, ref: string]> {
  const found: Array<[Record<string, unknown>, string]> = [];
  walk(document, (node, path) => {
    if (discriminatorOf(node) || Array.isArray(node.allOf)) found.push([node, refOf(path)]);
  });
  return found;
}

/** The tag constraints the types put on the document's schemas. */
export function tagConstraints(document: unknown): TagConstraint[] {
  const out: TagConstraint[] = [];
  // Discriminators by the pointer of the schema that has (or inherits) them; tagged schemas.
  const objects = new Map<string, Discriminator>();
  const tagged = new Set<string>();

  const found = survey(document);
  if (!found.some(([node]) => discriminatorOf(node))) return out;
  // Each discriminator with the mapping entries the document implies (see declaredTags).
  const implied = new Map<string, Record<string, string>>();
  for (const { at, value, ref } of declaredTags(document, found)) implied.set(at, { ...implied.get(at), [value]: ref });
  const effective = (d: Discriminator, at: string): Discriminator =>
    implied.has(at) ? { ...d, mapping: { ...d.mapping, ...implied.get(at) } } : d;
  const tag = (ref: string, values: string[], property: string): boolean => {
    const target = resolveIn(document, ref);
    if (!target) return false;
    if (Array.isArray(target.node.allOf)) out.push({ pointer: target.pointer, property, values, how: "allOf" });
    else if (target.node.type === "object") out.push({ pointer: target.pointer, property, values, how: "properties" });
    else return false;
    return true;
  };

  const discriminated = found.filter(([node]) => discriminatorOf(node));
  const extending = found.filter(([node]) => Array.isArray(node.allOf));

  // The members of a discriminated oneOf, by their mapping keys or their own names.
  for (const [node, ref] of discriminated) {
    const d = effective(discriminatorOf(node)!, ref);
    objects.set(ref, d);
    if (!Array.isArray(node.oneOf)) continue;
    const members = new Map<string, { inferred?: string; defined?: string[] }>();
    for (const item of node.oneOf) {
      if (!isObject(item) || typeof item.$ref !== "string") continue;
      const name = item.$ref.split("/").pop();
      if (name) members.set(item.$ref, { ...members.get(item.$ref), inferred: name });
    }
    for (const [value, target] of Object.entries(d.mapping ?? {})) {
      if (typeof target !== "string" || target === "") continue;
      if (!members.get(target)?.defined) members.set(target, { defined: [] });
      members.get(target)!.defined!.push(value);
    }
    for (const [target, { inferred, defined }] of members) {
      const values = defined ?? (inferred ? [inferred] : undefined);
      if (!tagged.has(target) && values && tag(target, values, d.propertyName)) tagged.add(target);
    }
  }

  // Schemas extending a discriminated one through allOf inherit its discriminator.
  for (const [node, ref] of extending) {
    for (const [i, item] of (node.allOf as unknown[]).entries()) {
      if (!isObject(item)) continue;
      if (typeof item.$ref === "string") {
        const base = objects.get(item.$ref);
        if (!base) break;
        const values = Object.entries(base.mapping ?? {})
          .filter(([, target]) => target === ref)
          .map(([value]) => value);
        if (values.length && tag(ref, values, base.propertyName)) tagged.add(ref);
        objects.set(ref, { ...base });
      } else {
        const d = discriminatorOf(item);
        if (d) objects.set(ref, { ...effective(d, `${ref}/allOf/${i}`) });
      }
    }
  }

  // An inheriting schema the mapping does not tag is tagged with its own name (or the key
  // whose target ends in that name), a literal the types add beside its allOf or anyOf.
  for (const [ref, d] of objects) {
    if (tagged.has(ref)) continue;
    const tokens = tokensOf(ref);
    const node = valueAt(document, tokens);
    if (!tokens.length || !isObject(node) || discriminatorOf(node) || !(node.allOf || node.anyOf)) continue;
    const name = tokens.at(-1)!;
    const key = Object.entries(d.mapping ?? {}).find(
      ([, v]) => typeof v === "string" && (v.startsWith("#") ? tokensOf(v).at(-1) === name : v === name),
    )?.[0];
    out.push({ pointer: refOf(tokens).slice(1), property: d.propertyName, values: [key ?? name], how: "allOf" });
  }
  return out;
}

/**
 * Applies tag constraints to the copy of the document Ajv compiles (same structure as the document, prose left out).
 */
export function applyTagConstraints(copy: unknown, constraints: readonly TagConstraint[]): void {
  for (const { pointer, property, values, how } of constraints) {
    // The pointers are plain (`/components/schemas/Cat`); the copy may hold 3.0 wrappers.
    const node = unwrap30(schemaAt(copy, pointerTokens(pointer)));
    if (!isObject(node)) continue;
    const tag = values.length === 1 && how === "allOf" ? { const: values[0] } : { type: "string", enum: values };
    if (how === "properties") {
      if (!isObject(node.properties)) node.properties = {};
      const properties = node.properties as Record<string, unknown>;
      setOwn(properties, property, tag);
      node.required = Array.isArray(node.required) ? [...new Set([...node.required, property])] : [property];
    } else {
      const branch = { type: "object", required: [property], properties: { [property]: tag } };
      node.allOf = Array.isArray(node.allOf) ? [...node.allOf, branch] : [branch];
    }
  }
}
