/**
 * The `$ref`s of a bare JSON Schema file, sorted by who resolves them. Redocly's bundler reads
 * every `$ref` as a file path or a JSON pointer into the file; JSON Schema resolves a reference
 * against the base URI its nearest `$id` sets, and a fragment may name an `$anchor` rather than
 * a pointer. So, before the file goes to the bundler:
 * - a pointer into the file itself (no `$id` in effect) is rebased to where the file's schema
 *   sits in the synthetic OpenAPI document (both Redocly and Ajv resolve it there);
 * - a reference that JSON Schema resolves inside the file (to a resource a nested `$id` names,
 *   to an `$anchor`, or to a pointer under an `$id`) is hidden from the bundler and given back
 *   afterwards: Ajv, which implements these rules, resolves it in the validators;
 * - any other reference is to another document: the bundler reads it, under the ref policy
 *   (spec root, remote refs off unless allowed). Under an `$id`, it is first resolved against
 *   that base (an `http:` base makes it remote, so it is refused unless remote refs are on).
 * `enum`, `const`, `default` and `examples` hold data: a `{"$ref": …}` there is a value.
 *
 * @module
 */
import uriModule from "ajv/dist/runtime/uri.js";
import { SpecError } from "../errors.js";
import { isDataKey, NAME_MAPS } from "./keys.js";
import { isObject } from "./refs.js";
import { decodeFragment, formatPointer, parsePointer, setOwn, valueAt } from "./pointer.js";
import { walk, type Place } from "./walk.js";

/** The key a hidden `$ref` travels under through the bundler. */
const HIDDEN = "x-specgen-scoped-$ref";

/**
 * The URI the validators' Ajv instance knows a spec's document by (`module`: its output module
 * path, which has no `..` step for URI resolution to drop): any absolute URI, never fetched. Base URIs here are
 * resolved from it, as Ajv
 * resolves them, so that a reference written out absolute below finds the same schema in Ajv.
 */
export function ajvResourceId(module: string): string {
  return `specgen:${module.split("/").map(encodeURIComponent).join("/")}`;
}

/** RFC 3986 resolution, by the library Ajv resolves `$id` and `$ref` with (fast-uri). */
const uri = uriModule.default;

/**
 * The draft 2020-12 meta-schema and its vocabularies' meta-schemas: Ajv ships them, so a
 * `$ref` to one is resolved by the validators without reading anything.
 */
const META_SCHEMAS = new Set([
  "https://json-schema.org/draft/2020-12/schema",
  ...["core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "content"].map(
    (v) => `https://json-schema.org/draft/2020-12/meta/${v}`,
  ),
]);

/**
 * The formats the meta-schema at `uri` uses (none for any other URI): the validators' Ajv must
 * know them to compile a `$ref` to it.
 */
