/**
 * The validators emitter: per spec, Ajv (2020-12, strict) compiles every JSON response body and
 * named schema in one instance (and, for `isX`, again stopping at the first error). Its
 * standalone code becomes one plain ES module: the `require()`s it still emits for Ajv's
 * run-time helpers (ajv issues #1976, #2209) are linked to a shared module instead, so the output
 * has no `require(` at all. Three shared files: the hand-written runtime (`ValidationError`, the
 * guard helpers), and ajv-formats' formats and Ajv's helpers, bundled when the toolkit is built.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, Name, _ } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import ajvFormats from "ajv-formats";
import { formatNames } from "ajv-formats/dist/formats.js";
import { SpecError } from "../errors.js";
import { uri } from "../runtime/formats.js";
import { isObject } from "../load/refs.js";
import { childAt, encodeFragment, formatPointer, parseFragment, parsePointer, setOwn } from "../load/pointer.js";
import { readsAs30, schemaFrom30 } from "../load/oas30.js";
import { ajvResourceId, metaSchemaFormats } from "../load/scoped-refs.js";
import { DATA_KEYS, keywordPointer, NAME_MAPS } from "../load/keys.js";
import { walk, type Place } from "../load/walk.js";
import { compiles, unicodeEquivalent } from "../load/regex.js";
import { applyTagConstraints, tagConstraints } from "../model/discriminators.js";
import { unsafePatterns } from "../lint/patterns.js";
import type { Model, SpecModel } from "../model/types.js";
import { duplicatesWarning } from "../model/names.js";
import { isLargeSpec } from "../model/size.js";
import { jsdoc } from "./comment.js";
import { hoistSubschemas } from "./hoist.js";
import { UNIQUE_ITEMS } from "./unique-items.js";
import type { Emitted, GeneratedFile } from "./file.js";
import { banner, relativeImport } from "./module.js";

/** The compiled validation runtime, copied into the output as `validators/runtime.js`. */
export const RUNTIME_JS_URL = new URL("../runtime/validation.js", import.meta.url);
const RUNTIME_DTS_URL = new URL("../runtime/validation.d.ts", import.meta.url);
/** The shared modules of every validators folder, bundled at build time (scripts/bundle-runtime.ts). */
export const FORMATS_BUNDLE_URL = new URL("../runtime/formats.bundle.js", import.meta.url);
export const HELPERS_BUNDLE_URL = new URL("../runtime/helpers.bundle.js", import.meta.url);

/** OpenAPI 3.1 Schema Object keywords that JSON Schema 2020-12 does not define; all are annotations. */
export const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"] as const;
/** Where the bundled document sits inside the schema resource registered with Ajv. */
const DOCUMENT_AT = "/$defs/document";
/** Where subschemas hoisted out of the document are (see hoist.ts), as a `$ref` prefix. */
const SHARED_AT = "#/$defs/shared/";
const KNOWN_FORMATS = new Set<string>(formatNames);

/** One validator to export: the generated type it guards and where its schema is. */
export interface ValidatorTarget {
  /** The model's sanitised type name, e.g. `GetAuthMetadataResponse`. */
  name: string;
  /** JSON pointer of the schema inside the spec's `document`. */
  pointer: string;
  /** What the schema describes (plain text for doc comments). */
  description: string;
  /** For operation bodies: the operation, and the response status or `body` for the request body. */
  operationId?: string;
  status?: string;
  /** A component (`components/schemas/X`, a bare schema's `$defs/X`), compiled once however used (see createAjv). */
  component?: true;
}

/**
 * The validators of one spec: JSON response and request bodies of its operations and webhooks, then its named schemas.
 */
export function validatorTargets(spec: SpecModel): ValidatorTarget[] {
  const targets: ValidatorTarget[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) {
    for (const r of op.responseTypes) {
      const pointer = op.responses.find((x) => x.status === r.status)?.jsonSchemaPointer;
      if (pointer === undefined) continue;
      targets.push({
        name: r.name,
        pointer,
        description: `the JSON body of the ${r.status} response of \`${op.operationId}\``,
        operationId: op.operationId,
        status: r.status,
      });
    }
    const body = op.requestBody;
    if (body?.name && body.jsonSchemaPointer)
      targets.push({
        name: body.name,
        pointer: body.jsonSchemaPointer,
        description: `the JSON request body of \`${op.operationId}\``,
        operationId: op.operationId,
        status: "body",
      });
  }
  for (const s of spec.schemas) {
    const of = `of \`${spec.source}\``;
    const description =
      s.component === undefined ? `the \`${s.name}\` schema ${of}` : `the component \`${s.component}\` ${of}`;
    const component = s.component !== undefined && { component: true as const };
    targets.push({ name: s.name, pointer: s.pointer, description, ...component });
  }
  return targets;
}

/** The three exports generated per target. */
export function exportNames(name: string): { validate: string; is: string; assert: string } {
  return { validate: `validate${name}`, is: `is${name}`, assert: `assert${name}` };
}

/**
 * `validators/<module>.js` + `.d.ts` per spec with at least one JSON schema to check, the shared
 * `validators/runtime.js` (+ `.d.ts`) and `validators/formats.js`, and `validators/index.js`
 * (+ `.d.ts`) re-exporting everything.
 */
