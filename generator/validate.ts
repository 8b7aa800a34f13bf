import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { loadProjectConfig } from "./config.js";
import { SpecError } from "./errors.js";
import { readSpecFile, type SpecFile } from "./load/read.js";
import type { SpecModel } from "./model/types.js";
import { compileValidators } from "./emit/validators/compile.js";
import { literalPointer } from "./emit/validators/literal-pointer.js";
import { formatsModule, helpersModule, RUNTIME_JS_URL } from "./emit/validators/shared-files.js";
import { exportNames, validatorTargets, type ValidatorTarget } from "./emit/validators/targets.js";
import {
  displayPointer,
  problemSources,
  tooDeep,
  type AjvErrorObject,
  type ValidateFunction,
} from "./runtime/validation.js";
import type { OverlayRule } from "./load/overlay.js";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { findingProblems, isLintFormat, type LintFormat } from "./validate-format.js";
import { isObject } from "./load/refs.js";
import { textLocator } from "./load/locate.js";
import { escapeToken, pointerTokens, valueAt } from "./load/pointer.js";

/**
 * Core of `specgen validate <spec>#<operationId or schema name> <file.json…>`: the spec's
 * validators are compiled in memory by the emitter's own code (same Ajv options, same bundling)
 * and loaded as an ES module from a `data:` URL, then each JSON file is checked.
 */

export interface ValidateOptions {
  /** Working directory: where `specgen.config.json` (for overlays) is read and paths resolve. */
  cwd?: string;
  /** Apply the overlays the config lists for the spec (default true, as `generate` does). */
  overlays?: boolean;
  /** How problems are printed (default `text`). */
  format?: ValidateFormat;
}

export type ValidateFormat = "text" | "github-actions" | "json" | LintFormat;

/** One problem of one document: where it is, what is wrong, and the overlay rule it breaks, if any. */
export interface Finding {
  file: string;
  /** 1-based line and column in the file, when they can be told. */
  line?: number;
  col?: number;
  /** JSON pointer to the value (absent for a document that is not JSON). */
  pointer?: string;
  message: string;
  /** The overlay action's description and where the action is (`<overlay file>#/actions/<n>`). */
  rule?: { description: string; action: string };
  /** A URL that answered a failure status: the status, and its Matrix error body's `errcode` and `error`. */
  status?: number;
  errcode?: string;
  error?: string;
}

export interface ValidateOutcome {
  /** 0: every file valid; 1: some file invalid or not JSON; 2: usage error (nothing checked). */
  exitCode: 0 | 1 | 2;
  /** `file: pointer message`, one line per problem. */
  stdout: string[];
  /** Usage errors and the summary. */
  stderr: string[];
  /** With a format lint shares (codeframe, stylish, checkstyle): the findings, for its formatter. */
  problems?: NormalizedProblem[];
}

/** One spec's model and the validators it has, before any is compiled. */
export interface LoadedSpec {
  spec: SpecModel;
  targets: ValidatorTarget[];
  /** Model (and, once compiled, compile) warnings: unknown formats, non-Unicode patterns, … */
  warnings: string[];
}

/** Validators compiled in memory. */
export interface ImportedValidators {
  /** The compiled module: `validateX`, `isX`, `assertX` per target compiled. */
  exports: Record<string, unknown>;
  /** Where the schema of each function hoisted out of the document stood (emit/hoist.ts). */
  origins: Record<string, string[]>;
}

/** The validators of one spec, loaded in memory. */
export interface LoadedValidators extends LoadedSpec, ImportedValidators {}

class UsageError extends Error {}

/** A file that is not a JSON document: one finding, the file is invalid. */
class DocumentError extends Error {
  constructor(readonly finding: Finding) {
    super(`${finding.file}${finding.line !== undefined ? `:${finding.line}:${finding.col}` : ""}: ${finding.message}`);
  }
}

let formatsUrl: string | undefined;
let helpersUrl: string | undefined;
const dataUrl = (code: string) => `data:text/javascript;base64,${Buffer.from(code, "utf8").toString("base64")}`;

