import { basename, relative, sep } from "node:path";
import { Source, type NormalizedProblem } from "@redocly/openapi-core";
import type { SpecFile } from "../load/read.js";
import { bundleOpenApi, bundleSchema } from "../load/bundle.js";
import { prepareSchemaRefs, restoreScopedRefs } from "../load/scoped-refs.js";
import { makeRefPolicy, type RefPolicy } from "../load/policy.js";
import { applyOverlay, type OverlayRule } from "../load/overlay.js";
import { deref, derefAt, isObject } from "../load/refs.js";
import { textLocator } from "../load/locate.js";
import { encodeFragment, formatPointer, PointerSyntaxError, pointerTokens, setOwn, valueAt } from "../load/pointer.js";
import { walk, type Place } from "../load/walk.js";
import { splitTolerated } from "../load/tolerance.js";
import { SpecError } from "../errors.js";
import { isJsonMedia } from "./media.js";
import { bodyMedia } from "./body-media.js";
import { docLinkBase } from "./docs.js";
import { serverResolver, type ServerResolver } from "./servers.js";
import { errorStatus } from "./status.js";
import {
  IDENTIFIER,
  NameTable,
  camelCase,
  definitionKey,
  moduleName,
  pascalCase,
  plainPascalCase,
  safeIdentifier,
  singular,
} from "./names.js";
import type { Warn, WarningKind } from "../warnings.js";
import type {
  Model,
  NamedSchema,
  PackageInfo,
  OperationModel,
  ParameterModel,
  RequestBodyModel,
  ResponseModel,
  SpecModel,
} from "./types.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface BuildResult {
  model: Model;
  problems: NormalizedProblem[];
  /** Every document read: the spec files and all documents their `$ref`s reach (paths, or URLs for remote ones). */
  inputs: string[];
}