export async function emitValidators(model: Model): Promise<Emitted> {
  const files: GeneratedFile[] = [];
  const warnings: string[] = [];
  const modules: Array<{ spec: SpecModel; targets: ValidatorTarget[] }> = [];
  for (const spec of model.specs) {
    const targets = validatorTargets(spec);
    if (!targets.length) continue;
    const path = `validators/${spec.module}.js`;
    const shared = {
      runtime: relativeImport(path, "validators/runtime.js"),
      formats: relativeImport(path, "validators/formats.js"),
      helpers: relativeImport(path, "validators/helpers.js"),
    };
    const code = await compileValidatorModule(spec, targets, shared, (m) => warnings.push(m));
    files.push({ path, contents: `${banner(spec.source)}${code}` });
    files.push({ path: `validators/${spec.module}.d.ts`, contents: declarations(spec, targets) });
    modules.push({ spec, targets });
    if (spec.asWritten) files.push(...(await asWrittenModule(spec, spec.asWritten, targets)));
  }
  if (!modules.length) return { files, warnings };
  files.push({ path: "validators/runtime.js", contents: `${banner(null)}${readFileSync(RUNTIME_JS_URL, "utf8")}` });
  files.push({ path: "validators/runtime.d.ts", contents: `${banner(null)}${readFileSync(RUNTIME_DTS_URL, "utf8")}` });
  // Imported only by modules that check a format; shipped with every validators folder for simplicity.
  files.push({ path: "validators/formats.js", contents: `${banner(null)}${formatsModule()}` });
  // Imported only by modules whose schemas need one (`minLength`, `const`/`enum` objects, …).
  files.push({ path: "validators/helpers.js", contents: `${banner(null)}${helpersModule()}` });
  files.push(...indexFiles(modules, warnings));
  return { files, warnings };
}

// ---------------------------------------------------------------------------
// Compiling one spec
// ---------------------------------------------------------------------------

/** The suffix of the validators of a spec as written, without its overlays. */
const AS_WRITTEN = "AsWritten";

/**
 * `validators/<module>.as-written.js` (+ `.d.ts`): the spec's targets compiled from the spec
 * without its overlays, as `validateXAsWritten`, `isXAsWritten`, `assertXAsWritten`. They check
 * the schema alone, so that an application can accept what the overlays' prose rules refuse (a
 * local auth service with an `http` issuer) without turning every check off. Their guards narrow
 * to nothing: the types follow the overlaid spec, which may require more. The overlays only add
 * keywords, so every target's schema is at the same pointer in both documents.
 */
async function asWrittenModule(
  spec: SpecModel,
  asWritten: SpecModel,
  targets: readonly ValidatorTarget[],
): Promise<GeneratedFile[]> {
  const path = `validators/${spec.module}.as-written.js`;
  const shared = {
    runtime: relativeImport(path, "validators/runtime.js"),
    formats: relativeImport(path, "validators/formats.js"),
    helpers: relativeImport(path, "validators/helpers.js"),
  };
  const renamed = targets.map((t) => ({ ...t, name: `${t.name}${AS_WRITTEN}` }));
  // The overlaid spec's compile already reported its warnings; this one would repeat them.
  const code = await compileValidatorModule(asWritten, renamed, shared, () => {});
  const runtime = JSON.stringify(relativeImport(path, "validators/runtime.js"));
  const lines = [`import type { ValidateFunction } from ${runtime};`, ""];
  for (const t of renamed) {
    const n = exportNames(t.name);
    const what = `${t.description}, by the spec as written (without its overlays' rules)`;
    lines.push(
      jsdoc({ description: `Ajv validate function for ${what}. After a failed call, \`.errors\` holds its errors.` }) +
        `export declare const ${n.validate}: ValidateFunction<unknown>;`,
      jsdoc({ description: `Whether \`value\` is ${what}.` }) +
        `export declare function ${n.is}(value: unknown): boolean;`,
      jsdoc({ description: `Throws a \`ValidationError\` listing every problem unless \`value\` is ${what}.` }) +
        `export declare function ${n.assert}(value: unknown): void;`,
    );
  }
  return [
    { path, contents: `${banner(spec.source)}${code}` },
    { path: `validators/${spec.module}.as-written.d.ts`, contents: `${banner(spec.source)}${lines.join("\n")}\n` },
  ];
}

/** Import specifiers the compiled module uses for the shared files. */
export interface SharedModules {
  /** The validation runtime (`ValidationError`, the guard helpers). */
  runtime: string;
  /** ajv-formats' format functions, see {@link formatsModule}. */
  formats: string;
  /** Ajv's run-time helpers, see {@link helpersModule}. */
  helpers: string;
}

/** Name under which a compiled module imports ajv-formats' `fullFormats`. */
const FORMATS_BINDING = "fullFormats";

/**
 * How close to a whole number `value / multipleOf` must be (Ajv's `multipleOfPrecision`: 1e-6).
 * Ajv's tolerance is absolute, and a quotient's rounding error grows with it: 1234567.89 / 0.01
 * is off by 1.5e-8, so 1e-9 would still refuse that price. 1e-6 holds for quotients up to about
 * 1e9; it accepts a value within a millionth of a step of a multiple (0.070000001 for 0.01), which
 * lint's example check (@cfworker/json-schema, exact decimal arithmetic) refuses.
 */
const MULTIPLE_OF_PRECISION = 6;

/**
 * Ajv options (and code options) left unset, given as own `undefined` members (see
 * {@link AJV_OPTIONS}): Ajv copies its options with a spread and then reads an unset one through
 * Object.prototype, where a polluted key would be found.
 */
const UNSET_OPTIONS = [
  "$comment",
  "timestamp",
  "parseDate",
  "allowDate",
  "logger",
  "loadSchema",
  "keywords",
  "schemas",
  "formats",
  "defaultMeta",
  "next",
  "unevaluated",
  "dynamicRef",
  "jtd",
] as const;
const UNSET_CODE_OPTIONS = ["process", "regExp"] as const;

/** `options` with an own `undefined` member for each of `unset` it does not set. */
function withUnset<T extends object>(options: T, unset: readonly string[]): T {
  const out = { ...options };
  for (const key of unset) {
    if (!Object.hasOwn(out, key)) {
      setOwn(out, key, undefined);
    }
  }
  return out;
}

