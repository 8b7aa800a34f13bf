import { createRequire } from "node:module";
import { createConfig, type Config } from "@redocly/openapi-core";
import type * as OpenApiTypeScript from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import type * as TypeScript from "typescript";
import { SpecError } from "../errors.js";
import { deref, isObject } from "../load/refs.js";
import { DATA_KEYS, NAME_MAPS, SCHEMA_LISTS } from "../load/keys.js";
import { walk, type Place } from "../load/walk.js";
import { decodeFragment, encodeFragment, escapeToken, setOwn } from "../load/pointer.js";
import { addDeclaredTags, declaredTags } from "../model/discriminators.js";
import { definitionKey, duplicatesWarning } from "../model/names.js";
import { isLargeSpec } from "../model/size.js";
import type { Model, SpecModel } from "../model/types.js";
import { WorkerTask } from "./worker.js";
import { typesAsValidated } from "./json-schema-types.js";
import { tupleTransform } from "./tuples.js";
import { inheritedMembers } from "./inherited-members.js";
import { escapeCommentLine, escapeCommentText, escapeCommentValue, jsdoc, renderMatrixMarkdown } from "./comment.js";
import type { Emitted, GeneratedFile } from "./file.js";
import {
  banner,
  keyedOperationId,
  operationTypeNames,
  operationTypeRef,
  paramsType,
  relativeImport,
} from "./module.js";

const require = createRequire(import.meta.url);
let libraries: { ots: typeof OpenApiTypeScript; ts: typeof TypeScript } | undefined;
/**
 * openapi-typescript and TypeScript, loaded on first use (a thread that hands every spec to a
 * worker never loads them), through require(), i.e. openapi-typescript's CommonJS build:
 * `import`ing TypeScript's 9 MB CommonJS file from ES modules makes Node scan it twice more
 * (module-syntax detection and named-export parsing), which doubles its load time (0.5 s
 * instead of 0.25 s on a 2-core machine).
 */
function load(): { ots: typeof OpenApiTypeScript; ts: typeof TypeScript } {
  libraries ??= {
    ots: require("openapi-typescript") as typeof OpenApiTypeScript,
    ts: require("typescript") as typeof TypeScript,
  };
  return libraries;
}

/** Loads openapi-typescript and TypeScript now (a types worker does, while it waits for its spec). */
export function loadTypeScript(): void {
  load();
}

type GlobalContext = Parameters<typeof OpenApiTypeScript.transformSchema>[1];

let redoclyNoRules: Promise<Config> | undefined;

const TYPES_WORKER_URL = new URL("./types-worker.js", import.meta.url);
let spareWorker: WorkerTask | undefined;

/**
 * Starts a types worker ahead of {@link emitTypes}, for a run whose specs look large while they
 * are still being read and bundled: meanwhile the worker loads TypeScript and openapi-typescript
 * (0.4 s) on the other core. The next large spec's types use it. Returns a function that stops
 * it if it is still unused (a run that stopped early, or whose specs were not large after all).
 */
export function startTypesWorker(): () => Promise<void> {
  spareWorker ??= new WorkerTask(TYPES_WORKER_URL);
  const task = spareWorker;
  return async () => {
    if (spareWorker === task) spareWorker = undefined;
    await task.stop();
  };
}

function takeTypesWorker(): WorkerTask {
  const task = spareWorker ?? new WorkerTask(TYPES_WORKER_URL);
  spareWorker = undefined;
  return task;
}

/** Keywords that constrain values without changing their TypeScript type. */
const VALUE_ONLY = new Set([
  "contains",
  "minContains",
  "maxContains",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "format",
  "description",
  "title",
]);

/** Enum-member descriptions, which openapi-typescript prints as `//` comments (with its `enum` option, issue #1984). */
const ENUM_DESCRIPTIONS = ["x-enum-descriptions", "x-enumDescriptions"];

/**
 * Types per spec from openapi-typescript (in process), with descriptions rendered for readers
 * through the one comment module, plus named exports for operations and standalone schemas.
 */
export async function emitTypes(model: Model): Promise<Emitted> {
  // A large spec's types print on a worker thread, given its spec here before anything is
  // awaited, so that they run beside the validators' compile; the others print in turn here.
  const pending = model.specs.map((spec) =>
    isLargeSpec(spec) ? takeTypesWorker().run<SpecModel, GeneratedFile>(spec) : undefined,
  );
  const files: GeneratedFile[] = [];
  for (const [i, spec] of model.specs.entries()) files.push(await (pending[i] ?? specTypes(spec)));
  const warnings: string[] = [];
  files.push(indexFile(model, warnings));
  return { files, warnings };
}

