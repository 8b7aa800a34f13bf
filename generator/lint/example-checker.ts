import { dereference, validate, type Schema } from "@cfworker/json-schema";
import { type DocumentStore, fileUrl, getPointer } from "../load/refs.js";
import type { SpecError } from "../errors.js";
import { fileURLToPath } from "node:url";
import { schemaAt, schemaFrom30 } from "../load/oas30.js";
import { DATA_KEYS, NAME_MAPS } from "../load/keys.js";
import { compiles, unicodeEquivalent } from "../load/regex.js";
import { references } from "../load/fragments.js";
import { applyTagConstraints, tagConstraints } from "../model/discriminators.js";
import { encodeFragment, formatPointer, parseFragment, pointerTokens, setOwn, setOwnFresh } from "../load/pointer.js";
import { isUnsafePattern } from "./patterns.js";

/**
 * What checking one example found: its problems (`[instancePath, message]`) and the unsafe
 * patterns it was not checked against.
 */
export interface ExampleCheck {
  problems: Array<[string, string]>;
  unchecked: string[];
}

/** A regex that matches every string, run in place of one recheck judged unsafe. */
const MATCH_ALL = "(?:)";

/**
 * Where the example check meets a regex recheck judged prone to catastrophic backtracking
 * (lint's `pattern-safe`): the spec's own example must not hang lint, so such a regex is never
 * run. The validator reads it as matching, and the check says the example was not checked
 * against it (see {@link ExampleChecker.check}).
 */
class UnsafePatterns {
  /** The unsafe patterns the current check reached. */
  readonly reached = new Set<string>();
  #active = false;

  /** Runs `check` with reaching recorded from a clean slate. */
  during<T>(check: () => T): T {
    this.reached.clear();
    this.#active = true;
    try {
      return check();
    } finally {
      this.#active = false;
    }
  }

  /**
   * A `pattern` value: the validator builds `new RegExp(value)`, which reads it as a string, so
   * the unsafe regex is reported when (and only when) it would have been run on a string.
   */
  patternValue(pattern: string): unknown {
    if (!isUnsafePattern(pattern)) return pattern;
    const record = () => {
      if (this.#active) this.reached.add(pattern);
      return MATCH_ALL;
    };
    return { toString: record, [Symbol.toPrimitive]: record };
  }

  /**
   * A schema whose `patternProperties` has unsafe keys: those read as matching every name, with
   * no constraint on the value (no false problem), and reported when a check reads the keyword.
   */
  guardPatternProperties(schema: Record<string, unknown>): void {
    const map = schema.patternProperties;
    if (typeof map !== "object" || map === null) return;
    const unsafe = Object.keys(map).filter(isUnsafePattern);
    if (!unsafe.length) return;
    const safe: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
      if (unsafe.includes(key)) continue;
      setOwn(safe, key, value);
    }
    setOwn(safe, MATCH_ALL, true);
    Object.defineProperty(schema, "patternProperties", {
      enumerable: true,
      configurable: true,
      get: () => {
        if (this.#active) for (const p of unsafe) this.reached.add(p);
        return safe;
      },
    });
  }
}

// Keywords whose failure only repeats a failure found deeper in the instance.
const PROPAGATING = new Set([
  "properties",
  "items",
  "prefixItems",
  "$ref",
  "allOf",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "dependentSchemas",
  "$dynamicRef",
]);

/**
 * Validates example values against the schema at `file#pointer`. Each example is checked once,
 * so an interpreting validator (@cfworker/json-schema) is used rather than compiling an Ajv
 * function per example: lint over the Matrix corpus checks over a thousand examples. Every
 * document is registered under its file URL, so cross-file `$ref`s resolve as they do in Ajv.
 */
export class ExampleChecker {
  readonly #lookup: Record<string, Schema> = Object.create(null) as Record<string, Schema>;
  readonly #added = new Set<string>();

  readonly #copies = new Map<string, unknown>();
  readonly #unsafe = new UnsafePatterns();
  /** Files whose documents are registered, with the `$ref` targets that could not be read. */
  readonly #registered = new Map<string, readonly SpecError[]>();

  /** `from30`: the documents are OpenAPI 3.0, their schemas read as 2020-12 (see load/oas30.ts). */
  constructor(
    readonly store: DocumentStore,
    readonly from30 = false,
  ) {}

  /**
   * The document at `path` as the generated validators read it: OpenAPI 3.0 schemas as 2020-12
   * (load/oas30.ts), and the tags of discriminated unions required (model/discriminators.ts;
   * only within the file, as its mapping's local `$ref`s name them).
   */
  #document(path: string, doc: unknown): unknown {
    if (!this.#copies.has(path)) {
      const copy = schemaDocument(doc, this.from30, this.#unsafe);
      applyTagConstraints(copy, tagConstraints(doc));
      this.#copies.set(path, copy);
    }
    return this.#copies.get(path);
  }