/**
 * The Ajv options of every compile (exported so the benchmark's run-time compile uses the same).
 * Ajv reads an option it is not given through the object's prototype, so every option that
 * changes what a validator accepts or what code is emitted is set here (to its default where
 * that is what we want, see {@link UNSET_OPTIONS}): a key added to Object.prototype (prototype
 * pollution elsewhere in a build) cannot turn on `useDefaults`, `coerceTypes` or `$data` in the
 * generated validators.
 */
export const AJV_OPTIONS = withUnset(
  {
    // Strict mode stays on (an unknown keyword is an error); the annotation keywords a document
    // uses are left out of what Ajv compiles (see ANNOTATION_KEYS) or declared.
    strict: true,
    strictSchema: true,
    strictNumbers: true,
    // The strict checks that refuse legal, meaningful schemas are off; strictSchema (unknown
    // keywords, unknown formats) and strictNumbers stay on. strictTypes is about style: Matrix
    // schemas declare `properties` without `type: object` in allOf branches. strictRequired
    // refuses `required` naming a property declared elsewhere (another allOf branch: DigitalOcean's
    // API; or nowhere: "must have this key" needs no schema for it). strictTuples refuses
    // `prefixItems` without `minItems` and `items`, i.e. a tuple whose tail and length are open,
    // which is what JSON Schema means by it (29 groups of the JSON-Schema-Test-Suite).
    // allowMatchingProperties: a key that matches both `properties` and `patternProperties` must
    // satisfy both, as the spec says; Ajv only flags it in case one of them was a typo.
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    allowMatchingProperties: true,
    // `required` and `properties` look at own properties only, so a value whose prototype
    // (e.g. via a `__proto__` key) carries a field never satisfies `required`.
    ownProperties: true,
    allErrors: true,
    // A `$ref` target is always its own function, so shared components are emitted once.
    inlineRefs: false,
    // No meta-schema pass: it compiles the 2020-12 meta-schema in every instance, ~10 ms each and
    // most of the emitter's time over the 120 client-server specs. The struct gate has checked the
    // documents, and Ajv still rejects a keyword value of the wrong type while compiling.
    validateSchema: false,
    // `multipleOf: 0.01` must accept 0.07 and 19.99, whose quotients by 0.01 are not whole numbers
    // in binary floating point (7.000000000000001, 1998.9999999999998): a quotient close enough
    // to a whole number counts as whole (see MULTIPLE_OF_PRECISION).
    multipleOfPrecision: MULTIPLE_OF_PRECISION,
    // Defaults pinned (see above): a validator only reads its value, never changes it, and the
    // emitted code depends on these options alone. (Ajv gives the options it always resolves,
    // such as `loopEnum`, values of its own.)
    useDefaults: false,
    coerceTypes: false,
    removeAdditional: false,
    $data: false,
    verbose: false,
    passContext: false,
    discriminator: false,
    allowUnionTypes: false,
    validateFormats: true,
  } as const,
  UNSET_OPTIONS,
);

/**
 * What a compile is for: `all` collects every problem (the raw `validateX`, and `assertX`, which
 * lists them); `first` is for `isX`, which only answers yes or no.
 */
export type CompileMode = "all" | "first";

/**
 * The `first` compile stops at the first problem: on the auth-metadata corpus, where most real
 * documents miss a field the spec requires, it runs three times as fast. (Inlining `$ref`s as
 * well gains another 4% there, and makes the compile a quarter larger.)
 */
const FIRST_ERROR_OPTIONS = { allErrors: false } as const;

/**
 * Ajv's `strictSchema` covers two kinds of check: a keyword it does not know (`minLenght`, a
 * typo: still an error) and a keyword it knows but that has no effect where it stands (`if`
 * without `then`/`else`, `minContains` without `contains`, `then` without `if`). The latter are
 * legal JSON Schema with defined results (an `if` still yields annotations that
 * `unevaluatedProperties` sees), so they are warnings: strictSchema is set to "log" and this
 * logger turns the unknown-keyword message back into the error it was.
 */
function strictSchemaOptions(warn: ((message: string) => void) | undefined, spec: SpecModel) {
  const source = spec.source;
  const told = new Set(spec.ignoredKeywords ?? []);
  const report = (message: unknown): void => {
    const text = String(message);
    // `$anchor` is JSON Schema's, and Ajv resolves it, but its vocabulary does not list it.
    if (text === 'strict mode: unknown keyword: "$anchor"') return;
    const unknown = /^strict mode: unknown keyword: "([^"]*)"/.exec(text)?.[1];
    if (unknown !== undefined) {
      // Per input kind. A bare JSON Schema has no struct gate: Ajv's check is the one that
      // catches a typo (`minLenght`) there, so it stays an error. An OpenAPI document has passed
      // the gate, which tolerates unknown keywords of Schema Objects (`optional`, `min_items`,
      // warned about once per spec, see load/tolerance.ts) and lets a few through unseen (a
      // `summary`): they are annotations, as JSON Schema makes unknown keywords, each named once.
      if (spec.kind !== "openapi") throw new Error(text);
      if (!told.has(unknown)) {
        warn?.(`${source}: keyword "${unknown}" is no JSON Schema 2020-12 keyword; the validators ignore it`);
      }
      told.add(unknown);
      return;
    }
    warn?.(`${source}: ${text.replace(/^strict mode: /, "")}`);
  };
  return { strictSchema: "log" as const, logger: { log: () => undefined, warn: report, error: report } };
}

/** What {@link createAjv} gives. */
export interface CompiledSpec {
  ajv: Ajv2020;
  keys: Record<string, string>;
  aliases: Record<string, string>;
  usesFormats: boolean;
  /** Where each subschema hoisted into a function of its own stood in the document (see hoist.ts). */
  origins: Record<string, string[]>;
}