/** Builds the model of one spec file and loads the validators of all its targets. */
export async function loadValidators(specPath: string, options: ValidateOptions = {}): Promise<LoadedValidators> {
  const loaded = await loadSpec(specPath, options);
  const warn = (m: string) => loaded.warnings.push(m);
  return { ...loaded, ...(await compileInMemory(loaded.spec, loaded.targets, warn)) };
}

/** Builds the model of one spec file. */
export async function loadSpec(specPath: string, options: ValidateOptions = {}): Promise<LoadedSpec> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = resolve(cwd, specPath);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${specPath}: no such spec file`);
  const file = readSpecFile(path);
  if (file.kind !== "openapi" && file.kind !== "json-schema")
    throw new UsageError(`${specPath}: not an OpenAPI document or JSON Schema`);
  const config = loadProjectConfig(cwd);
  const overlays = new Map<string, SpecFile[]>();
  if (options.overlays !== false) {
    for (const [spec, files] of Object.entries(config.overlays)) {
      if (resolve(cwd, spec) === path)
        overlays.set(
          path,
          files.map((f) => readSpecFile(resolve(cwd, f))),
        );
    }
  }
  const { buildModel } = await import("./model/build.js");
  const { model, problems } = await buildModel([file], dirname(path), overlays, config.package);
  if (problems.length) {
    const first = problems
      .slice(0, 5)
      .map((p) => p.message)
      .join("; ");
    throw new UsageError(`${specPath}: the spec has ${problems.length} structural error(s): ${first}`);
  }
  const spec = model.specs[0];
  if (!spec) throw new UsageError(`${specPath}: nothing to validate against`);
  return { spec, targets: validatorTargets(spec), warnings: [...model.warnings] };
}

/**
 * Compiles validators for `targets` of a spec exactly as the emitter does and imports the module
 * from a `data:` URL; the runtime is the toolkit's own compiled copy, the formats module another
 * `data:` URL (a `data:` module can import absolute URLs only).
 */
export async function importValidators(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
): Promise<Record<string, unknown>> {
  return (await compileInMemory(spec, targets, warn)).exports;
}

/** {@link importValidators}, with the origins of the hoisted functions. */
async function compileInMemory(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
): Promise<ImportedValidators> {
  formatsUrl ??= dataUrl(formatsModule());
  helpersUrl ??= dataUrl(helpersModule());
  const shared = { runtime: RUNTIME_JS_URL.href, formats: formatsUrl, helpers: helpersUrl };
  const { code, origins } = await compileValidators(spec, targets, shared, warn);
  return { exports: (await import(dataUrl(code))) as Record<string, unknown>, origins };
}

/**
 * The target named by `selector`: an operationId (its first 2xx JSON response, or for a
 * webhook its request body; `operationId:status`, or `operationId:body` for the request
 * body), a schema name, or a generated type name.
 */
function selectTarget(spec: SpecModel, targets: readonly ValidatorTarget[], selector: string): ValidatorTarget {
  // A component is also found by its key as written (`pet-status`, whose type is `PetStatus`).
  const component = spec.schemas.find((s) => s.component === selector)?.name;
  const byName = targets.find((t) => t.name === selector) ?? targets.find((t) => t.name === component);
  const colon = selector.lastIndexOf(":");
  const all = [...spec.operations, ...spec.webhooks];
  const [opId, status] =
    all.some((o) => o.operationId === selector) || colon < 0
      ? [selector, undefined]
      : [selector.slice(0, colon), selector.slice(colon + 1)];
  const op = all.find((o) => o.operationId === opId);
  if (op) {
    const mine = targets.filter((t) => t.operationId === op.operationId);
    // A webhook's own document is the request it carries; an operation's, its 2xx response.
    const wanted = (t: ValidatorTarget) => (op.root === "webhooks" ? t.status === "body" : t.status?.startsWith("2"));
    const found = status === undefined ? mine.find(wanted) : mine.find((t) => t.status === status);
    if (found) return found;
    const has = mine.map((t) => t.status).join(", ") || "none";
    const missing =
      status === undefined
        ? op.root === "webhooks"
          ? "JSON request body"
          : "2xx JSON response"
        : status === "body"
          ? "JSON request body"
          : `${status} JSON response`;
    throw new UsageError(
      `${op.root === "webhooks" ? "webhook" : "operation"} ${op.operationId} has no ${missing} (JSON bodies: ${has})`,
    );
  }
  if (byName) return byName;
  throw new UsageError(
    `no operation or schema named ${JSON.stringify(selector)} in ${spec.source}; available: ${available(spec, targets)}`,
  );
}

function available(spec: SpecModel, targets: readonly ValidatorTarget[]): string {
  const names: string[] = [];
  for (const op of [...spec.operations, ...spec.webhooks]) {
    const statuses = targets.filter((t) => t.operationId === op.operationId).map((t) => t.status);
    if (statuses.length) names.push(`${op.operationId} (${statuses.join(", ")})`);
  }
  for (const t of targets) if (t.operationId === undefined) names.push(t.name);
  return names.join(", ") || "none (the spec has no JSON response or named schema)";
}

/** Reads a JSON file as UTF-8 (a BOM is skipped); throws a message naming the file. */
export function readJsonFile(file: string, cwd: string): unknown {
  return readJsonText(file, cwd).value;
}

/** {@link readJsonFile}, with the text it parsed. */
function readJsonText(file: string, cwd: string): { value: unknown; text: string } {
  let bytes: Buffer;
  try {
    // File descriptor 0: standard input, read to its end.
    bytes = readFileSync(file === STDIN ? 0 : resolve(cwd, file));
  } catch (err) {
    throw new UsageError(
      `${shown(file)}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseJson(bytes, shown(file));
}

