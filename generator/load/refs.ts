import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SpecError } from "../errors.js";
import { MAX_ALIAS_EXPANSION, readDocument } from "./read.js";
import { assertReadable, hasScheme, normalizeUrl, type RefPolicy } from "./policy.js";
import { formatPointer, parseFragment, PointerSyntaxError, setOwnFresh, valueAt } from "./pointer.js";

/**
 * Parsed documents by absolute path (or URL, for remote documents Redocly fetched under the
 * policy), read once per run. Example values and schemas that Redocly does not resolve (its
 * walker never enters example values) are resolved through here, under the same RefPolicy.
 * Without a policy, any local file may be read and nothing remote.
 */
export class DocumentStore {
  readonly #docs: Map<string, unknown>;
  /** What walks of each document found (its `$ref`s…), by path and what: lint asks once per document reaching it. */
  readonly #found = new Map<string, Map<string, unknown>>();

  /** `parsed`: documents already read this run (the spec files given), by absolute path. */
  constructor(
    readonly policy?: RefPolicy,
    parsed: Iterable<readonly [string, unknown]> = [],
  ) {
    this.#docs = new Map(parsed);
  }

  /** The parsed document at `path`; `from` is the file whose `$ref` leads there. */
  get(path: string, from = path): unknown {
    if (!this.#docs.has(path)) {
      assertReadable(this.policy, path, from);
      if (hasScheme(path)) {
        const fetched = this.policy?.fetched;
        if (!fetched?.has(path))
          throw new SpecError(
            `the remote $ref ${JSON.stringify(path)} is only followed where Redocly resolves it ` +
              "(not inside example values)",
            from,
          );
        this.#docs.set(path, fetched.get(path));
      } else this.#docs.set(path, readDocument(path).doc);
    }
    return this.#docs.get(path);
  }

  /** What `find` (named `what`, depending on the document alone) finds at `path`, found once per store. */
  found<T>(path: string, what: string, find: (doc: unknown) => T): T {
    const byWhat = this.#found.get(path) ?? new Map<string, unknown>();
    this.#found.set(path, byWhat);
    if (!byWhat.has(what)) byWhat.set(what, find(this.get(path)));
    return byWhat.get(what) as T;
  }

  /**
   * Every document reachable from `path` through non-local `$ref`s, `path` included. A target
   * that cannot be read is left out (Redocly reports it at its `$ref`); `errors` collects why.
   */
  closure(path: string, errors: SpecError[] = []): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const queue: Array<[target: string, from: string]> = [[path, path]];
    const tried = new Set<string>();
    while (queue.length) {
      const [p, from] = queue.shift()!;
      if (tried.has(p)) continue;
      tried.add(p);
      let doc: unknown;
      try {
        doc = this.get(p, from);
      } catch (err) {
        if (!(err instanceof SpecError) || p === path) throw err;
        errors.push(err);
        continue;
      }
      out.set(p, doc);
      for (const ref of this.found(p, "refs", collectRefs)) {
        try {
          const target = refFile(ref, p);
          if (target) queue.push([target, p]);
        } catch (err) {
          if (!(err instanceof SpecError)) throw err;
          errors.push(err);
        }
      }
    }
    return out;
  }

  /**
   * Replaces every `{ $ref }` inside a plain value (an example) by the document it points at,
   * recursively and relative to the file that holds each `$ref`. Cycles are an error, and so
   * is a value that grows past MAX_ALIAS_EXPANSION nodes (refs to refs multiply like aliases).
   */
  inlineRefs(value: unknown, file: string): unknown {
    const budget = { nodes: 0 };
    return this.#inline(value, file, [], budget);
  }

  #inline(value: unknown, file: string, seen: readonly string[], budget: { nodes: number }): unknown {
    if (++budget.nodes > MAX_ALIAS_EXPANSION)
      throw new SpecError(`the example grows past ${MAX_ALIAS_EXPANSION} nodes once its $refs are inlined`, file);
    if (Array.isArray(value)) return value.map((v) => this.#inline(v, file, seen, budget));
    if (!isObject(value)) return value;
    const ref = value.$ref;
    if (typeof ref === "string") {
      const [target, pointer] = splitRef(ref, file);
      const key = `${target}#${pointer}`;
      if (seen.includes(key)) throw new SpecError(`circular $ref in an example: ${ref}`, file);
      const resolved = this.#inline(
        getPointer(this.get(target, file), pointer, target),
        target,
        [...seen, key],
        budget,
      );
      const siblings = Object.keys(value).filter((k) => k !== "$ref");
      if (siblings.length === 0 || !isObject(resolved)) return resolved;
      // Matrix example files extend a base event this way: `{ $ref: base, ...overrides }`.
      return { ...resolved, ...(this.#inline(omit(value, "$ref"), file, seen, budget) as object) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      setOwnFresh(out, k, this.#inline(v, file, seen, budget));
    }
    return out;
  }
}