/** Builds the model from parsed spec files (OpenAPI documents and bare JSON Schemas). */
export async function buildModel(
  files: SpecFile[],
  root: string,
  overlays: ReadonlyMap<string, SpecFile[]>,
  pkg: { name: string; version: string; license: string },
  // What `$ref`s may read (see load/policy.ts); by default, the project root around `root`.
  refs: RefPolicy = makeRefPolicy([root], root),
  /** `asWritten`: also model each spec that has overlays without them (see {@link SpecModel.asWritten}). */
  options: { asWritten?: boolean } = {},
): Promise<BuildResult> {
  const warnings: string[] = [];
  const notices: PackageInfo["notices"] = [];
  const inputs: string[] = [];
  const problems: NormalizedProblem[] = [];
  const specs: SpecModel[] = [];
  // Module paths are file names in the output: unique ignoring case (see moduleName).
  // The kind of each warning that has one (see warnings.ts), for the CLI's summary per kind.
  const kinds = new Map<string, WarningKind>();
  const note = (text: string, kind?: WarningKind): void => {
    warnings.push(text);
    if (kind !== undefined) kinds.set(text, kind);
  };
  const modules = new NameTable(note);
  for (const file of files) {
    const source = relative(root, file.path).split(sep).join("/");
    // A SpecError raised while reading the spec (or applying its overlays) gets the line of its pointer.
    try {
      inputs.push(file.path);
      const module = specModule(source, modules, (m) => warnings.push(`${source}: ${m}`));
      const header = /^(#[^\n]*\n)+/.exec(file.text)?.[0];
      if (header && /copyright|licen[cs]e/i.test(header)) notices.push({ source, text: header.replace(/^# ?/gm, "") });
      if (file.kind === "openapi") {
        let overlaid: unknown;
        const rules: OverlayRule[] = [];
        for (const overlay of overlays.get(file.path) ?? [])
          overlaid = applyOverlay(overlaid ?? file.doc, overlay.doc, overlay.path, (r) => rules.push(r));
        rejectRedoclyTraps(file.doc, source);
        if (overlaid !== undefined) rejectRedoclyTraps(overlaid, `${source} (with its overlays)`);
        const bundled = await redocly(source, () => bundleOpenApi(file.path, overlaid, refs, file));
        problems.push(...bundled.problems.map(explainPrototypeKey));
        const tolerated = splitTolerated(bundled.tolerated, source, bundled.within, file.path);
        tolerated.warnings.forEach((w, i) => {
          note(w, tolerated.kinds[i] as WarningKind);
        });
        const ignored = tolerated.ignored.length ? { ignoredKeywords: tolerated.ignored } : {};
        inputs.push(...bundled.files);
        if (bundled.problems.length) continue;
        rejectNonFinite(bundled.document, source);
        const spec = openApiSpec(source, module, bundled.document, (m, kind) => note(`${source}: ${m}`, kind));
        const wanted = overlaid !== undefined && options.asWritten;
        const asWritten = wanted
          ? await specAsWritten(file, source, module, refs, (m) => warnings.push(`${source}: ${m}`))
          : undefined;
        const links = docLinkBase(file.text);
        const plain = asWritten && { asWritten: { ...asWritten, ...ignored } };
        specs.push({
          ...spec,
          ...ignored,
          ...(rules.length && { overlayRules: rules }),
          ...plain,
          ...(links && { linkBase: links }),
        });
      } else if (file.kind === "json-schema") {
        rejectRedoclyTraps(file.doc, source);
        const built = await redocly(source, () =>
          schemaSpec(file, source, module, (m) => warnings.push(`${source}: ${m}`), refs),
        );
        problems.push(...built.problems);
        inputs.push(...built.files);
        const links = docLinkBase(file.text);
        if (built.spec) specs.push(links ? { ...built.spec, linkBase: links } : built.spec);
      }
    } catch (err) {
      throw located(err, [
        [source, file],
        ...(overlays.get(file.path) ?? []).map((o): [string, SpecFile] => [o.path, o]),
      ]);
    }
  }
  separateValueNames(specs, (m) => note(m, "operation-renamed"));
  return { model: { specs, warnings, warningKinds: kinds, pkg: { ...pkg, notices } }, problems, inputs };
}

/** The module path of one spec (see names.ts moduleName), reporting a name that had to change. */
function specModule(source: string, modules: NameTable, warn: (message: string) => void): string {
  const plain = source.replace(/\.(ya?ml|json)$/i, "");
  const safe = moduleName(source);
  const module = modules.claim(safe, `spec ${JSON.stringify(source)}`);
  const rule =
    'a file name in the output holds no URL syntax, line break, "..", name the package uses itself, or ".as-written" ending';
  if (safe !== plain) warn(`its output files are named ${JSON.stringify(module)} (${rule})`);
  return module;
}

/**
 * A spec file bundled and modelled without its overlays. Its warnings are the overlaid spec's
 * own (same file), so they are not repeated. When only its overlays make it pass the gate, it
 * has no as-written validators, with a warning.
 */
async function specAsWritten(
  file: SpecFile,
  source: string,
  module: string,
  refs: RefPolicy,
  warn: (m: string) => void,
): Promise<SpecModel | undefined> {
  const bundled = await redocly(source, () => bundleOpenApi(file.path, undefined, refs, file));
  const problem = bundled.problems[0];
  if (!problem) return openApiSpec(source, module, bundled.document, () => {});
  // Its overlays repair it (see load/bundle.ts): there is no valid spec "as written" to compile.
  warn(`no as-written validators: without its overlays the spec does not pass the gate (${problem.message})`);
  return undefined;
}

/**
 * `err` with the line and column of its pointer in the text of the file it names (the spec, or
 * one of its overlays: `[name in errors, file]`), when the pointer names a value written there.
 */
function located(err: unknown, files: ReadonlyArray<readonly [string, SpecFile]>): unknown {
  if (!(err instanceof SpecError) || err.line !== undefined || err.pointer === undefined) return err;
  const file = files.find(([name]) => name === err.file)?.[1];
  if (file === undefined) return err;
  try {
    if (valueAt(file.doc, pointerTokens(err.pointer)) === undefined) return err;
    const at = textLocator(file.path, file.text)(err.pointer);
    return at ? new SpecError(err.message, err.file, at.line, at.col, err.pointer) : err;
  } catch (syntax) {
    // A pointer that is no JSON pointer is shown as it is, without a line.
    if (syntax instanceof PointerSyntaxError) return err;
    throw syntax;
  }
}

/**
 * The package's root index re-exports the validators (`validateX`, `isX`, `assertX` for every
 * named type of every spec) beside the client functions; a client function with one of those
 * names (an operation `isFooResponse`) would make both ambiguous, so it gets a `_` suffix.
 */
function separateValueNames(specs: SpecModel[], warn: (message: string) => void): void {
  const taken = new Set<string>();
  for (const spec of specs) {
    for (const name of [
      ...spec.operations.flatMap((op) => op.responseTypes.map((r) => r.name)),
      ...spec.schemas.map((s) => s.name),
    ]) {
      for (const prefix of ["validate", "is", "assert"]) taken.add(prefix + name);
      taken.add(name);
    }
  }
  for (const spec of specs) {
    for (const op of spec.operations) {
      const clashes = (n: string) => taken.has(n) || (op.redirect && taken.has(`${n}Url`));
      if (!clashes(op.name)) continue;
      const was = op.name;
      while (clashes(op.name)) op.name += "_";
      warn(
        `${spec.source}: operation ${JSON.stringify(op.operationId)}: function ${was} would clash with a generated validator or type; using ${op.name}`,
      );
    }
  }
}

/**
 * Redocly (openapi-core 1.34) looks keys up on plain objects: a key named like a method of
 * `Object.prototype` makes it throw (`hasOwnProperty`, `valueOf`, …, even inside example values)
 * or misreport a struct error (`constructor` as a schema property). Such specs are rejected here
 * with the key's location instead of a TypeError from inside Redocly. `__proto__` and `toString`
 * pass through Redocly and stay (quoted) keys.
 */
const REDOCLY_TRAPS = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter(
    (k) => k !== "__proto__" && k !== "toString" && k !== "constructor",
  ),
);

function rejectRedoclyTraps(doc: unknown, source: string): void {
  const check = (place: Place) => {
    const key = Object.keys(place.node).find((k) => REDOCLY_TRAPS.has(k));
    if (key === undefined) return;
    const message =
      `the key ${JSON.stringify(key)} cannot be read: @redocly/openapi-core 1.34 fails on keys named like ` +
      "Object.prototype methods; rename it";
    throw new SpecError(message, source, undefined, undefined, shownPointer([...place.tokens(), key]));
  };
  // Redocly reads every key, inside example values and extensions too.
  walk(doc, check, { names: false, skip: () => false });
}

/**
 * A Redocly step whose crash (a TypeError from a referenced file's keys, see above) becomes a SpecError naming the
 * spec.
 */
async function redocly<T>(source: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SpecError || !(err instanceof TypeError)) throw err;
    throw new SpecError(
      `cannot bundle: @redocly/openapi-core failed (${err.message}); a file it references may have a key named like an Object.prototype method (${[...REDOCLY_TRAPS].slice(0, 4).join(", ")}, …)`,
      source,
    );
  }
}

/** Redocly's struct rule reads a schema property named `constructor` as `Object`: say so beside its message. */
function explainPrototypeKey(problem: NormalizedProblem): NormalizedProblem {
  const at = problem.location[0]?.pointer ?? "";
  if (!/\/constructor$/.test(at)) return problem;
  return {
    ...problem,
    message: `${problem.message} (the key "constructor" at ${at} is misread by @redocly/openapi-core 1.34; rename it)`,
  };
}

/** JSON has no Infinity or NaN (YAML's `.inf`, `.nan`, `1e999`): no emitter can print them as the same value. */
function rejectNonFinite(doc: unknown, source: string): void {
  const stack: Array<[unknown, string[]]> = [[doc, []]];
  const seen = new Set<object>();
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (typeof node === "number" && !Number.isFinite(node)) {
      throw new SpecError(
        `the number ${String(node)} has no JSON form; use a finite number or a string`,
        source,
        undefined,
        undefined,
        shownPointer(at),
      );
    }
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    for (const [key, value] of Object.entries(node)) stack.push([value, [...at, key]]);
  }
}