/** `types/<module>.d.ts` of one spec. */
export async function specTypes(spec: SpecModel): Promise<GeneratedFile> {
  const copy = structuredClone(spec.document);
  // openapi-typescript (7.13) types a webhook given as a `$ref` to a path item as having no
  // operations; its copy gets the path item itself (whose own `$ref`s still resolve), without
  // operationIds: those operations are typed once, under `operations`, from the component.
  const webhooks = isObject(copy.webhooks) ? copy.webhooks : {};
  for (const [name, item] of Object.entries(webhooks)) {
    if (!isObject(item) || !("$ref" in item)) continue;
    const inline = structuredClone(deref(copy, item));
    for (const op of isObject(inline) ? Object.values(inline) : []) if (isObject(op)) delete op.operationId;
    webhooks[name] = inline;
  }
  // Operations whose id openapi-typescript cannot key stay inline in `paths` (see keyedOperationId).
  const components = isObject(copy.components) ? copy.components : {};
  const items = [copy.paths, webhooks, components.pathItems].flatMap((map) =>
    isObject(map) ? Object.values(map) : [],
  );
  for (const item of items) {
    for (const op of isObject(item) ? Object.values(item) : [])
      if (isObject(op) && "operationId" in op && !keyedOperationId(op.operationId)) delete op.operationId;
  }
  // Members that fix their discriminator tag themselves are typed with it (see model/discriminators.ts).
  addDeclaredTags(copy, declaredTags(spec.document));
  if (spec.kind === "json-schema") {
    hoistDefinitions(copy);
    typeableRefs(copy);
    typesAsValidated(copy);
  }
  const document = readerDocs(objectSubschemas(copy), spec.linkBase) as unknown as OpenAPI3;
  // With readOnly/writeOnly in play, openapi-typescript marks those properties, and the named
  // response types keep only what a server sends (`Readable<…>`: no writeOnly fields).
  const readWrite = usesReadWrite(spec.document);
  const { astToString, transformSchema } = load().ots;
  const body = astToString(transformSchema(document, await typesContext(document, readWrite)));
  assertDeclarationsOnly(body, spec.source);
  return {
    path: `types/${spec.module}.d.ts`,
    contents: `${banner(spec.source)}${body}${namedExports(spec, readWrite)}`,
  };
}

/**
 * openapi-typescript's context for its `transformSchema`, as `openapiTS()` builds it (7.13,
 * pinned) for our options. `openapiTS()` itself is not called: before transforming, it parses,
 * lints and bundles the document again with Redocly, two more walks over a document the loader
 * has already bundled and struct-checked (a third of the types' time on a 2 MB spec).
 */
async function typesContext(document: OpenAPI3, readWriteMarkers: boolean): Promise<GlobalContext> {
  const { ots, ts } = load();
  const { resolveRef, scanDiscriminators } = ots;
  const options = {
    emptyObjectsUnknown: true,
    defaultNonNullable: false,
    silent: true,
    alphabetize: false,
    readWriteMarkers,
  } as const;
  // Not read by the transforms; required by the context's type. Made once per run.
  redoclyNoRules ??= createConfig({ extends: [], rules: {} });
  return {
    ...options,
    additionalProperties: false,
    arrayLength: false,
    discriminators: scanDiscriminators(document, options),
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: await redoclyNoRules,
    transform: tupleTransform(ots, ts),
    transformProperty: inheritedMembers(ts),
    makePathsEnum: false,
    generatePathParams: false,
    resolve: <T>($ref: string) => resolveRef<T>(document, $ref, { silent: true }),
  };
}

/** Keywords whose value maps names to subschemas that openapi-typescript walks as schemas. */
const DEFINITION_MAPS = new Set(["$defs", "definitions"]);

/**
 * JSON Schema allows `true` and `false` wherever a schema stands; openapi-typescript (7.13)
 * handles them as a whole schema, a property or `additionalProperties`, and throws a TypeError
 * on one in `allOf`/`anyOf`/`oneOf` or in `$defs`. This copy for the types gets `{}` for `true`
 * and `{ not: {} }` for `false` there: the same meaning, typed `unknown` (wider than `never`,
 * so every value the validator accepts still fits). The validators compile the booleans as
 * written. Iterative, and a node reached twice (a shared YAML alias) is rewritten once.
 */