/**
 * The Ajv instance for one spec, holding all of its schemas: the bundled document and one entry
 * per target form a single schema resource, so every shared component is compiled, and emitted,
 * once. `keys` maps each compiled `validateX` export name to its schema's key for standalone code;
 * `aliases` maps the other `validateX` names to the compiled export with the same schema.
 */
export function createAjv(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
  mode: CompileMode = "all",
): CompiledSpec {
  const found = scanDocument(spec.document);
  // Ajv compiles `pattern` with the `u` flag, which rejects identity escapes that plain ECMAScript
  // regexes accept and that real specs use (`[\-\:]`). Such patterns are compiled in their Unicode
  // form (load/regex.ts), with a warning; a spec with one that needs more is compiled without `u`.
  const legacy = [...found.patterns].filter((p) => !compiles(p, "u") && compiles(p, "")).sort();
  const unicode = new Map(
    legacy.flatMap((p): Array<[string, string]> => {
      const u = unicodeEquivalent(p);
      return u === undefined ? [] : [[p, u]];
    }),
  );
  const plain = unicode.size < legacy.length;
  if (legacy.length) {
    const how = plain
      ? "this spec's validators use non-Unicode regular expressions"
      : "their escaped punctuation (such as \\:) is read as the plain character, as non-Unicode mode reads it";
    warn?.(
      `${spec.source}: pattern(s) ${legacy
        .slice(0, 3)
        .map((p) => JSON.stringify(p))
        .join(", ")}${legacy.length > 3 ? ", …" : ""} are not valid Unicode regular expressions; ${how}`,
    );
  }
  if (warn) warnUnsafePatterns(spec, warn);
  const ajv = new Ajv2020({
    ...AJV_OPTIONS,
    ...(mode === "first" ? FIRST_ERROR_OPTIONS : {}),
    ...strictSchemaOptions(warn, spec),
    unicodeRegExp: !plain,
    // Standalone ESM; format functions come from the shared formats module, imported under
    // FORMATS_BINDING (ajv-formats would otherwise emit a `require` of its own file).
    // The `first` compile is CommonJS-shaped, to run inside a factory (see compileValidatorModule).
    // One statement per line (`lines`), for reading and for linkHelpers.
    // A large spec skips Ajv's optimising pass (dropping unused names, folding constants): it is
    // a quarter of the compile time there, for a tenth of the code size.
    code: withUnset(
      {
        source: true,
        esm: mode === "all",
        lines: true,
        optimize: !isLargeSpec(spec),
        formats: _`${new Name(FORMATS_BINDING)}`,
        es5: false,
      },
      UNSET_CODE_OPTIONS,
    ),
  });
  // `x-*` keys never reach Ajv (ajvDocument leaves them out), so their names, which need not be
  // valid Ajv keyword names (`x-go.type`), are not registered.
  ajv.addVocabulary([...OPENAPI_ANNOTATIONS]);
  ajv.removeKeyword("uniqueItems");
  ajv.addKeyword(UNIQUE_ITEMS);
  // ajv-formats in `full` mode, for the formats the document uses. `uri` must be full: RFC 3986
  // absolute URIs. `fast` only wants `scheme:` and no whitespace, so it accepts published
  // documents with `https://<namespace_route>` or `{tenantid}` in their issuer.
  const known = [...found.formats].filter((f) => KNOWN_FORMATS.has(f)).sort();
  ajvFormats.default(ajv, { mode: "full", formats: known as typeof formatNames, keywords: false });
  // The same `uri` check as the shipped formats module (same verdicts, a fast path in front).
  if (known.includes("uri")) ajv.addFormat("uri", uri);
  // Matrix's own formats (`mx-user-id`, `mx-room-id`, …) have no machine-readable definition
  // in the specs, so they are annotations: always valid. Where a spec gives a regex for one, it
  // does so with `pattern` beside the `format` (marked by `x-pattern-format`), which Ajv checks.
  // Other formats Ajv does not know (real specs have `operationId`, `integer`, …) are
  // annotations too, as JSON Schema 2020-12 makes every format by default, with a warning.
  const unknown = [...found.formats].filter((f) => !KNOWN_FORMATS.has(f)).sort();
  for (const f of unknown) ajv.addFormat(f, true);
  const odd = unknown.filter((f) => !f.startsWith("mx-"));
  if (odd.length)
    warn?.(
      `${spec.source}: format(s) ${odd.map((f) => JSON.stringify(f)).join(", ")} unknown to ajv-formats; validators treat them as annotations (always valid)`,
    );

  const id = ajvResourceId(spec.module);
  // Ajv compiles the root of a resource when a $ref first enters it, and in strict mode an
  // OpenAPI root (`openapi`, `paths`, …) would be unknown keywords; so the document sits one
  // level down, in `$defs`, and its local `$ref`s are rebased to match.
  //
  // A small spec's export is the schema's own location, compiled as a root function; it is
  // called directly, one call and one options object fewer per check than through a `$ref`
  // (10% faster on the auth-metadata corpus). Ajv compiles a `$ref` target once per resource,
  // but a root function apart, so a schema both exported and referenced from another one is
  // compiled twice: that costs little on small specs (the 72 client-server files' validators
  // get 9% smaller without the wrappers, one module 0.5% larger) and much on large ones
  // (Rebilly's grow by 15%). So a large spec's export is `{ allOf: [{ $ref }] }` beside the
  // document, and every component it reaches is compiled once.
  //
  // Targets with the same schema (real APIs point most error responses at one component) share
  // one export: compiled once, the others are aliases of it. Ajv's standalone output grows with
  // the square of its export count, so this matters on large specs.
  // A component's own export (one no operation's export already is) is a wrapper in every spec
  // when other schemas `$ref` it: as a root function of its own it would be compiled twice. One
  // nothing references (real specs have many: Rebilly 255 of 711) is compiled once either way,
  // so it is exported directly, without the wrapper's function, in a large spec too.
  const exports: Record<string, unknown> = {};
  const keys: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  const firstFor = new Map<string, string>();
  const wrapped = isLargeSpec(spec);
  const referenced = targets.some((t) => t.component) ? referencedSchemas(spec) : undefined;
  for (const t of targets) {
    const ref = `#${encodeFragment(DOCUMENT_AT + literalPointer(spec.document, t.pointer))}`;
    const validate = exportNames(t.name).validate;
    const first = firstFor.get(ref);
    if (first !== undefined) {
      aliases[validate] = first;
      continue;
    }
    firstFor.set(ref, validate);
    const shared = t.component && (referenced?.has(literalPointer(spec.document, t.pointer)) ?? true);
    if (t.component ? shared : wrapped) {
      exports[t.name] = { allOf: [{ $ref: ref }] };
      keys[validate] = `${id}#/$defs/exports/${encodeFragment(t.name)}`;
    } else {
      keys[validate] = `${id}${ref}`;
    }
  }
  const patterns = plain ? new Map<string, string>() : unicode;
  const copy = { prefix: `#${DOCUMENT_AT}`, from30: readsAs30(spec.document), patterns };
  const document = ajvDocument(spec.document, copy);
  // Discriminated unions are as narrow as the types make them (see model/discriminators.ts).
  if (found.discriminators) applyTagConstraints(document, tagConstraints(spec.document));
  // Big and repeated subschemas become functions of their own (see hoist.ts). A bare schema's
  // `$ref`s may resolve against an `$id` or an `$anchor`, so it is compiled as written.
  const pinned = targets.map((t) => literalPointer(spec.document, t.pointer));
  const hoisted =
    spec.kind === "openapi"
      ? hoistSubschemas(document, `#${DOCUMENT_AT}`, SHARED_AT, pinned)
      : { document, schemas: {}, origins: {} };
  const resource = { $id: id, $defs: { document: hoisted.document, exports, shared: hoisted.schemas } };
  try {
    ajv.addSchema(resource);
  } catch (err) {
    throw compileError(err, spec);
  }
  return { ajv, keys, aliases, usesFormats: known.length > 0, origins: hoisted.origins };
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

/**
 * Warns, naming each place, about every regex of the spec that recheck judges prone to
 * catastrophic backtracking (lint's `specgen/pattern-safe`): the validators run it on every value
 * they check, the client on every answer, so a long crafted string can hang them. `generate`
 * refuses such a spec unless `allowUnsafePatterns` is set (see generate.ts). No linear-time
 * engine is used instead: the native RE2 binding needs a compiler or a prebuilt download, and a
 * pure-JS port (re2js) reads a different syntax (no lookaround, no backreferences) and would
 * ship its whole engine in every generated package; the fix belongs in the spec's regex.
 */
function warnUnsafePatterns(spec: SpecModel, warn: (message: string) => void): void {
  for (const found of unsafePatterns(spec.document)) {
    warn(
      `${spec.source}#${found.pointer}: the regular expression ${JSON.stringify(found.pattern)} ` +
        `may backtrack catastrophically (${found.hazard}); the generated validators run it on every value they ` +
        "check (the client on every answer), so a long crafted string can hang them: rewrite it so that " +
        "each character can be matched only one way",
    );
  }
}

/**
 * Ajv's refusal of a schema as an error naming the spec and, for a keyword strict mode does not
 * know (`summary` in a schema), the first place the document uses it in keyword position.
 */
function compileError(err: unknown, spec: SpecModel): SpecError {
  const message = err instanceof Error ? err.message : String(err);
  const keyword = /unknown keyword: "([^"]*)"/.exec(message)?.[1];
  const pointer = keyword === undefined ? undefined : keywordPointer(spec.document, keyword);
  return new SpecError(`cannot compile validators: ${message}`, spec.source, undefined, undefined, pointer);
}