  /**
   * Problems of `value` against the schema at `file#pointer`, and the regexes it was not checked
   * against because recheck judged them unsafe (see {@link UnsafePatterns}).
   */
  check(file: string, pointer: string, value: unknown): ExampleCheck {
    const problems = this.#unsafe.during(() => this.#problems(file, pointer, value));
    return { problems, unchecked: [...this.#unsafe.reached].sort() };
  }

  #problems(file: string, pointer: string, value: unknown): Array<[string, string]> {
    // `$ref` targets that cannot be read (missing, refused by the policy) are reported at their
    // `$ref` by no-unresolved-refs; a schema that needs one is then not checked here.
    let unreadable: readonly SpecError[] = [];
    try {
      unreadable = this.#register(file);
      // dereference() indexes schema keywords only, not OpenAPI structure (parameter arrays
      // and the like), so the schema at the pointer is indexed under its own location here.
      // A pointer into nothing is an error (the copy's lookup below only reads).
      // Redocly gives plain pointers (raw `{}` and spaces); the store and the validator read fragments.
      getPointer(this.store.get(file), encodeFragment(pointer), file);
      const schema = schemaAt(
        this.#document(file, this.store.get(file)),
        pointer === "/" ? [] : pointerTokens(pointer),
      ) as Schema & { __absolute_uri__?: string };
      if (typeof schema === "object" && schema !== null && schema.__absolute_uri__ === undefined) {
        dereference(
          schema,
          this.#lookup,
          new URL(fileUrl(file)),
          pointer === "" || pointer === "/" ? "" : encodeFragment(pointer),
        );
      }
      const result = validate(value, schema, "2020-12", this.#lookup, false);
      if (result.valid) return [];
      const leaves = result.errors.filter((e) => !PROPAGATING.has(e.keyword));
      return (leaves.length ? leaves : result.errors).map((e) => [
        formatPointer(parseFragment(e.instanceLocation)),
        e.error.replace(/\.$/, ""),
      ]);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (unreadable.length || this.#missingTarget(message)) return [];
      return [["", `schema cannot be used: ${message}`]];
    }
  }

  /**
   * Registers every document `file` reaches (once per file and run: the walk over the files'
   * `$ref`s costs as much as the documents are large, so doing it per example made lint's time
   * grow with examples × document size); returns the targets that could not be read.
   */
  #register(file: string): readonly SpecError[] {
    const known = this.#registered.get(file);
    if (known) return known;
    const unreadable: SpecError[] = [];
    let data: Set<string> | undefined;
    for (const [path, doc] of this.store.closure(file, unreadable)) {
      const url = fileUrl(path);
      if (this.#added.has(url) || typeof doc !== "object" || doc === null) continue;
      // Example data is no schema: registered, its `id` members would be read as schema ids.
      // (Data for `file` only: the checker serves a whole run, where another file may use it as a schema.)
      data ??= references(this.store, [file], []).data;
      if (data.has(path)) continue;
      this.#added.add(url);
      dereference(this.#document(path, doc) as Schema, this.#lookup, new URL(url));
    }
    this.#registered.set(file, unreadable);
    return unreadable;
  }

  /** Whether a validator error names a `$ref` target that does not exist (a pointer into nothing). */
  #missingTarget(message: string): boolean {
    const uri = /^Unresolved \$ref .*Absolute URI "(file:[^"#]*)(?:#([^"]*))?"/s.exec(message);
    if (!uri) return false;
    try {
      const path = fileURLToPath(uri[1]!);
      getPointer(this.store.get(path), uri[2] ?? "", path);
      return false;
    } catch {
      return true;
    }
  }
}

/**
 * The copy of a document (or of a file it references) that the validator indexes: example values
 * left out (their members, such as an `id`, are not schema ids), other data kept as it is, a
 * pattern only plain mode compiles in its Unicode form where there is one (load/regex.ts, as the
 * validators compile it), and with `from30` every schema read as 2020-12 (load/oas30.ts). Keys
 * of name maps are names. A regex recheck judged unsafe is never run (see {@link UnsafePatterns}).
 */
function schemaDocument(
  node: unknown,
  from30: boolean,
  unsafe: UnsafePatterns,
  names = false,
  depth = 0,
  parent = "",
): unknown {
  if (depth > 10_000 || typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) return node.map((v) => schemaDocument(v, from30, unsafe, false, depth + 1));
  const unicode = (pattern: string) => (compiles(pattern, "u") ? pattern : (unicodeEquivalent(pattern) ?? pattern));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!names && (key === "example" || key === "examples")) continue;
    let copy: unknown;
    if (names) copy = schemaDocument(value, from30, unsafe, false, depth + 1);
    else if (key === "pattern" && typeof value === "string") copy = unsafe.patternValue(unicode(value));
    else if (DATA_KEYS.has(key)) copy = value;
    else copy = schemaDocument(value, from30, unsafe, NAME_MAPS.has(key), depth + 1, key);
    const name = names && parent === "patternProperties" ? unicode(key) : key;
    setOwnFresh(out, name, copy);
  }
  const schema = from30 && !names ? schemaFrom30(out) : out;
  if (!names) {
    // A nullable 3.0 schema may come back wrapped (`anyOf: [schema, {type: null}]`).
    const wrapped = schema !== out && Array.isArray(schema.anyOf) ? schema.anyOf : [];
    for (const node of [schema, ...wrapped]) {
      if (typeof node === "object" && node !== null) unsafe.guardPatternProperties(node as Record<string, unknown>);
    }
  }
  return schema;
}
