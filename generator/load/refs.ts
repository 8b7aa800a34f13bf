import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SpecError } from "../errors.js";
import { readSpecFile } from "./read.js";

/**
 * Parsed documents by absolute path, read once per run. Example values and schemas that
 * Redocly does not resolve (its walker never enters example values) are resolved through here.
 */
export class DocumentStore {
  readonly #docs = new Map<string, unknown>();

  get(path: string): unknown {
    if (!this.#docs.has(path)) this.#docs.set(path, readSpecFile(path).doc);
    return this.#docs.get(path);
  }

  /** Every file reachable from `path` through non-local `$ref`s, `path` included. */
  closure(path: string): Map<string, unknown> {
    const out = new Map<string, unknown>();
    const visit = (p: string): void => {
      if (out.has(p)) return;
      const doc = this.get(p);
      out.set(p, doc);
      for (const ref of collectRefs(doc)) {
        const target = refFile(ref, p);
        if (target) visit(target);
      }
    };
    visit(path);
    return out;
  }

  /**
   * Replaces every `{ $ref }` inside a plain value (an example) by the document it points at,
   * recursively and relative to the file that holds each `$ref`. Cycles are an error.
   */
  inlineRefs(value: unknown, file: string, seen: readonly string[] = []): unknown {
    if (Array.isArray(value)) return value.map((v) => this.inlineRefs(v, file, seen));
    if (!isObject(value)) return value;
    const ref = value.$ref;
    if (typeof ref === "string") {
      const [target, pointer] = splitRef(ref, file);
      const key = `${target}#${pointer}`;
      if (seen.includes(key)) throw new SpecError(`circular $ref in an example: ${ref}`, file);
      const resolved = this.inlineRefs(getPointer(this.get(target), pointer, target), target, [...seen, key]);
      const siblings = Object.keys(value).filter((k) => k !== "$ref");
      if (siblings.length === 0 || !isObject(resolved)) return resolved;
      // Matrix example files extend a base event this way: `{ $ref: base, ...overrides }`.
      return { ...resolved, ...(this.inlineRefs(omit(value, "$ref"), file, seen) as object) };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: this.inlineRefs(v, file, seen), enumerable: true, writable: true, configurable: true });
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

function collectRefs(node: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 2000) return out;
  if (Array.isArray(node)) for (const v of node) collectRefs(v, out, depth + 1);
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else collectRefs(v, out, depth + 1);
    }
  }
  return out;
}

/** The absolute file a `$ref` points into, or undefined for a local (`#…`) reference. */
export function refFile(ref: string, from: string): string | undefined {
  if (ref.startsWith("#")) return undefined;
  return splitRef(ref, from)[0];
}

export function splitRef(ref: string, from: string): [file: string, pointer: string] {
  const hash = ref.indexOf("#");
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "" : ref.slice(hash + 1);
  if (filePart === "") return [from, pointer];
  if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
    if (filePart.startsWith("file:")) return [fileURLToPath(filePart), pointer];
    throw new SpecError(`remote $ref is not followed: ${ref}`, from);
  }
  return [resolve(dirname(from), decodeURIComponent(filePart)), pointer];
}

export function getPointer(doc: unknown, pointer: string, file: string): unknown {
  let node = doc;
  if (pointer === "" || pointer === "/") return node;
  for (const raw of pointer.replace(/^\//, "").split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else throw new SpecError(`$ref target not found: #${pointer}`, file);
  }
  return node;
}

export function fileUrl(path: string): string {
  return pathToFileURL(path).href;
}
