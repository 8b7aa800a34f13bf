/**
 * Identifier rules for everything the generator names (written by hand: the rules are this
 * project's documented contract, see README "Naming"). The model applies them once; emitters
 * only print the names it holds.
 * - Type names: PascalCase of the source name; characters outside [A-Za-z0-9] split words.
 * - A leading digit gets a `_` prefix; reserved words and names the output declares or relies
 *   on get a `_` suffix.
 * - Names that collide (ignoring case) get `2`, `3`, … ({@link NameTable}).
 * Every result matches {@link IDENTIFIER}: no `$`, no non-ASCII letter, so a name the emitters
 * derive (`validateX`, `xOperation`, `xUrl`) can never be one a spec asked for verbatim.
 */
import type { Warn } from "../warnings.js";

/** ECMAScript and TypeScript reserved and contextual words, and names strict code may not bind. */
export const RESERVED: ReadonlySet<string> = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean number string symbol " +
    "bigint type from of await async unknown never object undefined eval arguments intrinsic keyof readonly " +
    "declare namespace module require global infer is asserts satisfies accessor override abstract"
  ).split(" "),
);

/**
 * Names the generated modules declare, import or rely on (types, validators, client, their
 * indexes and the root index), and globals whose shadowing would confuse the output or its
 * readers. A spec name equal to one of these gets a `_` suffix. `then` is here because a module
 * (or `createClient()`'s object) exporting `then` is a thenable: `await import()` would call it.
 */
export const OUTPUT_NAMES: ReadonlySet<string> = new Set([
  // openapi-typescript's declarations and helpers
  "paths",
  "operations",
  "components",
  "webhooks",
  "$defs",
  "WithRequired",
  "Readable",
  "Writable",
  "$Read",
  "$Write",
  "ReadonlyArray",
  "FlattenedDeepRequired",
  "OneOf",
  // the validators and client modules and their runtimes
  "ValidationError",
  "ValidationProblem",
  "ValidateFunction",
  "problemsOf",
  "tooDeep",
  "guard",
  "asserter",
  "fullFormats",
  "HttpError",
  "MatrixError",
  "ResponseValidationError",
  "Cache",
  "CacheEntry",
  "CallOptions",
  "ClientOptions",
  "RedirectResult",
  "Result",
  "SpecClient",
  "OmitClient",
  "createClient",
  "createMemoryCache",
  "buildUrl",
  "request",
  "prepareRequest",
  "readBytes",
  "serializeParams",
  "isStatusError",
  "statusKeys",
  "withHooks",
  "Hooks",
  "then",
  // globals and lib types the output uses or a reader expects
  "Record",
  "Array",
  "Object",
  "Promise",
  "Response",
  "Request",
  "Error",
  "TypeError",
  "Date",
  "JSON",
  "Map",
  "Set",
  "fetch",
  "URL",
  "URLSearchParams",
  "Headers",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "BigInt",
  "Function",
  "RegExp",
  "Math",
  "Reflect",
  "Proxy",
  "NonNullable",
  "Partial",
  "Required",
  "Readonly",
  "Pick",
  "Omit",
  "Exclude",
  "Extract",
  "Parameters",
  "ReturnType",
  "Awaited",
  "globalThis",
  "NaN",
  "Infinity",
  "window",
  "document",
  "self",
]);

/** What every generated name looks like. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** PascalCase words of a source name, before the safety fixes of {@link safeIdentifier}. */
export function plainPascalCase(name: string): string {
  const words = String(name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") || "Unnamed";
}

export function pascalCase(name: string): string {
  return safeIdentifier(plainPascalCase(name));
}

export function camelCase(name: string): string {
  const p = pascalCase(name)
    .replace(/^_(?=[0-9])/, "")
    .replace(/_$/, "");
  return safeIdentifier(p[0]!.toLowerCase() + p.slice(1));
}

/**
 * A digit-led name gets a `_` prefix; a reserved or output name a `_` suffix. Other characters are the caller's to
 * remove.
 */
export function safeIdentifier(name: string): string {
  let out = /^[0-9]/.test(name) ? `_${name}` : name;
  if (RESERVED.has(out) || OUTPUT_NAMES.has(out)) out = `${out}_`;
  return out;
}

/** `identity_providers` → `identity_provider`: the element name of a plural collection. */
export function singular(name: string): string {
  if (/ies$/.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|us)$/.test(name)) return name;
  return name.replace(/s$/, "");
}

/** Hands out unique names, suffixing `2`, `3`, … on collision (ignoring case) and reporting each rename. */
export class NameTable {
  readonly #taken = new Map<string, string>();
  constructor(private readonly warn: Warn) {}

  /** Whether `name` (ignoring case) is still free. */
  free(name: string): boolean {
    return !this.#taken.has(name.toLowerCase());
  }

  /** Who holds `name` (ignoring case), if anyone. */
  holder(name: string): string | undefined {
    return this.#taken.get(name.toLowerCase());
  }