function objectSubschemas<T>(document: T): T {
  const asObject = (v: unknown): unknown => (v === true ? {} : v === false ? { not: {} } : v);
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_LISTS.has(key) && Array.isArray(value)) node[key] = value.map(asObject);
      else if (DEFINITION_MAPS.has(key) && isObject(value)) {
        for (const [name, member] of Object.entries(value)) value[name] = asObject(member);
      }
    }
  });
  return document;
}

/**
 * openapi-typescript prints a schema's `$defs` as a required member of its type
 * (openapi-typescript#2664): `{minLength: 2, $defs: {…}}` would be typed as an object that has
 * `$defs`, though no value the validator accepts needs one, and a root that `$ref`s its own
 * `$defs` is a type defined by itself (TS2502). In the types' copy of a bare schema, every
 * `$defs`/`definitions` entry becomes a component of its own, keyed by where it was
 * (`Schema/$defs/name`), and the `$ref`s to it (or into it) follow.
 */
function hoistDefinitions(document: Record<string, unknown>): void {
  const components = isObject(document.components) ? document.components : undefined;
  const schemas = components && isObject(components.schemas) ? components.schemas : undefined;
  if (!schemas) return;
  // Old pointer → new pointer, for every hoisted entry.
  const moved = new Map<string, string>();
  type Item = [node: unknown, key: string, pointer: string];
  const queue: Item[] = Object.entries(schemas).map(([k, v]): Item => [v, k, `#/components/schemas/${escapeToken(k)}`]);
  const seen = new Set<object>();
  while (queue.length) {
    const [node, key, at] = queue.pop()!;
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        queue.push([v, `${key}/${i}`, `${at}/${i}`]);
      });
      continue;
    }
    const o = node as Record<string, unknown>;
    for (const defs of ["$defs", "definitions"]) {
      const map = o[defs];
      if (!isObject(map)) continue;
      for (const [name, member] of Object.entries(map)) {
        // A key that needs no escaping in a `$ref` (openapi-typescript quotes it as a member name).
        const plain = definitionKey(key, defs, name);
        let target = plain;
        for (let i = 2; Object.prototype.hasOwnProperty.call(schemas, target); i++) target = `${plain}${i}`;
        setOwn(schemas, target, member);
        moved.set(`${at}/${defs}/${escapeToken(name)}`, `#/components/schemas/${target}`);
        queue.push([member, target, `${at}/${defs}/${escapeToken(name)}`]);
      }
      delete o[defs];
    }
    for (const [k, v] of Object.entries(o)) {
      if (DATA_KEYS.has(k) || k.startsWith("x-") || k === "$defs" || k === "definitions") continue;
      if (!NAME_MAPS.has(k) || !isObject(v)) queue.push([v, `${key}/${k}`, `${at}/${escapeToken(k)}`]);
      else
        for (const [n, m] of Object.entries(v))
          queue.push([m, `${key}/${k}/${n}`, `${at}/${escapeToken(k)}/${escapeToken(n)}`]);
    }
  }
  if (moved.size) retarget(document, moved);
}

/** Every `$ref` into a moved subtree, pointed at its new place (longest moved prefix first). */
function retarget(document: unknown, moved: ReadonlyMap<string, string>): void {
  const prefixes = [...moved.keys()].sort((a, b) => b.length - a.length);
  const match = (r: string) => prefixes.find((p) => r === p || r.startsWith(`${p}/`));
  const visit = ({ node: o }: Place): void => {
    if (Array.isArray(o) || typeof o.$ref !== "string") return;
    const ref = o.$ref;
    // A malformed escape is matched as written.
    const decoded = decodeFragment(ref);
    // The rest of the pointer is kept as written where the ref matched as written.
    const raw = match(ref);
    const from = raw ?? match(decoded);
    const rest = raw !== undefined ? ref.slice(from?.length) : encodeFragment(decoded.slice(from?.length));
    if (from !== undefined) o.$ref = `${moved.get(from)!}${rest}`;
  };
  // Every key is read as a keyword here; only the data keys' values (not `x-` ones) are skipped.
  walk(document, visit, { names: false, skip: (k) => DATA_KEYS.has(k) });
}

/**
 * A bare schema keeps the `$ref`s that JSON Schema resolves by its own rules (against an `$id`,
 * to an `$anchor`; see load/scoped-refs.ts) for Ajv. openapi-typescript reads every `$ref` as
 * a pointer into the document, so in its copy those are left out: the node is typed by its
 * other keywords, a type wider than the validator's verdict, never narrower. Kept: pointers to
 * components that exist.
 */
function resolves(document: Record<string, unknown>, ref: string): boolean {
  try {
    return deref(document, { $ref: ref }) !== undefined;
  } catch {
    // A malformed percent-escape.
    return false;
  }
}