export function metaSchemaFormats(uri: string): string[] {
  return META_SCHEMAS.has(uri.replace(/#.*$/, "")) ? ["regex", "uri", "uri-reference"] : [];
}

/** Where JSON Schema's reference rules place things in one file. */
interface Scope {
  /** Base URIs (no fragment) of the file and of every `$id` in it, with their schema. */
  resources: Map<string, unknown>;
  /** `base#name` of every `$anchor` and `$dynamicAnchor`. */
  anchors: Set<string>;
  /** Whether the file uses `$dynamicRef` (see {@link refInAllOf}). */
  dynamic: boolean;
}

/** `ref` resolved against `base`, split at its fragment (undefined where it does not parse). */
function resolveUri(ref: string, base: string): { doc: string; fragment: string } | undefined {
  try {
    const href = uri.resolve(base, ref);
    const hash = href.indexOf("#");
    return hash === -1 ? { doc: href, fragment: "" } : { doc: href.slice(0, hash), fragment: href.slice(hash + 1) };
  } catch {
    return undefined;
  }
}

/** The base URI `node`'s `$id` sets, or `base` when it has none (or one that does not resolve). */
function baseOf(node: Record<string, unknown>, base: string): string {
  if (typeof node.$id !== "string") return base;
  return resolveUri(node.$id, base)?.doc ?? base;
}

/** Keys under which a schema node holds schemas (or maps of them): not data, not extensions. */
function children(node: Record<string, unknown>, names: boolean): Array<[key: string, value: unknown, names: boolean]> {
  return Object.entries(node)
    .filter(([k]) => names || !isDataKey(k))
    .map(([k, v]) => [k, v, !names && NAME_MAPS.has(k)]);
}

/** Every resource and anchor of a schema file whose own URI is `fileUri`. */
function collectScope(root: unknown, fileUri: string): Scope {
  const scope: Scope = { resources: new Map([[fileUri, root]]), anchors: new Set(), dynamic: false };
  const visit = (node: unknown, base: string, names: boolean): void => {
    if (Array.isArray(node)) {
      for (const v of node) visit(v, base, false);
      return;
    }
    if (!isObject(node)) return;
    const here = names ? base : baseOf(node, base);
    if (!names) {
      if (!scope.resources.has(here)) scope.resources.set(here, node);
      for (const key of ["$anchor", "$dynamicAnchor"]) {
        if (typeof node[key] === "string") scope.anchors.add(`${here}#${node[key] as string}`);
      }
      if (typeof node.$dynamicRef === "string") scope.dynamic = true;
    }
    for (const [, v, childNames] of children(node, names)) visit(v, here, childNames);
  };
  visit(root, fileUri, false);
  return scope;
}

/**
 * What to do with one reference: rebase (a pointer into the file), hide from the bundler (JSON
 * Schema resolves it inside the file: written absolute under an `$id`, so that no later rebasing
 * of `#/…` pointers touches it), or hand to the bundler (another document).
 */
type RefHandling = "rebase" | "rebase-hidden" | "hide" | "missing" | "bundle";

function classifyRef(
  ref: string,
  base: string,
  identified: boolean,
  fileId: string,
  scope: Scope,
): [RefHandling, string] {
  const url = resolveUri(ref, base);
  if (!url) return ["bundle", ref];
  const { doc, fragment: raw } = url;
  const fragment = decodeFragment(raw);
  const local = ref.startsWith("#");
  if (!identified && doc === fileId && (fragment === "" || fragment.startsWith("/"))) {
    // The file's own `components.schemas` become the synthetic document's (see schemaSpec).
    if (fragment.startsWith("/components/")) return ["bundle", ref];
    // Redocly cannot follow a pointer with an empty token (`#/$defs//x`, a property named "").
    if (parsePointer(fragment).includes("")) return ["rebase-hidden", raw];
    return ["rebase", local ? ref.slice(1) : raw];
  }
  if (metaSchemaFormats(doc).length) return ["hide", ref];
  if (scope.resources.has(doc)) {
    const found = fragment.startsWith("/")
      ? valueAt(scope.resources.get(doc), parsePointer(fragment)) !== undefined
      : fragment === "" || scope.anchors.has(`${doc}#${fragment}`);
    return [found ? "hide" : "missing", !identified && local ? ref : `${doc}#${raw}`];
  }
  if (!identified) return ["bundle", ref];
  // Another document named against an `$id`: a path beside the file if the base is the file's own
  // folder (a relative `$id`), else the absolute URI (remote: read only if remote refs are allowed).
  const prefix = fileId.slice(0, fileId.lastIndexOf("/") + 1 || "specgen:".length);
  if (doc.startsWith(prefix)) return ["bundle", `${decodeFragment(doc.slice(prefix.length))}${raw ? `#${raw}` : ""}`];
  return ["bundle", `${doc}${raw ? `#${raw}` : ""}`];
}

/**
 * The schema of the file `source` (its parse `root`), to be placed at JSON pointer `at` of a synthetic
 * OpenAPI document, with its references prepared for the bundler (see the module comment).
 * `resource` names the document for Ajv (see {@link ajvResourceId}): the spec's module path.
 */
export function prepareSchemaRefs(root: unknown, source: string, at: string, resource: string): unknown {
  const fileUri = ajvResourceId(resource);
  if (JSON.stringify(root).includes(HIDDEN)) {
    throw new SpecError(`the key ${JSON.stringify(HIDDEN)} is reserved`, source);
  }
  const scope = collectScope(root, fileUri);
  const endless = scope.dynamic && isObject(root) && aliasOfRef(root) ? endlessDynamicScope(root) : undefined;
  if (endless !== undefined) {
    const what = `a root that is only \`$id\` and \`$ref\`, and the resource at ${endless}`;
    const message =
      `this use of \`$dynamicRef\` (${what}) sends Ajv 8.17's dynamic scope into endless recursion; ` +
      "Ajv cannot compile it";
    throw new SpecError(message, source, undefined, undefined, endless);
  }
  const rewrite = (node: unknown, base: string, names: boolean, where: string): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => rewrite(v, base, false, `${where}/${i}`));
    if (!isObject(node)) return node;
    const here = names ? base : baseOf(node, base);
    const identified = here !== fileUri;
    const out: Record<string, unknown> = {};
    const set = (k: string, v: unknown) => setOwn(out, k, v);
    const kept = new Set(children(node, names).map(([k]) => k));
    for (const [k, v] of Object.entries(node)) {
      if (!kept.has(k)) set(k, v);
      else if (!names && (k === "$ref" || k === "$dynamicRef") && typeof v === "string") {
        const [how, value] = classifyRef(v, here, identified, fileUri, scope);
        if (how === "missing") {
          const message = `the ${k} ${JSON.stringify(v)} (${value}) points to nothing in this file`;
          throw new SpecError(message, source, undefined, undefined, `${where}${formatPointer([k])}`);
        }
        // `$dynamicRef` is no `$ref` to the bundler, and Ajv takes only `#anchor` ones: as written.
        if (how === "rebase" && k === "$ref") set(k, `#${at}${value}`);
        else if (how === "rebase-hidden" && k === "$ref") set(HIDDEN, `#${at}${value}`);
        else if (how === "hide" && k === "$ref") set(HIDDEN, value);
        else set(k, k === "$ref" ? value : v);
      } else set(k, rewrite(v, here, !names && NAME_MAPS.has(k), `${where}${formatPointer([k])}`));
    }
    return names ? out : refInAllOf(node, out);
  };
  return rewrite(root, fileUri, false, "");
}

/**
 * A schema with an `$id` whose only assertion is its `$ref` sends Ajv (8.17) into endless
 * recursion when the schema is embedded in another resource, as here (found resolving the
 * suite's `{"$id": "file:///folder/file.json", "$ref": "#/$defs/foo"}`): Ajv follows such a
 * `$ref` as an alias of the resource, back to the pointer it came from. `allOf: [{$ref}]` means
 * the same (in 2020-12 both apply the target to the instance, annotations included) and is
 * compiled as a rule, so that schema's `$ref` moves there.
 */
function refInAllOf(node: Record<string, unknown>, out: Record<string, unknown>): Record<string, unknown> {
  const key = Object.hasOwn(out, "$ref") ? "$ref" : HIDDEN;
  if (!aliasOfRef(node) || !Object.hasOwn(out, key)) return out;
  if (out.allOf !== undefined && !Array.isArray(out.allOf)) return out;
  const member = { [key]: out[key] };
  delete out[key];
  out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), member];
  return out;
}