function openApiSpec(source: string, module: string, document: Record<string, unknown>, warn: Warn): SpecModel {
  // Components are named first, so they keep their names; a derived name that would clash
  // with one (an operation's `GetPetResponse`) is the one that changes, with a warning.
  const types = new NameTable(warn);
  const components = isObject(document.components) ? document.components.schemas : undefined;
  const keys = isObject(components) ? Object.keys(components) : [];
  const entries = keys.map((key) => ({ key, at: ["components", "schemas", key], type: typeOf(key) }));
  const schemas = componentSchemas(entries, types, warn);
  const names = new NameTable(warn);
  const operationIds = new Map<string, string>();
  const operations: OperationModel[] = [];
  const paths = isObject(document.paths) ? document.paths : {};
  const servers = serverResolver(document, warn);
  for (const [pathKey, raw] of Object.entries(paths)) {
    // A path item may be a `$ref` (to components/pathItems); Redocly's bundle keeps it.
    const { node: item, at } = derefAt(document, raw, ["paths", pathKey]);
    if (!isObject(item)) continue;
    const trimmed = pathKey.trim();
    if (trimmed !== pathKey)
      warn(`path key ${JSON.stringify(pathKey)} has surrounding whitespace; requests use ${JSON.stringify(trimmed)}`);
    const path = encodePathLiterals(trimmed);
    if (path !== trimmed)
      warn(
        `path ${JSON.stringify(trimmed)} has characters a URL path cannot hold; requests use ${JSON.stringify(path)}`,
      );
    for (const method of METHODS) {
      if (isObject(item[method]))
        operations.push(
          operationOf(
            { source, document, names, types, operationIds, warn, servers },
            "paths",
            pathKey,
            path,
            { item, at },
            method,
          ),
        );
    }
  }
  // Webhooks are requests the API makes: no client function, but named types and validators
  // for what a receiver gets (and returns).
  const webhooks: OperationModel[] = [];
  for (const [key, raw] of Object.entries(isObject(document.webhooks) ? document.webhooks : {})) {
    const { node: item, at } = derefAt(document, raw, ["webhooks", key]);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      if (isObject(item[method]))
        webhooks.push(
          operationOf(
            { source, document, names, types, operationIds, warn, servers },
            "webhooks",
            key,
            key,
            { item, at },
            method,
          ),
        );
    }
  }
  return { source, module, kind: "openapi", document, basePath: servers.basePath, operations, schemas, webhooks };
}

