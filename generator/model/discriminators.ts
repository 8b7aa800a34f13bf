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
import { schemaAt, unwrap30 } from "../load/oas30.js";
import { pointerTokens, setOwn, valueAt } from "../load/pointer.js";
import { isObject } from "../load/refs.js";
import { type Discriminator, discriminatorOf, refOf, resolveIn, survey, tokensOf } from "./discriminator-survey.js";

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

/** What the passes of {@link tagConstraints} share: the constraints found so far, and what they know. */
interface TagPass {
  document: unknown;
  out: TagConstraint[];
  /** Discriminators by the `$ref` of the schema that has (or inherits) them. */
  objects: Map<string, Discriminator>;
  /** The schemas already tagged: a schema takes the first tag it is given. */
  tagged: Set<string>;
  /** A discriminator with the mapping entries the document implies (see {@link declaredTags}). */
  effective: (d: Discriminator, at: string) => Discriminator;
}

/** The tag constraints the types put on the document's schemas. */
export function tagConstraints(document: unknown): TagConstraint[] {
  const found = survey(document);
  if (!found.some(([node]) => discriminatorOf(node))) return [];
  // Each discriminator with the mapping entries the document implies (see declaredTags).
  const implied = new Map<string, Record<string, string>>();
  for (const { at, value, ref } of declaredTags(document, found)) implied.set(at, { ...implied.get(at), [value]: ref });
  const effective = (d: Discriminator, at: string): Discriminator =>
    implied.has(at) ? { ...d, mapping: { ...d.mapping, ...implied.get(at) } } : d;
  const pass: TagPass = { document, out: [], objects: new Map(), tagged: new Set(), effective };
  for (const [node, ref] of found) if (discriminatorOf(node)) tagMembers(pass, node, ref);
  for (const [node, ref] of found) if (Array.isArray(node.allOf)) inheritTags(pass, node, ref);
  tagByOwnName(pass);
  return pass.out;
}

/**
 * Adds a constraint that the schema `ref` names has `property` set to one of `values`: beside its
 * `allOf`, or among its properties; false where the types tag no such schema.
 */
function tag(pass: TagPass, ref: string, values: string[], property: string): boolean {
  const target = resolveIn(pass.document, ref);
  if (!target) return false;
  if (Array.isArray(target.node.allOf)) pass.out.push({ pointer: target.pointer, property, values, how: "allOf" });
  else if (target.node.type === "object")
    pass.out.push({ pointer: target.pointer, property, values, how: "properties" });
  else return false;
  return true;
}

/** The members of a discriminated oneOf (the schema `ref` names), tagged by their mapping keys or their own names. */
function tagMembers(pass: TagPass, node: Record<string, unknown>, ref: string): void {
  const d = pass.effective(discriminatorOf(node)!, ref);
  pass.objects.set(ref, d);
  if (!Array.isArray(node.oneOf)) return;
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
    if (!pass.tagged.has(target) && values && tag(pass, target, values, d.propertyName)) pass.tagged.add(target);
  }
}

/** A schema (`ref`) extending a discriminated one through allOf inherits its discriminator, tagged by its mapping. */
function inheritTags(pass: TagPass, node: Record<string, unknown>, ref: string): void {
  for (const [i, item] of (node.allOf as unknown[]).entries()) {
    if (!isObject(item)) continue;
    if (typeof item.$ref === "string") {
      const base = pass.objects.get(item.$ref);
      if (!base) break;
      const values = Object.entries(base.mapping ?? {})
        .filter(([, target]) => target === ref)
        .map(([value]) => value);
      if (values.length && tag(pass, ref, values, base.propertyName)) pass.tagged.add(ref);
      pass.objects.set(ref, { ...base });
    } else {
      const d = discriminatorOf(item);
      if (d) pass.objects.set(ref, { ...pass.effective(d, `${ref}/allOf/${i}`) });
    }
  }
}

/**
 * An inheriting schema the mapping does not tag is tagged with its own name (or the key whose
 * target ends in that name), a literal the types add beside its allOf or anyOf.
 */
function tagByOwnName(pass: TagPass): void {
  for (const [ref, d] of pass.objects) {
    if (pass.tagged.has(ref)) continue;
    const tokens = tokensOf(ref);
    const node = valueAt(pass.document, tokens);
    if (!tokens.length || !isObject(node) || discriminatorOf(node) || !(node.allOf || node.anyOf)) continue;
    const name = tokens.at(-1)!;
    const key = Object.entries(d.mapping ?? {}).find(
      ([, v]) => typeof v === "string" && (v.startsWith("#") ? tokensOf(v).at(-1) === name : v === name),
    )?.[0];
    pass.out.push({ pointer: refOf(tokens).slice(1), property: d.propertyName, values: [key ?? name], how: "allOf" });
  }
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
