/**
 * JSON pointers (RFC 6901), the one place they are escaped, parsed, formatted and followed:
 * as plain text (`/a~1b/0`) and as a URI fragment (`#/a~1b/c%20d`, the form `$ref`s, Ajv's
 * schema paths and Redocly's locations use). Lookups and writes go through own properties only,
 * so a pointer from a spec (`/__proto__/x`, `/constructor`) never reaches Object.prototype, and
 * an array is entered by decimal index only (not `length`, `-`, `01` or ``).
 *
 * @module
 */

// The escape itself lives in the validation runtime's own module (no imports), which the
// generated validators ship: one copy for both.
import { escapePointerToken as escapeToken } from "../runtime/pointer.js";

export { escapeToken };

/** One escaped reference token read back: `~1` → `/`, then `~0` → `~` (so `~01` is `~1`). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The pointer of `tokens`: `""` for none (the whole document), else `/` before each escaped token. */
export function formatPointer(tokens: readonly string[]): string {
  let out = "";
  for (const token of tokens) out += `/${escapeToken(token)}`;
  return out;
}

/** The URI fragment of `tokens`: `#` and the pointer, percent-encoded where a fragment needs it. */
export function formatFragment(tokens: readonly string[]): string {
  return `#${encodeFragment(formatPointer(tokens))}`;
}

// RFC 3986 `pchar` and `/`: what a fragment may hold as it is. `~` is among them, so encoding
// an escaped pointer and escaping an encoded one agree.
const NOT_IN_FRAGMENT = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A plain pointer's text percent-encoded for a URI fragment (without the `#`). A lone surrogate,
 * which UTF-8 cannot encode, is written as U+FFFD's encoding rather than throwing.
 */
export function encodeFragment(pointer: string): string {
  return pointer.replace(NOT_IN_FRAGMENT, (c) => encodeURIComponent(LONE_SURROGATE.test(c) ? "\uFFFD" : c));
}

/** A percent-decoded fragment (or part of a URI), or the text as written where it does not decode (a stray `%`). */
export function decodeFragment(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** A pointer that is neither empty nor starts with `/`. */
export class PointerSyntaxError extends Error {
  constructor(readonly pointer: string) {
    super(`not a JSON pointer: ${JSON.stringify(pointer)} (it must be empty or start with "/")`);
  }
}

/** The reference tokens of a plain pointer (`""` → `[]`, `/` → `[""]`, `/a~1b` → `["a/b"]`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PointerSyntaxError(pointer);
  return pointer.slice(1).split("/").map(unescapeToken);
}

/**
 * The reference tokens of a URI fragment pointer, with or without its `#` (`#/a%20b` →
 * `["a b"]`). Each token is percent-decoded, then unescaped; a `%2F` stays inside its token.
 */
export function parseFragment(fragment: string): string[] {
  const pointer = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PointerSyntaxError(fragment);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => unescapeToken(decodeFragment(t)));
}

/** The tokens of a pointer in either form: a fragment when it starts with `#`, else plain. */
export function pointerTokens(pointer: string): string[] {
  return pointer.startsWith("#") ? parseFragment(pointer) : parsePointer(pointer);
}

/** A decimal array index with no sign, no leading zero and no exponent: `0`, `7`, `12`. */
const INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * The value under one token of `node`, or undefined: an object's own property, an array's
 * element at a decimal index; nothing else (not `__proto__`, `constructor`, `length` or `-`).
 */
export function childAt(node: unknown, token: string): unknown {
  if (typeof node !== "object" || node === null) return undefined;
  if (Array.isArray(node)) return INDEX.test(token) ? node[Number(token)] : undefined;
  return Object.hasOwn(node, token) ? (node as Record<string, unknown>)[token] : undefined;
}

/** The value at `tokens` under `root` through own properties ({@link childAt} at each step), or undefined. */
export function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let node = root;
  for (const token of tokens) {
    node = childAt(node, token);
    if (node === undefined) return undefined;
  }
  return node;
}

/** Sets an own, enumerable, writable property, whatever its name (`__proto__` too, which `=` would not). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The names `=` may not make an own property of a plain object: `__proto__`, and the rest of Object.prototype's. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * {@link setOwn} on a plain object this code made itself (a copy it fills, which holds only data
 * properties), by assignment where that does the same: about twice as fast, on copies of whole
 * documents. A name of Object.prototype's still goes through `defineProperty` (`__proto__`'s
 * setter, a prototype frozen against the override mistake).
 */
export function setOwnFresh(target: Record<string, unknown>, key: string, value: unknown): void {
  if (PROTOTYPE_NAMES.has(key)) setOwn(target, key, value);
  else target[key] = value;
}

/**
 * Sets the value at `tokens` under `root`: an own property of the object there, or an element of
 * the array there (a decimal index up to its length). False, with nothing changed, where the
 * parent is missing or the last token cannot name a place in it (and for the root itself).
 */
export function setAt(root: unknown, tokens: readonly string[], value: unknown): boolean {
  if (!tokens.length) return false;
  const parent = valueAt(root, tokens.slice(0, -1));
  const last = tokens.at(-1)!;
  if (typeof parent !== "object" || parent === null) return false;
  if (!Array.isArray(parent)) setOwn(parent, last, value);
  else if (INDEX.test(last) && Number(last) <= parent.length) parent[Number(last)] = value;
  else return false;
  return true;
}