/** Most bytes read from a URL: an OAuth metadata document is a few kilobytes. */
const MAX_FETCHED = 10 << 20;

/** GETs a JSON document (`specgen validate spec#op https://…`); a failure is a finding about the URL. */
async function fetchJsonText(url: string): Promise<{ value: unknown; text: string }> {
  const chunks: Uint8Array[] = [];
  try {
    // Options with no prototype: a polluted Object.prototype (`method`, `body`, `redirect`, …)
    // cannot change the request.
    const headers = Object.assign(Object.create(null) as Record<string, string>, { accept: "application/json" });
    const init = Object.assign(Object.create(null) as RequestInit, { headers, signal: AbortSignal.timeout(30_000) });
    const res = await fetch(url, init);
    if (!res.ok) throw new DocumentError(await httpFailure(url, res));
    let size = 0;
    const reader = res.body?.getReader();
    while (reader) {
      const chunk = await reader.read();
      if (chunk.done) break;
      size += chunk.value.length;
      if (size > MAX_FETCHED) {
        void reader.cancel();
        throw new DocumentError({ file: url, message: `the answer is over ${MAX_FETCHED} bytes` });
      }
      chunks.push(chunk.value);
    }
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    // undici's "fetch failed" says why in its cause: a code (ECONNREFUSED) or a message ("bad
    // port"); a timeout, while connecting or reading, is a TimeoutError.
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new DocumentError({ file: url, message: `cannot fetch: ${why}` });
  }
  return parseJson(Buffer.concat(chunks), url);
}

/** Most bytes of an error answer read for its Matrix error body: `{"errcode", "error"}` is short. */
const MAX_ERROR_BODY = 64 << 10;

/**
 * The finding for a URL that answered a failure status: the status first, then the Matrix
 * error's `errcode` and `error` when the body is one (`HTTP 404 Not Found: M_UNRECOGNIZED:
 * Unrecognized request`), so an operator sees what the server said. Any other body (an HTML
 * error page) is left out.
 */
async function httpFailure(url: string, res: Response): Promise<Finding> {
  const finding: Finding = { file: url, message: `HTTP ${res.status} ${res.statusText}`.trim(), status: res.status };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  try {
    while (reader) {
      const chunk = await reader.read();
      if (chunk.done) break;
      size += chunk.value.length;
      if (size > MAX_ERROR_BODY) {
        void reader.cancel();
        return finding;
      }
      chunks.push(chunk.value);
    }
    const body = JSON.parse(new TextDecoder().decode(Buffer.concat(chunks))) as unknown;
    if (isObject(body) && typeof body.errcode === "string") {
      const error = typeof body.error === "string" ? body.error : undefined;
      finding.message += `: ${body.errcode}${error !== undefined ? `: ${error}` : ""}`;
      finding.errcode = body.errcode;
      if (error !== undefined) finding.error = error;
    }
  } catch {
    // Not JSON, or cut off: the status alone is the finding.
  }
  return finding;
}