function typeableRefs(document: Record<string, unknown>): void {
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node) || typeof node.$ref !== "string") return;
    if (!node.$ref.startsWith("#/components/") || !resolves(document, node.$ref)) delete node.$ref;
  });
}

/**
 * Rewrites every description/summary/title into reader-ready text (Matrix shortcodes, absolute
 * links, `@since`, "Changed in"), escaped once here; openapi-typescript then only copies it.
 */
function readerDocs(node: unknown, linkBase: string | undefined, depth = 0, names = false): unknown {
  if (depth > 500) return node;
  if (Array.isArray(node)) {
    node.forEach((v) => {
      readerDocs(v, linkBase, depth + 1);
    });
    return node;
  }
  if (!isObject(node)) return node;
  if (names) {
    for (const value of Object.values(node))
      if (typeof value === "object" && value !== null) readerDocs(value, linkBase, depth + 1);
    return node;
  }
  // openapi-typescript prints these in comments too, without our escaping: `@default`,
  // `@example` (strings as they are, other values as JSON), `Format: …` and enum descriptions.
  // They only document the types (openapi-typescript reads nothing else from them but whether a
  // default exists), so this copy holds their comment-safe forms; the validators keep the values.
  for (const key of ["default", "example"]) if (key in node) node[key] = escapeCommentValue(node[key]);
  if (Array.isArray(node.examples)) node.examples = node.examples.map(escapeCommentValue);
  if (typeof node.format === "string") node.format = escapeCommentLine(node.format);
  for (const key of ENUM_DESCRIPTIONS) {
    const list = node[key];
    if (Array.isArray(list))
      node[key] = list.map((d) => (typeof d === "string" ? escapeCommentLine(renderMatrixMarkdown(d, linkBase)) : d));
  }
  for (const key of ["description", "summary", "title"]) {
    if (typeof node[key] === "string")
      node[key] = escapeCommentText(renderMatrixMarkdown(node[key] as string, linkBase));
  }
  const extra: string[] = [];
  const changed = node["x-changedInMatrixVersion"];
  if (isObject(changed)) {
    for (const [v, text] of Object.entries(changed))
      extra.push(escapeCommentText(`**Changed in Matrix ${v}:** ${renderMatrixMarkdown(String(text), linkBase)}`));
  }
  const since = node["x-addedInMatrixVersion"];
  // The tag is ours, so it is added after escaping (which would neutralise a leading `@`).
  if (typeof since === "string" || typeof since === "number")
    extra.push(`@since Matrix ${escapeCommentText(String(since))}`);
  if (extra.length) {
    const text = extra.join("\n\n");
    node.description = typeof node.description === "string" ? `${node.description}\n\n${text}` : text;
  }
  // `allOf` members that only restrict values (the overlay's "MUST contain" rules) add nothing
  // to the type; openapi-typescript would print them as `& unknown`.
  if (Array.isArray(node.allOf)) {
    const kept = node.allOf.filter((m) => !(isObject(m) && Object.keys(m).every((k) => VALUE_ONLY.has(k))));
    if (kept.length) node.allOf = kept;
    else delete node.allOf;
  }
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYS.has(key) || key.startsWith("x-")) continue;
    if (typeof value === "object" && value !== null) readerDocs(value, linkBase, depth + 1, NAME_MAPS.has(key));
  }
  return node;
}

/**
 * The printed types must be exactly declarations: a comment that ended early would leave spec
 * text outside it, which either fails to parse or adds a statement. Checked with TypeScript's
 * parser (already loaded by openapi-typescript); `//` comments are not expected either.
 */
function assertDeclarationsOnly(text: string, source: string): void {
  const { ts } = load();
  // Comments are not parsed as JSDoc (most of the text is comments): only where they end matters.
  const file = ts.createSourceFile(
    "types.d.ts",
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    ts.ScriptKind.TS,
  );
  const parseErrors =
    (file as unknown as { parseDiagnostics?: readonly TypeScript.Diagnostic[] }).parseDiagnostics ?? [];
  const stray = file.statements.find((s) => !ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s));
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let lineComment = false;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken && !lineComment; token = scanner.scan())
    lineComment = token === ts.SyntaxKind.SingleLineCommentTrivia;
  if (parseErrors.length || stray || lineComment) {
    const what = parseErrors.length
      ? ts.flattenDiagnosticMessageText(parseErrors[0]!.messageText, " ")
      : stray
        ? `a ${ts.SyntaxKind[stray.kind]}`
        : "a // comment";
    throw new SpecError(
      `the printed types are not plain declarations (${what}); spec text may have escaped a comment`,
      source,
    );
  }
}