function omit(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * `node`, or what its local `$ref` (`#/…`, followed up to 32 times) points at in `document`; undefined for a dangling
 * one.
 */
export function deref(document: Record<string, unknown>, node: unknown): unknown {
  return derefAt(document, node, []).node;
}

/** {@link deref}, with the reference tokens of where the node found is (`at` for a node that is no `$ref`). */
export function derefAt(
  document: Record<string, unknown>,
  node: unknown,
  at: string[],
): { node: unknown; at: string[] } {
  for (let i = 0; i < 32 && isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/"); i++) {
    at = parseFragment(node.$ref);
    node = valueAt(document, at);
  }
  return { node, at };
}

/** Every `$ref` string in a document; iterative, and each shared (aliased) node is visited once. */
function collectRefs(doc: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const stack = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) for (const v of node) stack.push(v);
    else {
      for (const [k, v] of Object.entries(node)) {
        if (k === "$ref" && typeof v === "string") out.push(v);
        else stack.push(v);
      }
    }
  }
  return out;
}

/** The absolute file a `$ref` points into, or undefined for a local (`#…`) reference. */
function refFile(ref: string, from: string): string | undefined {
  if (ref.startsWith("#")) return undefined;
  return splitRef(ref, from)[0];
}

export function splitRef(ref: string, from: string): [file: string, pointer: string] {
  const hash = ref.indexOf("#");
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "" : ref.slice(hash + 1);
  if (filePart === "") return [from, pointer];
  if (hasScheme(filePart)) {
    if (/^file:/i.test(filePart)) {
      try {
        return [fileURLToPath(filePart), pointer];
      } catch {
        throw new SpecError(`the $ref ${JSON.stringify(ref)} is not a usable file: URL`, from);
      }
    }
    // A remote URL; the store refuses it unless the policy allows remote refs.
    return [normalizeUrl(filePart), pointer];
  }
  // Relative to a remote document, a reference stays remote.
  if (hasScheme(from)) return [new URL(filePart, from).href, pointer];
  return [resolve(dirname(from), decodeURIComponent(filePart)), pointer];
}

/**
 * The value at a `$ref`'s fragment (as written after `#`, percent-encoded) in `doc`; `""` and
 * `/` are the whole document (`/` is how the resolver names the root). A SpecError naming the
 * pointer when nothing is there (arrays are entered by decimal index only).
 */
export function getPointer(doc: unknown, pointer: string, file: string): unknown {
  if (pointer === "" || pointer === "/") return doc;
  let found: unknown;
  try {
    found = valueAt(doc, parseFragment(pointer));
  } catch (err) {
    if (!(err instanceof PointerSyntaxError)) throw err;
  }
  if (found === undefined) throw new SpecError(`$ref target not found: #${pointer}`, file);
  return found;
}

/** The URL a document is known by: its file URL, or its own URL when it is remote. */
export function fileUrl(path: string): string {
  return hasScheme(path) ? path : pathToFileURL(path).href;
}

/** Every `{ $ref: string }` node of a document with its JSON pointer; iterative, shared nodes once. */
function refNodes(doc: unknown): Array<{ node: Record<string, unknown>; pointer: string }> {
  const out: Array<{ node: Record<string, unknown>; pointer: string }> = [];
  const seen = new Set<object>();
  const stack: Array<[unknown, string]> = [[doc, ""]];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    if (isObject(node) && typeof node.$ref === "string") out.push({ node, pointer });
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [k, v] of entries) stack.push([v, `${pointer}${formatPointer([k])}`]);
  }
  return out.reverse();
}

/**
 * The `$refs` followed from `start` (in `file`) while each target is itself only a `$ref`, when
 * they come back to `start`; undefined when the chain ends at a value, a remote or broken target,
 * or a cycle that `start` is not part of.
 */
function refChain(
  store: DocumentStore,
  docs: Map<string, unknown>,
  start: Record<string, unknown>,
  file: string,
): string[] | undefined {
  const chain: string[] = [];
  const visited = new Set<object>();
  let node = start;
  let at = file;
  while (!visited.has(node)) {
    visited.add(node);
    const ref = node.$ref as string;
    chain.push(ref);
    let next: unknown;
    try {
      const [target, pointer] = splitRef(ref, at);
      if (hasScheme(target)) return undefined;
      next = getPointer(docs.has(target) ? docs.get(target) : store.get(target, at), pointer, target);
      at = target;
    } catch {
      return undefined;
    }
    if (!isObject(next) || typeof next.$ref !== "string") return undefined;
    node = next;
  }
  return node === start ? chain : undefined;
}

/** Where a `$ref` cycle starts (the file and pointer of one of its `$ref`s) and its `$ref`s as written. */
export interface RefCycle {
  file: string;
  pointer: string;
  chain: string[];
}

/**
 * A `$ref` cycle with nothing in between (`A → B → A`: each target is itself only a `$ref`),
 * among the documents `path` reaches under the store's policy: the first `$ref` of the cycle
 * (its file and pointer) and the chain as written. Undefined when there is none.
 */
export function findRefCycle(store: DocumentStore, path: string): RefCycle | undefined {
  const docs = store.closure(path);
  for (const [file, doc] of docs) {
    for (const start of refNodes(doc)) {
      const chain = refChain(store, docs, start.node, file);
      // Reported from a `$ref` that is part of the cycle, so that its place is the cycle's.
      if (chain) return { file, pointer: start.pointer || "/", chain: [...chain, chain[0]!] };
    }
  }
  return undefined;
}