/**
 * ESM source of one spec's validators: Ajv's standalone code plus the `is`/`assert` wrappers.
 * Ajv's standalone output still loads its run-time helpers with `require()` (ajv issues #1976,
 * #2209); those lines are linked to the shared helpers module instead (see {@link linkHelpers}).
 */
export async function compileValidatorModule(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  shared: SharedModules,
  warn?: (message: string) => void,
): Promise<string> {
  return (await compileValidators(spec, targets, shared, warn)).code;
}

/** {@link compileValidatorModule}, with where the hoisted functions' schemas stood (for `specgen validate`). */
export async function compileValidators(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  shared: SharedModules,
  warn?: (message: string) => void,
): Promise<{ code: string; origins: Record<string, string[]> }> {
  const all = createAjv(spec, targets, warn);
  // A large spec's `isX` share the `all` compile (see model/size.ts).
  const first = isLargeSpec(spec) ? undefined : createAjv(spec, targets, undefined, "first");
  const helpers = new Set<string>();
  const runtimeHelpers = new Set<string>();
  const standalone = (ajv: Ajv2020, keys: Record<string, string>): string => {
    let code: string;
    try {
      code = standaloneCode.default(ajv, keys);
    } catch (err) {
      throw compileError(err, spec);
    }
    // The directive is the module's own (ESM is strict) or the factory's first statement.
    return linkHelpers(ownProtoKeys(code.replace(/^"use strict";\n/, "")), helpers, runtimeHelpers);
  };
  const allCode = standalone(all.ajv, all.keys);
  const firstCode = first ? standalone(first.ajv, first.keys) : "";
  // The module holds the `all` compile, whose functions are `validateX` and back `assertX`, and
  // (small specs) the `first` compile behind `isX`, inside a factory run on the first `isX` call:
  // Ajv's code assigns to its functions at the top level (`validate1.evaluated = …`), which a
  // bundler keeps, so without the factory every application would ship both compiles. The
  // factory's names are its own, so the two compiles' names (`validate1`, …) never meet. The
  // wrappers come from two runtime helpers (the guards never throw for a value: one nested past
  // the call stack, in a recursive schema, is invalid) and are marked pure, so a bundler drops
  // those an application does not import. Targets with the same schema share functions.
  const fromRuntime = ["asserter", "guard", ...runtimeHelpers].sort();
  const lines = [`import { ${fromRuntime.join(", ")} } from ${JSON.stringify(shared.runtime)};`];
  if (all.usesFormats) lines.push(`import { ${FORMATS_BINDING} } from ${JSON.stringify(shared.formats)};`);
  if (helpers.size) lines.push(`import { ${[...helpers].sort().join(", ")} } from ${JSON.stringify(shared.helpers)};`);
  lines.push("", allCode);
  if (first) {
    lines.push(
      "function createFirstErrorValidators(exports) {",
      `"use strict";`,
      firstCode,
      "return exports;",
      "}",
      "let firstError;",
      "const firstErrorValidator = (name) => (value) => (firstError ??= createFirstErrorValidators({}))[name](value);",
    );
  }
  for (const t of targets) {
    const n = exportNames(t.name);
    const alias = all.aliases[n.validate];
    if (alias !== undefined) lines.push(`export const ${n.validate} = ${alias};`);
    const guarded = first ? `/* @__PURE__ */ firstErrorValidator(${JSON.stringify(alias ?? n.validate)})` : n.validate;
    lines.push(
      `export const ${n.is} = /* @__PURE__ */ guard(${guarded});`,
      `export const ${n.assert} = /* @__PURE__ */ asserter(${JSON.stringify(t.name)}, ${n.validate});`,
    );
  }
  const out = `${indentBlocks(lines.join("\n"))}\n`;
  // Spec data sits in Ajv's code as string literals (an enum value `require ("approval")`); only
  // the code around them is checked.
  const requires = /\brequire\s*\(/;
  if (requires.test(out) && requires.test(blankStrings(out))) {
    const why = "the compiled validators call require() (an Ajv helper this toolkit does not ship)";
    throw new SpecError(why, spec.source);
  }
  return { code: out, origins: all.origins };
}

/**
 * Ajv's run-time helpers that its JSON Schema keywords use, by module under `ajv/dist/runtime/`:
 * the name the shared helpers module exports each under.
 */
export const AJV_HELPERS: Readonly<Record<string, string>> = {
  ucs2length: "ucs2length",
  validation_error: "AjvValidationError",
};

/**
 * Ajv's run-time helpers replaced by the validation runtime's own: `equal` (for `enum`, `const`
 * and `uniqueItems`) is fast-deep-equal, which reads `constructor` and `valueOf` through the
 * values it compares, so a JSON object with such a member is never equal to one (`constructor`)
 * or makes the validator throw (`valueOf`). `jsonEqual` compares own members only.
 * `duplicateItems` is the linear `uniqueItems` check (see unique-items.ts).
 */
export const RUNTIME_HELPERS: Readonly<Record<string, string>> = {
  equal: "jsonEqual",
  duplicateItems: "duplicateItems",
};

/**
 * Ajv's standalone code declares each helper it uses at the top level of its scope, on a line
 * of its own: `const func1 = require("ajv/dist/runtime/ucs2length").default;`. Such a line is
 * code, never the inside of a string (Ajv writes strings with JSON.stringify, so they hold no
 * line break), and becomes `const func1 = ucs2length;`, the binding imported from the helpers
 * module (or from the runtime, see {@link RUNTIME_HELPERS}). A helper not listed stays, and the
 * caller's `require(` check stops the run.
 */
function linkHelpers(code: string, used: Set<string>, usedRuntime: Set<string>): string {
  return code.replace(
    /^(const|var) (\w+) = require\("ajv\/dist\/runtime\/(\w+)"\)\.default;$/gm,
    (line, kind: string, name: string, helper: string) => {
      const own = (table: Readonly<Record<string, string>>) =>
        Object.hasOwn(table, helper) ? table[helper] : undefined;
      const runtime = own(RUNTIME_HELPERS);
      const binding = runtime ?? own(AJV_HELPERS);
      if (binding === undefined) return line;
      (runtime === undefined ? used : usedRuntime).add(binding);
      return `${kind} ${name} = ${binding};`;
    },
  );
}

/**
 * The string literals of Ajv's code, as `[start, end)` offsets. Ajv writes strings with
 * JSON.stringify (double quotes); single quotes are read as well, as {@link indentBlocks} does.
 * Its code holds no template literal, comment or regular expression literal (patterns are
 * `new RegExp("…")`), so a quote outside a string always opens one.
 */
function stringLiterals(code: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let i = 0; i < code.length; i++) {
    const quote = code[i];
    if (quote !== '"' && quote !== "'") continue;
    let j = i + 1;
    while (j < code.length && code[j] !== quote && code[j] !== "\n") j += code[j] === "\\" ? 2 : 1;
    found.push([i, j + 1]);
    i = j;
  }
  return found;
}