/**
 * Where a file whose root is only `$id` and `$ref` has a resource on which Ajv's `$dynamicRef`
 * support recurses without end while validating (plain Ajv overflows compiling such files): an
 * `$id` schema with `$dynamicRef` beside its own keywords, or one that holds only `$defs`.
 * These shapes come from the JSON-Schema-Test-Suite; the pointer of the first, or undefined.
 */
function endlessDynamicScope(root: Record<string, unknown>): string | undefined {
  const holder = new Set(["$id", "$defs", "$schema", "$comment", "$anchor", "$dynamicAnchor"]);
  let found: string | undefined;
  walk(root, (place) => {
    const { node, names } = place;
    if (names || !isObject(node) || node === root || typeof node.$id !== "string") return;
    if (typeof node.$dynamicRef !== "string" && !Object.keys(node).every((k) => holder.has(k))) return;
    found = place.pointer();
    return "stop";
  });
  return found;
}

/** Whether a schema with an `$id` asserts nothing but its `$ref` (which Ajv then treats as an alias). */
function aliasOfRef(node: Record<string, unknown>): boolean {
  const inert = new Set(["$id", "$ref", "$defs", "$schema", "$comment", "$anchor", "$dynamicAnchor", "title"]);
  inert.add("description");
  return typeof node.$id === "string" && typeof node.$ref === "string" && Object.keys(node).every((k) => inert.has(k));
}

/** The bundled document with the hidden references back under `$ref`, in place and in key order. */
export function restoreScopedRefs(node: unknown): void {
  const restore = ({ node: o }: Place) => {
    if (Array.isArray(o) || !Object.hasOwn(o, HIDDEN)) return;
    const entries = Object.entries(o).map(([k, v]): [string, unknown] => [k === HIDDEN ? "$ref" : k, v]);
    for (const k of Object.keys(o)) delete o[k];
    for (const [k, v] of entries) setOwn(o, k, v);
  };
  // The bundler may have put a hidden reference anywhere: every key is entered.
  walk(node, restore, { names: false, skip: () => false });
}