/** The type of a component in the types module. */
const typeOf = (key: string) => `components["schemas"][${JSON.stringify(key)}]`;

/**
 * The named exports of components, in their order: each its key in PascalCase, sanitised (see
 * names.ts), claimed in `types`, with a warning when it is not the key as written. Keys that are
 * already such names are claimed first, so `Tag` keeps its name and `tag` becomes `Tag2`.
 */
function componentSchemas(
  entries: ReadonlyArray<{ key: string; at: string[]; type: string }>,
  types: NameTable,
  warn: (m: string) => void,
): NamedSchema[] {
  const exact = (key: string) => pascalCase(key) === key;
  const names = new Map<string, string>();
  for (const { key } of [...entries.filter((e) => exact(e.key)), ...entries.filter((e) => !exact(e.key))]) {
    const what = `component ${JSON.stringify(key)}`;
    const name = types.claim(pascalCase(key), what);
    // Like a schema file's name, its PascalCase form is the rule; a sanitising fix is reported.
    const fixed = name === pascalCase(key) && name !== plainPascalCase(key);
    if (fixed) warn(`${what} is not a free identifier; its type is ${name}`);
    names.set(key, name);
  }
  return entries.map(({ key, at, type }) => ({
    name: names.get(key)!,
    component: key,
    typeExpression: type,
    pointer: formatPointer(at),
  }));
}