/** `code` with the inside of every string literal removed (`"…"` → `""`), to look at the code alone. */
function blankStrings(code: string): string {
  let out = "";
  let from = 0;
  for (const [start, end] of stringLiterals(code)) {
    out += code.slice(from, start + 1) + code[start];
    from = end;
  }
  return out + code.slice(from);
}

/**
 * Ajv's standalone code declares each schema as an object literal (`const schema1 = {…}`), from
 * which `enum` and `const` values are read. In a literal, `"__proto__": v` sets the object's
 * prototype instead of making a member, so `enum: [{"__proto__": {"admin": true}}]` would allow
 * `{}`. Every such key (a `"__proto__"` string after `{` or `,` and before `:`) becomes the
 * computed key `["__proto__"]`, which makes an own member, as JSON.parse does.
 */
function ownProtoKeys(code: string): string {
  if (!code.includes('"__proto__"') && !code.includes("'__proto__'")) return code;
  let out = "";
  let from = 0;
  for (const [start, end] of stringLiterals(code)) {
    if (code.slice(start + 1, end - 1) !== "__proto__") continue;
    const before = /[{,]\s*$/.test(code.slice(Math.max(0, start - 64), start));
    const after = /^\s*:/.test(code.slice(end, end + 64));
    if (!before || !after) continue;
    out += `${code.slice(from, start)}[${code.slice(start, end)}]`;
    from = end;
  }
  return out + code.slice(from);
}

/**
 * Indents each line by the braces open before it, for reading: Ajv writes one statement per
 * line without indentation. Only leading spaces are added, and Ajv's code holds no multi-line
 * string, comment or template, so no token changes; braces inside its (JSON-quoted) strings do
 * not count. A bundler would pretty-print the same, at a cost of 0.6 s on a 2 MB spec.
 */
export function indentBlocks(code: string): string {
  let depth = 0;
  return code
    .split("\n")
    .map((line) => {
      let opened = 0;
      let closedFirst = 0;
      let quote = "";
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quote) {
          if (c === "\\") i++;
          else if (c === quote) quote = "";
        } else if (c === '"' || c === "'") quote = c;
        else if (c === "{") opened++;
        else if (c === "}") {
          if (opened > 0) opened--;
          else closedFirst++;
        }
      }
      depth = Math.max(0, depth - closedFirst);
      const out = line && depth ? "  ".repeat(depth) + line : line;
      depth += opened;
      return out;
    })
    .join("\n");
}