function usesReadWrite(node: unknown, depth = 0, names = false): boolean {
  if (depth > 500 || typeof node !== "object" || node === null) return false;
  if (Array.isArray(node)) return node.some((v) => usesReadWrite(v, depth + 1));
  const o = node as Record<string, unknown>;
  // Entries of `properties` etc. are visited whatever their names (a property named `default`).
  if (names) return Object.values(o).some((v) => usesReadWrite(v, depth + 1));
  if (o.readOnly === true || o.writeOnly === true) return true;
  return Object.entries(o).some(([k, v]) => !DATA_KEYS.has(k) && usesReadWrite(v, depth + 1, NAME_MAPS.has(k)));
}

function namedExports(spec: SpecModel, readWrite: boolean): string {
  const out: string[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) {
    const opType = operationTypeRef(op);
    // With readOnly/writeOnly in play, what the API sends (its responses, a webhook's request)
    // has no writeOnly fields, and what it receives no readOnly ones.
    const sent = (type: string) => (readWrite ? `Readable<${type}>` : type);
    const received = (type: string) => (readWrite ? `Writable<${type}>` : type);
    const [response, request] = op.root === "webhooks" ? [received, sent] : [sent, received];
    for (const r of op.responseTypes) {
      const media = op.responses.find((x) => x.status === r.status)?.mediaType ?? "application/json";
      out.push(
        jsdoc({ description: `JSON body of the ${r.status} response of \`${op.operationId}\`.` }) +
          `export type ${r.name} = ${response(`${opType}["responses"][${JSON.stringify(Number(r.status) || r.status)}]["content"][${JSON.stringify(media)}]`)};`,
      );
    }
    const body = op.requestBody;
    if (body?.name) {
      out.push(
        jsdoc({
          description: `JSON request body of ${op.root === "webhooks" ? "the webhook " : ""}\`${op.operationId}\`.`,
        }) +
          `export type ${body.name} = ${request(`NonNullable<${opType}["requestBody"]>["content"][${JSON.stringify(body.mediaType)}]`)};`,
      );
    }
    const has = (where: string) => op.parameters.some((p) => p.in === where);
    const params = paramsType(op);
    const id = `\`${op.operationId}\``;
    if (params) {
      const doc = jsdoc({
        description: `The \`params\` of ${id}: its path, query, header and cookie parameters, by key.`,
      });
      out.push(`${doc}export type ${op.typeName}Params = ${params};`);
    }
    if (has("path")) {
      const doc = jsdoc({ description: `Path parameters of ${id}.` });
      out.push(`${doc}export type ${op.typeName}Path = ${opType}["parameters"]["path"];`);
    }
    if (has("query"))
      out.push(
        `${jsdoc({ description: `Query parameters of \`${op.operationId}\`.` })}export type ${op.typeName}Query = ${opType}["parameters"]["query"];`,
      );
  }
  for (const s of spec.schemas) {
    const what = `The component \`${s.component}\` of \`${spec.source}\`.`;
    const doc = s.component === undefined ? "" : jsdoc({ description: what });
    out.push(`${doc}export type ${s.name} = ${s.typeExpression};`);
  }
  return out.length ? `\n${out.join("\n")}\n` : "";
}

/** `types/index.d.ts`: every named type at the top level, once. */
function indexFile(model: Model, warnings: string[]): GeneratedFile {
  const lines: string[] = [];
  const seen = new Map<string, string>();
  for (const spec of model.specs) {
    const from = relativeImport("types/index.d.ts", `types/${spec.module}.js`);
    const dups = new Map<string, string>();
    const names = [
      ...spec.operations.flatMap(operationTypeNames),
      ...spec.webhooks.flatMap(operationTypeNames),
      ...spec.schemas.map((s) => s.name),
    ].filter((n) => {
      const prior = seen.get(n);
      if (prior) {
        dups.set(n, prior);
        return false;
      }
      seen.set(n, spec.source);
      return true;
    });
    const warning = duplicatesWarning(spec.source, "type(s)", dups);
    if (warning) warnings.push(warning);
    if (names.length) lines.push(`export type { ${names.join(", ")} } from ${JSON.stringify(from)};`);
  }
  // Without a named type the file must still be a module, or `export type * from "./types/index.js"` fails.
  return { path: "types/index.d.ts", contents: `${banner(null)}${lines.length ? lines.join("\n") : "export {};"}\n` };
}