/** UTF-8 bytes (a BOM is dropped) parsed as JSON; `file` names them in findings. */
function parseJson(bytes: Buffer, file: string): { value: unknown; text: string } {
  let text: string;
  try {
    // `fatal` rejects malformed UTF-8 rather than silently replacing it; the BOM is dropped.
    const options = Object.assign(Object.create(null) as TextDecoderOptions, { fatal: true, ignoreBOM: false });
    text = new TextDecoder("utf-8", options).decode(bytes);
  } catch {
    throw new DocumentError({ file, message: "not valid UTF-8 text" });
  }
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch (err) {
    // V8 quotes the text around the error (line breaks kept: joined here, one problem per line)
    // and often names the offset (`… in JSON at position 42`), shown as a line and column.
    const message = (err as Error).message.replace(/[\r\n\u2028\u2029]+/g, " ");
    const offset = /at position (\d+)/.exec(message);
    const before = offset ? text.slice(0, Number(offset[1])).split("\n") : undefined;
    throw new DocumentError({
      file,
      ...(before && { line: before.length, col: before.at(-1)!.length + 1 }),
      message: `invalid JSON: ${message}`,
    });
  }
}

/**
 * Most problems reported per document: a broken or hostile answer can fail on every one of
 * millions of values, and each reported problem is located in its text and checked against the
 * overlay rules; the rest are counted.
 */
const MAX_DOCUMENT_PROBLEMS = 100;

/** The file name that stands for standard input, and how findings name it. */
const STDIN = "-";
const STDIN_NAME = "<stdin>";
const shown = (file: string) => (file === STDIN ? STDIN_NAME : file);