/** One operation of `paths` or `webhooks`: named, its parameters, responses and request body collected. */
function operationOf(
  ctx: {
    source: string;
    document: Record<string, unknown>;
    names: NameTable;
    types: NameTable;
    operationIds: Map<string, string>;
    warn: Warn;
    servers: ServerResolver;
  },
  root: "paths" | "webhooks",
  pathKey: string,
  path: string,
  // The path item, and where it is written (itself, or the component its `$ref` names): error pointers name that place.
  { item, at }: { item: Record<string, unknown>; at: string[] },
  method: (typeof METHODS)[number],
): OperationModel {
  const { source, document, names, types, operationIds, warn, servers } = ctx;
  const op = item[method] as Record<string, unknown>;
  const where =
    root === "paths"
      ? `${method.toUpperCase()} ${path}`
      : `webhook ${JSON.stringify(pathKey)} (${method.toUpperCase()})`;
  const specId = typeof op.operationId === "string" ? op.operationId : undefined;
  const operationId = specId ?? `${method} ${path}`;
  if (specId !== undefined) {
    // openapi-typescript keys its `operations` interface by operationId: a repeat is a duplicate member.
    const prior = operationIds.get(specId);
    if (prior)
      throw new SpecError(
        `operationId ${JSON.stringify(specId)} is also used by ${prior}; operationIds must be unique`,
        source,
        undefined,
        undefined,
        shownPointer([...at, method, "operationId"]),
      );
    operationIds.set(specId, root === "paths" ? `${method.toUpperCase()} ${JSON.stringify(pathKey)}` : where);
  }
  const parameters = collectParameters(document, item.parameters, op.parameters);
  separateParamKeys(parameters, (m) => warn(`${where}: ${m}`));
  for (const p of parameters) {
    // The runtime fills `{name}` placeholders with a regex that stops at braces and line breaks.
    if (root === "paths" && p.in === "path" && /[{}\r\n\u2028\u2029]/.test(p.name)) {
      throw new SpecError(
        `path parameter name ${JSON.stringify(p.name)} contains a brace or line break, so no request can fill its placeholder`,
        source,
        undefined,
        undefined,
        shownPointer([...at, method, "parameters"]),
      );
    }
  }
  const responses = collectResponses(document, [root, pathKey, method, "responses"], op.responses);
  const success = responses.filter((r) => /^[23]/.test(r.status));
  const redirect =
    root === "paths" &&
    success.length > 0 &&
    success.every((r) => r.status.startsWith("3") && r.headers.some((h) => h.toLowerCase() === "location"));
  // The client module also declares `<name>Operation` (and `<name>Url` for redirects).
  // The types module also declares `<Op>Params`, `<Op>Path` and `<Op>Query` (see emit/module.ts),
  // and the client `<Op>Error` (and `is<Op>Error`) for declared JSON error bodies: none of them
  // may be a component's name.
  const paramTypes = [
    ...(parameters.length ? ["Params"] : []),
    ...(parameters.some((p) => p.in === "path") ? ["Path"] : []),
    ...(parameters.some((p) => p.in === "query") ? ["Query"] : []),
  ];
  const typedErrors = responses.some((r) => errorStatus(r.status) && r.jsonSchemaPointer);
  const errorTypes = root === "paths" && typedErrors ? ["Error"] : [];
  const clientNames = root === "webhooks" ? [] : redirect ? ["Operation", "Url"] : ["Operation"];
  const companions = [...clientNames, ...paramTypes, ...errorTypes];
  const componentOf = (n: string) =>
    [...paramTypes, ...errorTypes].map((suffix) => types.holder(n + suffix)).find(Boolean);
  const what = `operation ${JSON.stringify(operationId)}`;
  const typeName = names.claim(pascalCase(operationId), what, companions, componentOf);
  const name = camelCase(typeName);
  if (specId === undefined) {
    const from = root === "paths" ? `${name} from method and path` : `${typeName} from method and name`;
    warn(`${where} has no operationId; named ${from}`, "no-operation-id");
  } else if (root === "paths" && name !== operationId) {
    const renamed = `its function is ${name}, its types ${typeName}…`;
    warn(`operation ${JSON.stringify(operationId)} is not a free identifier; ${renamed}`, "operation-renamed");
  }
  const jsonResponses = responses.filter((r) => r.jsonSchemaPointer);
  const responseTypes = jsonResponses.map((r, i) => ({
    status: r.status,
    name: names.claim(
      `${typeName}Response${i === 0 && r.status.startsWith("2") ? "" : r.status.replace(/[^A-Za-z0-9]/g, "")}`,
      `response ${r.status} of ${JSON.stringify(operationId)}`,
      [],
      (n) => types.holder(n),
    ),
  }));
  const withContent = responses.filter((r) => r.status.startsWith("2") && r.media.length);
  const answersBytes = withContent.length > 0 && withContent.every((r) => !r.media.some((t) => isJsonMedia(t)));
  const requestBody = requestBodyOf(document, op.requestBody, [root, pathKey, method, "requestBody"]);
  if (requestBody?.jsonSchemaPointer)
    requestBody.name = names.claim(`${typeName}Body`, `request body of ${JSON.stringify(operationId)}`, [], (n) =>
      types.holder(n),
    );
  // The nearest non-empty `servers` (operation, path item, document) decides the base URL.
  const { basePath, serverOrigin } = servers.forOperation(op.servers, item.servers, where);
  const cache = op["x-specgen-cache"];
  const since = op["x-addedInMatrixVersion"];
  if (cache !== undefined && typeof cache !== "boolean") {
    warn(`${where}: x-specgen-cache must be true or false; not cached`);
  }
  return {
    operationId,
    ...(specId !== undefined && { specOperationId: specId }),
    root,
    name,
    typeName,
    method: method.toUpperCase(),
    pathKey,
    path,
    basePath,
    ...(serverOrigin !== undefined && { serverOrigin }),
    parameters,
    responses,
    ...(requestBody && { requestBody }),
    redirect,
    answersBytes,
    ...(cache === true && { cache }),
    responseTypes,
    deprecated: op.deprecated === true,
    ...(typeof op.summary === "string" && { summary: op.summary }),
    ...(typeof op.description === "string" && { description: op.description }),
    ...((typeof since === "string" || typeof since === "number") && { since: String(since) }),
    ...(isObject(op["x-changedInMatrixVersion"]) && { changed: changedNotes(op["x-changedInMatrixVersion"]) }),
  };
}

/** `x-changedInMatrixVersion`'s notes that are text, by version (own keys into a null-prototype record). */
function changedNotes(raw: Record<string, unknown>): Record<string, string> {
  const notes: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [version, note] of Object.entries(raw)) if (typeof note === "string") notes[version] = note;
  return notes;
}

/**
 * The literal parts of a path template (outside `{placeholders}`), percent-encoded where RFC 3986
 * allows no such character in a path (space, quotes, `?`, `#`, a stray brace, …); existing `%XX`
 * escapes stay.
 */