/**
 * ajv-formats' format functions as one ES module exporting `fullFormats`, shared by every
 * compiled module that checks a format (the package ships it once, as `validators/formats.js`).
 * Bundled when the toolkit is built (scripts/bundle-runtime.ts), as it never depends on a spec.
 */
export function formatsModule(): string {
  return readBundle(FORMATS_BUNDLE_URL);
}

/**
 * Ajv's run-time helpers (see {@link AJV_HELPERS}) as one ES module, `validators/helpers.js`; bundled like {@link
 * formatsModule}.
 */
export function helpersModule(): string {
  return readBundle(HELPERS_BUNDLE_URL);
}

function readBundle(url: URL): string {
  try {
    return readFileSync(url, "utf8");
  } catch {
    throw new Error(`${fileURLToPath(url)} is missing: the toolkit was not built completely (npm run build)`);
  }
}

/**
 * `format` values, regular expressions and discriminators used by the document's schemas (data
 * values and annotations skipped).
 */
function scanDocument(document: unknown): { formats: Set<string>; patterns: Set<string>; discriminators: boolean } {
  let discriminators = false;
  const formats = new Set<string>();
  const patterns = new Set<string>();
  const visit = ({ node, names }: Place) => {
    if (names || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "format" && typeof value === "string") formats.add(value);
      else if (key === "pattern" && typeof value === "string") patterns.add(value);
      else if (key === "patternProperties" && isObject(value)) for (const p of Object.keys(value)) patterns.add(p);
      else if (key === "discriminator") discriminators = true;
      else if (key === "$ref" && typeof value === "string") for (const f of metaSchemaFormats(value)) formats.add(f);
    }
  };
  walk(document, visit, { skip: (key) => DATA_KEYS.has(key) || isAnnotationKey(key) });
  return { formats, patterns, discriminators };
}

/**
 * What a validator never reads, left out of the copy Ajv compiles: JSON Schema's and OpenAPI's
 * annotations (prose, examples, `default` (useDefaults is off), `deprecated`, `readOnly`,
 * `writeOnly`, the content keywords, `xml`, `externalDocs`, `discriminator`, whose constraints
 * the copy gets from model/discriminators.ts) and every `x-*` extension. Ajv's standalone code
 * declares each compiled schema as a constant, so anything left in would ship in the package's
 * `validators/*.js`: every description, twice for a small spec (both compiles), and whatever a
 * project keeps in an extension (a token in `x-…` would be published). Keys of name maps
 * (`properties`, …) are names and stay, whatever they are called.
 */
const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  "description",
  "title",
  "$comment",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  ...OPENAPI_ANNOTATIONS,
]);

/** Whether a key in keyword position is an annotation no validator reads (see {@link ANNOTATION_KEYS}). */
function isAnnotationKey(key: string): boolean {
  return ANNOTATION_KEYS.has(key) || key.startsWith("x-");
}

/**
 * The copy of the document that Ajv compiles: local `$ref`s (`#/…`) point below `prefix`, an
 * OpenAPI 3.0 document's schemas are read as 2020-12 (`from30`, see load/oas30.ts), annotations
 * are left out (see {@link ANNOTATION_KEYS}), and `enum` and `const` values are data, kept as they
 * are (a `$ref` key inside one is data too). Keys of name maps (`properties`, …) are names, never
 * keywords. `__proto__` keys stay own keys.
 */
