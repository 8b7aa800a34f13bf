/**
 * A small builder for generated JavaScript, safe by construction (in the spirit of Ajv's `_` and
 * `Name`): the tagged template {@link code} inserts an {@link Identifier} or an already built
 * {@link Code} as it is, and turns every other value into a literal (a string becomes a quoted
 * string, an object a literal of its data). Spec text can therefore reach the output only as an
 * inert literal; the template's own text is the generator's, never the spec's.
 *
 * The same pieces build declaration text (`.d.ts`): a string becomes a string literal type,
 * {@link propertyName} quotes a key that is no identifier, and a doc comment enters only as a
 * {@link blockComment} that the comment module (emit/comment/) made and this module checked.
 *
 * Written by hand: Ajv's codegen is internal to Ajv, and an AST printer would be heavy for the
 * client's few lines of glue and the few declarations per operation (openapi-typescript's own
 * output, printed from its AST, is not built here).
 *
 * @module
 */
import { RESERVED } from "../model/names.js";

/** Proves that a fragment was made here: the classes are exported as types only, and check it. */
const MADE_HERE = Symbol("made by emit/code.ts");

/** A piece of generated code, built from the template's own text, identifiers and literals. */
class Code {
  readonly #text: string;
  constructor(token: symbol, text: string) {
    if (token !== MADE_HERE) throw new TypeError("code fragments are made only by emit/code.ts");
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
  /** Code inside data would print as `{}`: a fragment is joined with {@link list} or interpolated. */
  toJSON(): never {
    throw new TypeError(`code fragment ${this.#text} is no data: interpolate it, or join fragments with list()`);
  }
}

/** A name checked by {@link identifier}: inserted as it is. */
class Identifier extends Code {
  readonly kind = "identifier";
}

export type { Code, Identifier };

/**
 * What an emitted name may look like: ASCII letters, digits, `_` and `$` (the emitters' own
 * `send$`), not led by a digit. The model's names (names.ts `IDENTIFIER`) are a subset.
 */
const JS_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `name` as an identifier; throws (a toolkit bug) unless it is a plain JavaScript name and no reserved word. */
export function identifier(name: string): Identifier {
  if (typeof name !== "string" || !JS_NAME.test(name) || RESERVED.has(name)) {
    throw new TypeError(`not a safe identifier: ${JSON.stringify(name)}`);
  }
  return new Identifier(MADE_HERE, name);
}

/**
 * U+2028 and U+2029 as escapes: valid raw in a string literal since ES2019, but they end a line
 * for older parsers and for editors. (The comment escaper's JSON helper also rewrites star-slash,
 * which a string literal needs not.)
 */
const escapeSeparators = (text: string): string =>
  text.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/** An object literal's key for a string: quoted, `__proto__` computed (a quoted one would set the prototype). */
const literalKey = (name: string): string =>
  escapeSeparators(name === "__proto__" ? `[${JSON.stringify(name)}]` : JSON.stringify(name));

/** Whether a value is a plain object: data, not a class instance (a Code, a Date, a Map). */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The literal of a data value, laid out as compact JSON (`JSON.stringify`'s bytes), except that
 * an own `__proto__` key is written computed: a quoted one in an object literal sets the prototype.
 */
function literal(value: unknown): string {
  if (value instanceof Code) throw new TypeError(`code fragment ${value.toString()} nested in data: use list()`);
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`${value} has no literal form`);
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return escapeSeparators(JSON.stringify(value));
  }
  if (Array.isArray(value)) return `[${value.map(literal).join(",")}]`;
  if (typeof value === "object" && isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${literalKey(k)}:${literal(v)}`);
    return `{${entries.join(",")}}`;
  }
  throw new TypeError(`a ${typeof value} has no literal form`);
}

/** One interpolated value: a fragment as it is, anything else as a literal. */
const piece = (value: unknown): string => (value instanceof Code ? value.toString() : literal(value));

/**
 * Generated code: the template's text as written, each interpolation as {@link piece} makes it.
 * `code\`const ${identifier("x")} = ${spec}\`` gives `const x = "…"` whatever `spec` holds.
 */
export function code(strings: TemplateStringsArray, ...values: readonly unknown[]): Code {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += piece(value) + strings[i + 1]!;
  });
  return new Code(MADE_HERE, text);
}

/**
 * What {@link list} may put between items: the separators of lists, lines (a blank line between
 * blocks), unions, intersections and members.
 */
type Separator = ", " | "\n" | "\n\n" | "" | " | " | " & " | "; ";

/** Items joined with `separator` (", " by default), each as {@link code} would insert it. */
export function list(items: readonly unknown[], separator: Separator = ", "): Code {
  return new Code(MADE_HERE, items.map(piece).join(separator));
}

/** An object literal's key for a string: quoted, `__proto__` computed. */
export const key = (name: string): Code => new Code(MADE_HERE, literalKey(name));

/**
 * A property's name in a type (`{ name?: T }`, an interface): a plain JavaScript name as it is,
 * reserved words too (they are valid property names), anything else as a string literal.
 * `__proto__` stays a name: in a type it declares a property and sets nothing.
 */
export const propertyName = (name: string): Code =>
  new Code(MADE_HERE, JS_NAME.test(name) ? name : escapeSeparators(JSON.stringify(name)));

/** A block comment, optionally indented, whose only star-slash is its end; one line break may follow. */
const BLOCK_COMMENT = /^[ \t]*\/\*(?:[^*]|\*(?!\/))*\*\/\n?$/;

/**
 * A block comment as a fragment, or an empty one for `""` (nothing to say). Its text is made by
 * the comment module (emit/comment/), which escapes spec text; this checks the result once more,
 * so that no text can end the comment early and leave code behind it. Throws (a toolkit bug) otherwise.
 */
export function blockComment(text: string): Code {
  if (typeof text !== "string" || (text !== "" && !BLOCK_COMMENT.test(text))) {
    throw new TypeError(`not one block comment: ${JSON.stringify(text)}`);
  }
  return new Code(MADE_HERE, text);
}