  /** Marks `name` as used by `source` without a check (e.g. a name derived from a claimed one). */
  reserve(name: string, source: string): void {
    if (this.free(name)) this.#taken.set(name.toLowerCase(), source);
  }

  /**
   * The first of `wanted`, `wanted2`, … that is free together with its `companions` (suffixes
   * the caller will append, such as `Url`); claims it and them for `source`.
   */
  claim(
    wanted: string,
    source: string,
    companions: readonly string[] = [],
    elsewhere?: (name: string) => string | undefined,
  ): string {
    // `elsewhere` names the holder of a name taken in another table (a component's type name).
    const holderOf = (n: string) => this.#taken.get(n.toLowerCase()) ?? elsewhere?.(n);
    const fits = (n: string) => holderOf(n) === undefined && companions.every((c) => this.free(n + c));
    let name = wanted;
    for (let i = 2; !fits(name); i++) name = `${wanted}${i}`;
    if (name !== wanted) {
      const companionHolders = companions.map((c) => this.#taken.get((wanted + c).toLowerCase()));
      const holder = [holderOf(wanted), ...companionHolders].find(Boolean);
      this.warn(`${source}: name ${wanted} is taken by ${holder}; using ${name}`, "name-taken");
    }
    for (const n of [name, ...companions.map((c) => name + c)]) this.#taken.set(n.toLowerCase(), source);
    return name;
  }
}

/**
 * Top-level module names the output uses for its own files (`types/index.d.ts`,
 * `validators/runtime.js`, `validators/pointer.js`, `validators/helpers.js`, `validators/formats.js`, …).
 */
const OWN_MODULES: ReadonlySet<string> = new Set([
  "index",
  "runtime",
  "runtime-media",
  "pointer",
  "helpers",
  "formats",
]);
/** Folders the output fills itself (`client/runtime/send.js`, …): no spec's folder may be one. */
const OWN_FOLDERS: ReadonlySet<string> = new Set(["runtime"]);
/**
 * Characters a module path may not hold. `#`, `?` and `%` are URL syntax in an import
 * specifier (Node resolves specifiers as URLs, TypeScript as paths, so encoding them would fix
 * one and break the other), `\` is a separator on Windows and in file URLs, the URL parser
 * drops tabs and line breaks, and `<>:"|*` are not allowed in Windows file names.
 */
const UNSAFE_IN_MODULE = /[#?%\\<>:"|*\x00-\x1f\x7f\x85\u2028\u2029]/g;

/**
 * The module path of a spec (`client-server/auth_metadata` for `client-server/auth_metadata.yaml`,
 * relative to the folder given): the name its files get under `types/`, `validators/` and
 * `client/`. Every step is a plain file name: unsafe characters become `_`, a `..` step (a spec
 * outside the common root) becomes `__`, and a top-level name or folder the output uses itself
 * (`runtime.js`, `client/runtime/`) gets a `_` suffix, as does a name ending in `.as-written`
 * (the overlays' as-written validators use it) or `.ajv` (each validators module's Ajv code does).
 * Unique (ignoring case) only through a {@link NameTable}.
 */
export function moduleName(source: string): string {
  const steps = source
    .replace(/\.(ya?ml|json)$/i, "")
    .split("/")
    .map((step) => {
      if (step === "..") return "__";
      if (step === "" || step === ".") return "_";
      return step.replace(UNSAFE_IN_MODULE, "_");
    });
  const own = steps.length === 1 ? OWN_MODULES : OWN_FOLDERS;
  if (own.has(steps[0]!.toLowerCase())) steps[0] += "_";
  // `<module>.as-written` names the validators of a spec compiled without its overlays, and
  // `<module>.ajv` (`<module>.as-written.ajv`) the Ajv code under a validators module
  const last = steps.length - 1;
  if (/\.(as-written|ajv)$/i.test(steps[last]!)) steps[last] += "_";
  return steps.join("/");
}

/**
 * The component key a bare schema's `$defs` (or `definitions`) entry gets in the types, where
 * each becomes a component of its own (see emit/types.ts hoistDefinitions): a key that needs no
 * escaping in a `$ref`.
 */
export function definitionKey(parent: string, defs: string, name: string): string {
  return `${parent}.${defs}.${name}`.replace(/[^\w$.-]/g, "_");
}

/**
 * One warning for the names of a spec that the root index leaves out because an earlier spec
 * exports them (specs that bundle the same shared files have many such components): `what`
 * says which exports (`type(s)`), `dups` maps each name to the spec that has it.
 */
export function duplicatesWarning(source: string, what: string, dups: ReadonlyMap<string, string>): string | undefined {
  if (!dups.size) return undefined;
  const names = [...dups.keys()];
  const shown = names.slice(0, 5).join(", ") + (names.length > 5 ? `, … (${names.length} in all)` : "");
  const others = [...new Set(dups.values())];
  const by = others.slice(0, 3).join(", ") + (others.length > 3 ? ", …" : "");
  return `${source}: ${what} ${shown} also exported by ${by}; import them from that spec's own module`;
}