function ajvDocument(
  node: unknown,
  how: { prefix: string; from30: boolean; patterns: ReadonlyMap<string, string> },
  names = false,
  depth = 0,
  parent = "",
): unknown {
  if (depth > 10_000 || typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) return node.map((v) => ajvDocument(v, how, false, depth + 1));
  // `enum: []` allows no value (Discord's spec has one): the schema is `false`, which Ajv takes
  // (it refuses an empty enum), as the types make it `never`.
  if (
    !names &&
    Object.hasOwn(node, "enum") &&
    Array.isArray((node as { enum: unknown }).enum) &&
    (node as { enum: unknown[] }).enum.length === 0
  ) {
    return false;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    let copy: unknown;
    if (names) copy = ajvDocument(value, how, false, depth + 1);
    else if (isAnnotationKey(key)) continue;
    else if (key === "$ref" && typeof value === "string" && value.startsWith("#/"))
      copy = `${how.prefix}${value.slice(1)}`;
    else if (key === "pattern" && typeof value === "string") copy = how.patterns.get(value) ?? value;
    else if (DATA_KEYS.has(key)) copy = value;
    else copy = ajvDocument(value, how, NAME_MAPS.has(key), depth + 1, key);
    const name = names && parent === "patternProperties" ? (how.patterns.get(key) ?? key) : key;
    setOwn(out, name, copy);
  }
  return how.from30 && !names ? schemaFrom30(out) : out;
}

/** Keys that may sit beside a `$ref` without making it more than a reference (annotations). */
const REF_SIBLINGS = new Set([
  "$ref",
  "description",
  "summary",
  "title",
  "$comment",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/**
 * The location of the schema the model's pointer designates, following `$ref`s: the pointer may
 * pass through one (a response defined in `components/responses`, which Ajv would not follow
 * outside a schema), and a schema that is only a `$ref` is replaced by its target, so that the
 * export and every other `$ref` to that component share one compiled function.
 */
export function literalPointer(document: unknown, pointer: string): string {
  let parts = parsePointer(pointer);
  for (let guard = 0; guard < 64; guard++) {
    let node: unknown = document;
    let next: string[] | undefined;
    for (let i = 0; i < parts.length && next === undefined; i++) {
      if (
        isObject(node) &&
        typeof node.$ref === "string" &&
        node.$ref.startsWith("#/") &&
        !Object.prototype.hasOwnProperty.call(node, parts[i]!)
      ) {
        next = [...parseFragment(node.$ref), ...parts.slice(i)];
      } else {
        node = childAt(node, parts[i]!);
      }
    }
    if (
      next === undefined &&
      isObject(node) &&
      typeof node.$ref === "string" &&
      node.$ref.startsWith("#/") &&
      Object.keys(node).every((k) => REF_SIBLINGS.has(k) || k.startsWith("x-"))
    ) {
      next = parseFragment(node.$ref);
    }
    if (next === undefined) break;
    parts = next;
  }
  return formatPointer(parts);
}

// ---------------------------------------------------------------------------
// Declarations and index
// ---------------------------------------------------------------------------

function declarations(spec: SpecModel, targets: readonly ValidatorTarget[]): string {
  const path = `validators/${spec.module}.d.ts`;
  const types = relativeImport(path, `types/${spec.module}.js`);
  const runtime = relativeImport(path, "validators/runtime.js");
  const lines = [
    `import type { ValidateFunction } from ${JSON.stringify(runtime)};`,
    `import type { ${targets.map((t) => t.name).join(", ")} } from ${JSON.stringify(types)};`,
    "",
  ];
  for (const t of targets) {
    const n = exportNames(t.name);
    lines.push(
      jsdoc({
        description: `Ajv validate function for ${t.description} (type \`${t.name}\`). After a failed call, \`.errors\` holds Ajv's errors.`,
      }) + `export declare const ${n.validate}: ValidateFunction<${t.name}>;`,
      jsdoc({ description: `Whether \`value\` is ${t.description} (type \`${t.name}\`).` }) +
        `export declare function ${n.is}(value: unknown): value is ${t.name};`,
      jsdoc({
        description: `Throws a \`ValidationError\` listing every problem unless \`value\` is ${t.description} (type \`${t.name}\`).`,
      }) + `export declare function ${n.assert}(value: unknown): asserts value is ${t.name};`,
    );
  }
  return `${banner(spec.source)}${lines.join("\n")}\n`;
}

function indexFiles(
  modules: ReadonlyArray<{ spec: SpecModel; targets: ValidatorTarget[] }>,
  warnings: string[],
): GeneratedFile[] {
  const js: string[] = [];
  const dts: string[] = [];
  const seen = new Map<string, string>();
  js.push(`export { ValidationError, problemsOf } from "./runtime.js";`);
  dts.push(
    `export { ValidationError, problemsOf } from "./runtime.js";`,
    `export type { ValidateFunction, ValidationProblem } from "./runtime.js";`,
  );
  for (const { spec, targets } of modules) {
    const dups = new Map<string, string>();
    const names = targets
      .filter((t) => {
        const prior = seen.get(t.name);
        if (prior) {
          dups.set(t.name, prior);
          return false;
        }
        seen.set(t.name, spec.source);
        return true;
      })
      .flatMap((t) => Object.values(exportNames(t.name)));
    const warning = duplicatesWarning(spec.source, "validators for", dups);
    if (warning) warnings.push(warning);
    if (!names.length) continue;
    const from = JSON.stringify(relativeImport("validators/index.js", `validators/${spec.module}.js`));
    js.push(`export { ${names.join(", ")} } from ${from};`);
    dts.push(`export { ${names.join(", ")} } from ${from};`);
    if (spec.asWritten) {
      const written = names.map((n) => `${n}${AS_WRITTEN}`).join(", ");
      const module = `validators/${spec.module}.as-written.js`;
      const writtenFrom = JSON.stringify(relativeImport("validators/index.js", module));
      js.push(`export { ${written} } from ${writtenFrom};`);
      dts.push(`export { ${written} } from ${writtenFrom};`);
    }
  }
  return [
    { path: "validators/index.js", contents: `${banner(null)}${js.join("\n")}\n` },
    { path: "validators/index.d.ts", contents: `${banner(null)}${dts.join("\n")}\n` },
  ];
}