/** `specgen validate`: never throws for bad input; the outcome says what to print and the exit code. */
export async function runValidate(
  target: string,
  files: readonly string[],
  options: ValidateOptions = {},
): Promise<ValidateOutcome> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const stdout: string[] = [];
  const stderr: string[] = [];
  const hash = target.lastIndexOf("#");
  if (hash <= 0 || hash === target.length - 1) {
    return {
      exitCode: 2,
      stdout,
      stderr: [`specgen validate: expected <spec>#<operationId or schema name>, got ${JSON.stringify(target)}`],
    };
  }
  if (!files.length) return { exitCode: 2, stdout, stderr: ["specgen validate: no JSON files given"] };
  if (files.filter((f) => f === STDIN).length > 1)
    return { exitCode: 2, stdout, stderr: ["specgen validate: standard input (-) can be read only once"] };
  let validate: ValidateFunction<unknown>;
  let chosen: ValidatorTarget;
  let loaded: LoadedSpec;
  let origins: Record<string, string[]>;
  try {
    loaded = await loadSpec(target.slice(0, hash), options);
    chosen = selectTarget(loaded.spec, loaded.targets, target.slice(hash + 1));
    // Only the chosen target is compiled (with what it references): a spec's other bodies are
    // no concern of this check, and compiling all 261 of GitHub's webhooks took most of a minute.
    const compiled = await compileInMemory(loaded.spec, [chosen], (m) => loaded.warnings.push(m));
    for (const w of loaded.warnings) stderr.push(`warning: ${w}`);
    validate = compiled.exports[exportNames(chosen.name).validate] as ValidateFunction<unknown>;
    origins = compiled.origins;
  } catch (err) {
    if (err instanceof UsageError) return { exitCode: 2, stdout, stderr: [`specgen validate: ${err.message}`] };
    if (err instanceof SpecError) return { exitCode: 2, stdout, stderr: [`specgen validate: ${err.toString()}`] };
    throw err;
  }
  const rules = loaded.spec.overlayRules ?? [];
  const document = loaded.spec.document;
  const roots = rules.length ? functionRoots(document, literalPointer(document, chosen.pointer), origins) : [];
  const findings: Finding[] = [];
  // The text of each document read, for the code frames of lint's formatter.
  const texts = new Map<string, string>();
  const format = options.format ?? "text";
  let valid = 0;
  let usage = false;
  for (const given of files) {
    const file = shown(given);
    let value: unknown;
    let text: string;
    try {
      ({ value, text } = /^https?:\/\//i.test(given) ? await fetchJsonText(given) : readJsonText(given, cwd));
    } catch (err) {
      if (err instanceof UsageError) {
        usage = true;
        stderr.push(`specgen validate: ${err.message}`);
      } else if (err instanceof DocumentError) findings.push(err.finding);
      else throw err;
      continue;
    }
    if (isLintFormat(format)) texts.set(file, text);
    let problems: ReturnType<typeof problemSources>;
    try {
      problems = validate(value) ? [] : problemSources(validate.errors);
    } catch (err) {
      problems = problemSources(tooDeep(err));
    }
    if (!problems.length) valid++;
    const at = problems.length ? textLocator(file, text) : undefined;
    for (const { problem: p, error } of problems.slice(0, MAX_DOCUMENT_PROBLEMS)) {
      const rule = citeRule(rules, roots, loaded.spec.document, error);
      findings.push({
        file,
        ...at?.(p.pointer),
        pointer: p.pointer,
        message: p.message,
        ...(rule && {
          rule: {
            description: rule.description,
            action: `${relative(cwd, rule.file).split(sep).join("/")}#/actions/${rule.action}`,
          },
        }),
      });
    }
    const more = problems.length - MAX_DOCUMENT_PROBLEMS;
    if (more > 0) {
      const message = `… and ${more} more problem(s) not shown (the first ${MAX_DOCUMENT_PROBLEMS} are)`;
      findings.push({ file, message });
    }
  }
  const problems = isLintFormat(format) ? findingProblems(findings, texts, findingText) : undefined;
  if (!problems) stdout.push(...formatFindings(findings, format));
  stderr.push(
    `specgen validate: ${valid} of ${files.length} file(s) valid against ${chosen.name} (${target.slice(0, hash)})`,
  );
  return { exitCode: usage ? 2 : valid === files.length ? 0 : 1, stdout, stderr, ...(problems && { problems }) };
}

/**
 * Findings as output lines. `text`: `file:line:col: pointer message (overlay rule: …)`;
 * `github-actions`: workflow commands that annotate the file (values escaped as GitHub's
 * toolkit does); `json`: one JSON array of findings.
 */
function formatFindings(findings: readonly Finding[], format: ValidateFormat): string[] {
  if (format === "json") return [JSON.stringify(findings, null, 2)];
  return findings.map((f) => {
    const what = findingText(f);
    if (format === "text") return `${f.file}${f.line !== undefined ? `:${f.line}:${f.col}` : ""}: ${what}`;
    const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
    const place = f.line !== undefined ? `,line=${f.line},col=${f.col}` : "";
    return `::error file=${property(f.file)}${place},title=${property("specgen validate")}::${data(what)}`;
  });
}

/** What a finding says, without its file and place: `pointer message (overlay rule: …)`. */
function findingText(f: Finding): string {
  const rule = f.rule ? ` (overlay rule: ${f.rule.description} [${f.rule.action}])` : "";
  return `${f.pointer !== undefined ? `${displayPointer(f.pointer)} ` : ""}${f.message}${rule}`;
}

/**
 * Where Ajv's compiled functions start, as schema tokens: the target's own function (reached with
 * the document's root value, so `anchored`), the target of every local `$ref` (inlineRefs is
 * off, so each is a function of its own, called at any depth of the value), and every place a
 * subschema hoisted into a function stood (emit/hoist.ts). An error's schema path is relative to
 * the function that raised it, and it does not say which one that was.
 */
interface FunctionRoot {
  tokens: string[];
  anchored: boolean;
}