function encodePathLiterals(template: string): string {
  return template.replace(
    /(\{[^{}]*\})|([^{}]+|[{}])/gu,
    (_m, placeholder: string | undefined, literal: string | undefined) =>
      placeholder ??
      literal!.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) =>
        encodeURIComponent(c.replace(/[\uD800-\uDFFF]/g, "\uFFFD")),
      ),
  );
}

function collectParameters(document: Record<string, unknown>, ...lists: unknown[]): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(document, raw);
      if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") continue;
      const where = p.in as ParameterModel["in"];
      // Operation-level parameters override path-level ones with the same name and location.
      const required = where === "path" || p.required === true;
      const model = { name: p.name, key: p.name, in: where, required, ...serialization(document, p, where) };
      byKey.set(`${where}:${p.name}`, model);
    }
  }
  return [...byKey.values()];
}

/**
 * A call's `params` is one flat object: a name used in more than one location (a path and a
 * query parameter both named `id`) keys its non-path parameters `<location><Name>` (`queryId`,
 * `headerId`, `cookieId`), a free name (`_` appended while another parameter has it).
 */
function separateParamKeys(parameters: ParameterModel[], warn: (message: string) => void): void {
  const inParams = parameters;
  const shared = (p: ParameterModel) => inParams.some((o) => o !== p && o.name === p.name);
  const taken = new Set(inParams.map((p) => p.name));
  for (const p of inParams) {
    if (p.in === "path" || !shared(p)) continue;
    let key = camelCase(`${p.in} ${p.name}`);
    while (taken.has(key)) key += "_";
    taken.add(key);
    p.key = key;
    const name = JSON.stringify(p.name);
    warn(`${p.in} parameter ${name} shares its name with another location's; its key in params is ${key}`);
  }
}

/**
 * A parameter's `style`, `explode` and `allowReserved` with OpenAPI's defaults, and whether its
 * value may be structured.
 */
function serialization(
  document: Record<string, unknown>,
  p: Record<string, unknown>,
  where: ParameterModel["in"],
): Pick<ParameterModel, "style" | "explode" | "allowReserved" | "structured"> {
  const style = typeof p.style === "string" ? p.style : where === "query" || where === "cookie" ? "form" : "simple";
  const explode = typeof p.explode === "boolean" ? p.explode : style === "form";
  const allowReserved = where === "query" && p.allowReserved === true;
  const pathArray = where === "path" && mayHold(document, p.schema, "array");
  const structured = pathArray || mayHold(document, p.schema, "object");
  return { style, explode, allowReserved, structured };
}

/**
 * Whether a value of `raw` (a schema) may be of JSON type `kind`. An unconstrained schema may;
 * a parameter without a schema (with `content`) is sent as given, so it may not.
 */
function mayHold(document: Record<string, unknown>, raw: unknown, kind: "object" | "array", depth = 0): boolean {
  const schema = deref(document, raw);
  if (schema === true) return true;
  if (!isObject(schema) || depth > 16) return false;
  const branches = subschemas(schema);
  if (typeof schema.type === "string" || Array.isArray(schema.type)) return [schema.type].flat().includes(kind);
  const isKind = (v: unknown) => v !== null && (Array.isArray(v) ? "array" : typeof v) === kind;
  if (Array.isArray(schema.enum)) return schema.enum.some(isKind);
  if ("const" in schema) return isKind(schema.const);
  const keywords =
    kind === "object" ? ["properties", "additionalProperties", "patternProperties"] : ["items", "prefixItems"];
  if (keywords.some((k) => k in schema)) return true;
  if (branches.length) return branches.some((b) => mayHold(document, b, kind, depth + 1));
  // No type, no shape: any value (a scalar-only keyword such as `format` or `pattern` says nothing of the type).
  return !["format", "pattern", "minLength", "maxLength", "minimum", "maximum"].some((k) => k in schema);
}

/**
 * An operation's request body: a JSON media type where one is listed (the client encodes it),
 * else the only one listed, else none in particular (the caller's body is sent as given).
 */
