/**
 * Facts about a document's schemas that the emitters need, found in one walk when the model is
 * built (load/walk.ts), so that no emitter walks `spec.document` again to rediscover them: the
 * `format` values and regexes the validators compile, whether a discriminator needs tag
 * constraints, whether `readOnly`/`writeOnly` shape the types, and whether a `$ref` points into
 * `paths` (which the types' copy inlines, emit/types/path-refs.ts).
 *
 * @module
 */
import { isObject } from "../load/refs.js";
import { metaSchemaFormats } from "../load/scoped-refs.js";
import { walk, type Place } from "../load/walk.js";
import { isAnnotationKey } from "../load/keys.js";
import { type DeclaredTag, declaredTags, type TagConstraint, tagConstraints } from "./discriminators.js";

/** A `$ref` whose target lies under `paths` or `webhooks` of the same document. */
export const PATHS_REF = /^#\/(paths|webhooks)\//;

/** What one document's schemas use (see {@link documentFacts}). */
export interface DocumentFacts {
  /** `format` values, and those a `$ref` to a JSON Schema meta-schema brings (its `uri`, `regex`, …). */
  formats: ReadonlySet<string>;
  /** `pattern` regexes and `patternProperties` keys, as written. */
  patterns: ReadonlySet<string>;
  /** Some schema has a `discriminator`: the validators add the tag constraints the types imply. */
  discriminator: boolean;
  /** Some object outside `x-` extensions has `readOnly: true` or `writeOnly: true`: the types mark such properties. */
  readWrite: boolean;
  /** Some `$ref` outside data and `x-` extensions points into `paths` or `webhooks` (see emit/types/path-refs.ts). */
  pathRefs: boolean;
  /** The tag values members fix themselves, which the types give them (see discriminators.ts). */
  declaredTags: readonly DeclaredTag[];
  /** The tag constraints the types imply, which the validators add (empty without a discriminator). */
  tagConstraints: readonly TagConstraint[];
}

/**
 * The facts of `document`, in one walk. Data (`enum`, `const`, `default`, examples) is never
 * entered, nor are `x-` extensions. The validator facts (formats, patterns,
 * discriminator) also skip annotations, which no validator reads; `readOnly`/`writeOnly` are
 * looked for inside annotations too (a `contentSchema`, an `xml` object), as the types read them.
 */
export function documentFacts(document: unknown): DocumentFacts {
  const formats = new Set<string>();
  const patterns = new Set<string>();
  const facts = { formats, patterns, discriminator: false, readWrite: false, pathRefs: false };
  // The places reached through an annotation key (see isAnnotationKey).
  const annotated = new WeakSet<Place>();
  const enter = (place: Place) => {
    const { node, names, parent, key } = place;
    if (parent && key !== undefined && (annotated.has(parent) || (isKeywordOf(parent) && isAnnotationKey(key))))
      annotated.add(place);
    if (names || Array.isArray(node)) return;
    if (node.readOnly === true || node.writeOnly === true) facts.readWrite = true;
    if (typeof node.$ref === "string" && PATHS_REF.test(node.$ref)) facts.pathRefs = true;
    if (!annotated.has(place)) readKeywords(node, facts);
  };
  // Data and `x-` extensions (isDataKey, the walker's default) are not entered.
  walk(document, enter);
  const constraints = facts.discriminator ? tagConstraints(document) : [];
  return { ...facts, declaredTags: declaredTags(document), tagConstraints: constraints };
}

/** Whether the keys of the object at `place` are keywords (not names, not indexes). */
function isKeywordOf(place: Place): boolean {
  return !place.names && !Array.isArray(place.node);
}

/** Adds what one schema object's own keywords use to `facts`. */
function readKeywords(
  node: Record<string, unknown>,
  facts: { formats: Set<string>; patterns: Set<string>; discriminator: boolean },
): void {
  for (const [key, value] of Object.entries(node)) {
    if (key === "format" && typeof value === "string") facts.formats.add(value);
    else if (key === "pattern" && typeof value === "string") facts.patterns.add(value);
    else if (key === "patternProperties" && isObject(value)) for (const p of Object.keys(value)) facts.patterns.add(p);
    else if (key === "discriminator") facts.discriminator = true;
    else if (key === "$ref" && typeof value === "string")
      for (const f of metaSchemaFormats(value)) facts.formats.add(f);
  }
}