function functionRoots(document: unknown, targetAt: string, origins: Record<string, string[]>): FunctionRoot[] {
  const refs = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) refs.add(node.$ref);
      Object.values(node).forEach(visit);
    }
  };
  visit(document);
  const roots = [...refs].map((ref) => ({ tokens: pointerTokens(ref), anchored: false }));
  for (const at of Object.values(origins).flat()) roots.push({ tokens: pointerTokens(at), anchored: false });
  const target = pointerTokens(targetAt);
  const same = (a: readonly string[]) => a.length === target.length && a.every((t, i) => t === target[i]);
  return roots.some((r) => same(r.tokens)) ? roots : [{ tokens: target, anchored: true }, ...roots];
}

/**
 * The overlay rule a failed keyword comes from: the keyword (or one inside it, such as the
 * `contains` under an added `allOf`) sits where an overlay action put it, and the value that
 * failed sits where that schema applies. Every function root whose schema holds the error's
 * schema path, at a place that applies to the failed value, could have raised it; a rule is cited
 * only when all of them lead to the same rule, so a keyword of the spec's own that happens to
 * sit at the same relative path in another component is never blamed on an overlay.
 */
function citeRule(
  rules: readonly OverlayRule[],
  roots: readonly FunctionRoot[],
  document: unknown,
  error: AjvErrorObject,
): OverlayRule | undefined {
  if (!error.schemaPath.startsWith("#/")) return undefined;
  const path = pointerTokens(error.schemaPath);
  const cited = new Set<OverlayRule | undefined>();
  for (const root of roots) {
    const at = [...root.tokens, ...path];
    const keyword = valueAt(document, at);
    if (keyword === undefined || !agrees(path.at(-1)!, keyword, error.params)) continue;
    const applies = instancePattern(path.slice(0, -1), root.anchored);
    if (applies && !applies.test(error.instancePath)) continue;
    cited.add(
      rules.find((rule) => {
        const base = pointerTokens(rule.pointer);
        if (at.length <= base.length || base.some((t, i) => t !== at[i])) return false;
        if (!rule.keywords.includes(at[base.length]!)) return false;
        // A rule above the function's root (a subschema it added, hoisted into a function of
        // its own): that function is called at any depth, so any instance path may be its.
        if (base.length < root.tokens.length) return !root.anchored;
        return instancePattern(base.slice(root.tokens.length), root.anchored)?.test(error.instancePath) ?? false;
      }),
    );
  }
  return cited.size === 1 ? [...cited][0] : undefined;
}

/**
 * Whether an error's params agree with the keyword's value in a schema: Ajv puts the value it
 * checked against in the params of these keywords. Any other keyword agrees.
 */
function agrees(keyword: string, value: unknown, params: Record<string, unknown>): boolean {
  switch (keyword) {
    case "pattern":
    case "format":
    case "multipleOf":
      return params[keyword] === value;
    case "const":
      return isDeepStrictEqual(params.allowedValue, value);
    case "enum":
      return isDeepStrictEqual(params.allowedValues, value);
    case "required":
      return Array.isArray(value) && value.includes(params.missingProperty);
    case "type":
      return String(params.type) === (Array.isArray(value) ? value.join(",") : String(value));
    default:
      return !("limit" in params) || params.limit === value;
  }
}

/**
 * The instance paths a subschema at `path` (schema tokens below a function root) applies to, or
 * undefined when they cannot be told; below any whole number of segments unless `anchored`.
 */
function instancePattern(path: readonly string[], anchored: boolean): RegExp | undefined {
  let source = "";
  const segment = (literal?: string) =>
    (source += literal === undefined ? "/[^/]*" : `/${escapeToken(literal).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
  for (let i = 0; i < path.length; i++) {
    const t = path[i]!;
    if (t === "properties" || t === "prefixItems") segment(path[++i]);
    else if (t === "patternProperties") i++, segment();
    else if (
      t === "items" ||
      t === "additionalProperties" ||
      t === "unevaluatedProperties" ||
      t === "unevaluatedItems" ||
      t === "contains"
    )
      segment();
    else if (t === "allOf" || t === "anyOf" || t === "oneOf" || t === "dependentSchemas") i++;
    else if (t !== "not" && t !== "if" && t !== "then" && t !== "else") return undefined;
  }
  return new RegExp(`^${anchored ? "" : "(?:/[^/]*)*"}${source}$`);
}