function requestBodyOf(document: Record<string, unknown>, raw: unknown, at: string[]): RequestBodyModel | undefined {
  const body = deref(document, raw);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const content = body.content;
  const types = Object.keys(content);
  if (!types.length) return undefined;
  const json = types.find((t) => isJsonMedia(t));
  const mediaType = json ?? (types.length === 1 ? types[0]! : "");
  // A wildcard names no type to declare, and a multipart type needs the boundary that only the
  // body (FormData) knows: fetch adds it when no Content-Type is set.
  const contentType = /\*|^multipart\//i.test(mediaType) ? "" : mediaType;
  const offered = [json ?? types[0]!, ...types.filter((t) => t !== (json ?? types[0]))];
  const media = offered.map((type) => bodyMedia(document, type, content[type]));
  const required = body.required === true;
  const model: RequestBodyModel = { mediaType, json: json !== undefined, contentType, required, media };
  // The pointer passes through the operation's `requestBody`, which may be a $ref (to
  // components/requestBodies); the validators emitter follows it.
  if (json && isObject(content[json]) && "schema" in (content[json] as object))
    model.jsonSchemaPointer = formatPointer([...at, "content", json, "schema"]);
  return model;
}

function collectResponses(document: Record<string, unknown>, at: string[], raw: unknown): ResponseModel[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).map(([status, r]) => {
    const response = deref(document, r);
    const headers = isObject(response) && isObject(response.headers) ? Object.keys(response.headers) : [];
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    const json = Object.keys(content).find((t) => isJsonMedia(t));
    const model: ResponseModel = { status, headers, media: Object.keys(content) };
    if (isObject(response) && typeof response.description === "string") model.description = response.description;
    if (json && isObject(content[json]) && "schema" in (content[json] as object)) {
      model.mediaType = json;
      model.jsonSchemaPointer = formatPointer([...at, status, "content", json, "schema"]);
      const schema = (content[json] as Record<string, unknown>).schema;
      if (!/^[123]/.test(status) && hasProperty(document, schema, "errcode")) model.matrixError = true;
    }
    return model;
  });
}

/** The members of a schema's `allOf`, `anyOf` and `oneOf`. */
function subschemas(schema: Record<string, unknown>): unknown[] {
  return ["allOf", "anyOf", "oneOf"].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
}

/** Whether a schema (through `$ref`s and `allOf`/`anyOf`/`oneOf`) declares property `name`. */
function hasProperty(document: Record<string, unknown>, raw: unknown, name: string, depth = 0): boolean {
  const schema = deref(document, raw);
  if (!isObject(schema) || depth > 16) return false;
  if (isObject(schema.properties) && Object.hasOwn(schema.properties, name)) return true;
  const branches = subschemas(schema);
  return branches.some((b) => hasProperty(document, b, name, depth + 1));
}

/** A pointer for an error message: as is, or (holding line breaks or controls) in RFC 6901's URI fragment form. */
function shownPointer(parts: string[]): string {
  // The root is shown as `/`, as the rest of the toolkit names it in messages.
  const p = formatPointer(parts) || "/";
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(p) ? `#${encodeFragment(p)}` : p;
}

/**
 * A problem the bundler found in the synthetic document that wraps a bare schema, located in
 * the schema file as written: `#/components/schemas/<key>/…` is the file's `#/…` (its helpers
 * keep their own `components.schemas` pointers), on the file's own lines.
 */
function locatedInFile(problem: NormalizedProblem, file: SpecFile, key: string): NormalizedProblem {
  const own = `#${formatPointer(["components", "schemas", key])}`;
  const location = problem.location.map((loc) => {
    if (loc.source.absoluteRef !== file.path || loc.pointer === undefined) return loc;
    const inside = loc.pointer === own || loc.pointer.startsWith(`${own}/`);
    const pointer = inside ? `#${loc.pointer.slice(own.length)}` : loc.pointer;
    return { ...loc, source: new Source(file.path, file.text), pointer };
  });
  return { ...problem, location };
}

/**
 * openapi-typescript reads only OpenAPI documents, so a bare schema becomes the one component
 * of a synthetic document, bundled from the schema's own folder so its relative `$ref`s resolve.
 */
async function schemaSpec(
  file: SpecFile,
  source: string,
  module: string,
  warn: (message: string) => void,
  refs: RefPolicy,
): Promise<{ spec?: SpecModel; problems: NormalizedProblem[]; files: string[] }> {
  const names = new NameTable(warn);
  const name = schemaFileName(file.doc, basename(module), names, warn);
  // Some bare schemas (Matrix's olm_plaintext.yaml) keep helper schemas in their own
  // `components.schemas`: those become siblings of the main schema, where their refs point.
  // A boolean is a schema too (`true` accepts everything, `false` nothing).
  const whole = isObject(file.doc) ? file.doc : {};
  const { components, ...rest } = whole;
  const root: unknown = isObject(file.doc) ? rest : file.doc;
  const hoisted = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  if (components !== undefined && !isObject(components)) rest.components = components;
  // The main schema's component key is its type name, unless a helper already uses that key.
  let key = name;
  for (let i = 2; Object.prototype.hasOwnProperty.call(hoisted, key); i++) key = `${name}${i}`;
  if (key !== name)
    warn(
      `components.schemas.${name} is a helper of the schema file; the file's own schema is components.schemas.${key}`,
    );
  const schemasMap: Record<string, unknown> = { ...hoisted };
  const prepared = prepareSchemaRefs(root, source, formatPointer(["components", "schemas", key]), module);
  setOwn(schemasMap, key, prepared);
  const synthetic = {
    openapi: "3.1.0",
    info: { title: typeof whole.title === "string" ? whole.title : name, version: "0" },
    paths: {},
    components: { schemas: schemasMap },
  };
  const { document, problems, files } = await bundleSchema(synthetic, file, refs);
  if (problems.length) return { problems: problems.map((p) => locatedInFile(p, file, key)), files };
  // Only the file's own schema had references hidden; a file it references gets none back.
  const bundled = isObject(document.components) ? document.components.schemas : undefined;
  if (isObject(bundled) && Object.hasOwn(bundled, key)) restoreScopedRefs(bundled[key]);
  rejectNonFinite(document, source);
  const schemas: NamedSchema[] = [
    {
      name,
      typeExpression: `components["schemas"][${JSON.stringify(key)}]`,
      pointer: formatPointer(["components", "schemas", key]),
    },
  ];
  // Its helpers and definitions are components too, named before the collection items below.
  const helpers = Object.keys(hoisted).map((h) => ({ key: h, at: ["components", "schemas", h], type: typeOf(h) }));
  const mine = isObject(bundled) ? bundled[key] : undefined;
  const own = isObject(mine) ? mine : {};
  // The types hoist each definition to a component of its own (emit/types.ts hoistDefinitions).
  const definitions = ["$defs", "definitions"].flatMap((defs) => {
    const map = own[defs];
    const entry = (def: string) => ({
      key: def,
      at: ["components", "schemas", key, defs, def],
      type: typeOf(definitionKey(key, defs, def)),
    });
    return isObject(map) ? Object.keys(map).map(entry) : [];
  });
  schemas.push(...componentSchemas([...helpers, ...definitions], names, warn));
  // Collections of objects get a name for their element: identity_providers → IdentityProvider.
  const props =
    isObject(file.doc) && isObject((file.doc as Record<string, unknown>).properties)
      ? ((file.doc as Record<string, unknown>).properties as Record<string, unknown>)
      : {};
  // A root without `type` is typed as an object or any non-object (emit/json-schema-types.ts).
  const rootType = isObject(file.doc) ? (file.doc as Record<string, unknown>).type : undefined;
  const objectPart = rootType === undefined ? `Exclude<${name}, string | number | boolean | null | unknown[]>` : name;
  for (const [prop, schema] of Object.entries(props)) {
    if (
      isObject(schema) &&
      schema.type === "array" &&
      isObject(schema.items) &&
      (schema.items.type === "object" || isObject(schema.items.properties))
    ) {
      const element = names.claim(pascalCase(singular(prop)), `items of property ${JSON.stringify(prop)}`);
      if (element !== plainPascalCase(singular(prop)))
        warn(`items of property ${JSON.stringify(prop)} are named ${element}`);
      schemas.push({
        name: element,
        typeExpression: `NonNullable<${objectPart}[${JSON.stringify(prop)}]>[number]`,
        pointer: formatPointer(["components", "schemas", key, "properties", prop, "items"]),
      });
    }
  }
  return {
    spec: { source, module, kind: "json-schema", document, basePath: "", operations: [], schemas, webhooks: [] },
    problems,
    files,
  };
}

/**
 * A bare schema's type name: its `title` when that is an identifier (sanitised: `Result` gets
 * `Result_`), else the PascalCase of its file name; a change to either is reported.
 */
function schemaFileName(doc: unknown, file: string, names: NameTable, warn: (message: string) => void): string {
  const title = isObject(doc) && typeof doc.title === "string" && IDENTIFIER.test(doc.title) ? doc.title : undefined;
  if (title !== undefined) {
    const name = names.claim(safeIdentifier(title), `schema file ${JSON.stringify(file)}`);
    if (name !== title) {
      warn(`the title of schema file ${JSON.stringify(file)} is not a free identifier; its type is ${name}`);
    }
    return name;
  }
  const name = names.claim(pascalCase(file), `schema file ${JSON.stringify(file)}`);
  const rule = "is not a free identifier in PascalCase";
  if (name !== plainPascalCase(file)) warn(`schema file ${JSON.stringify(file)} ${rule}; its type is ${name}`);
  return name;
}
