/**
 * JSON text as YAML reads it. Spec files are YAML or JSON, and JSON is read as YAML (js-yaml, and
 * Redocly's yaml-ast-parser for line numbers), which on a 13 MB JSON spec costs seconds that a
 * JSON reader does not. This scanner says when a text is JSON laid out as JSON writers lay it
 * out, where YAML reads exactly what JSON does: then load/read.ts parses it with `JSON.parse` and
 * json-ast.ts builds its node tree. Anything else (YAML, JSON YAML would read otherwise or refuse,
 * such as a line break between a key and its colon, tabs, a number too large for a double or a
 * repeated key) is left to the YAML readers, so their results and errors stay as they were.
 * No library does this: JSON parsers keep no token positions and refuse nothing YAML refuses.
 *
 * @module
 */

/**
 * Deeper nesting is left to the YAML readers (js-yaml refuses documents nested past 1,200 levels,
 * load/read.ts; yaml-ast-parser may give up earlier).
 */
const MAX_DEPTH = 1000;

// Characters js-yaml refuses anywhere in a text (its own test, but for lone surrogates, which
// isWellFormed finds several times faster).
const NOT_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const BLANKS = /[ \n]*/y;
const SPACES = / */y;
/** What a JSON string holds as it is: no quote, backslash or control character. */
const PLAIN_CHARS = /[^"\\\x00-\x1F]*/y;
/** Where a string or a collection starts or ends. */
const STRUCTURE = /[^"{}[\]]*["{}[\]]/y;
const ESCAPED = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** Thrown inside the scanner when the text leaves the subset it handles. */
class NotPlainJson extends Error {}

/**
 * Whether `text` is JSON in the subset described in the module: a mapping or a list from the
 * first character, and nothing but spaces and line breaks after it.
 */
export function isPlainJson(text: string): boolean {
  if (FOUND_PLAIN.includes(text)) return true;
  const plain = scanPlainJson(text);
  if (plain && text.length >= REMEMBERED_LENGTH) FOUND_PLAIN.splice(0, FOUND_PLAIN.push(text) - REMEMBERED);
  return plain;
}

/**
 * The last few large texts found plain. A spec's text is asked about twice (read.ts parses it,
 * then json-ast.ts builds its tree for the problems printed), and on GitHub REST's 13 MB each
 * scan is a pass over every character; comparing a text with one held here is mostly a pointer
 * comparison (the same string), else a comparison of lengths and contents.
 */
const FOUND_PLAIN: string[] = [];
const REMEMBERED = 2;
const REMEMBERED_LENGTH = 1 << 20;

function scanPlainJson(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return false;
  // (String.isWellFormed is Node 20's; the ES2022 library types lack it.)
  if (NOT_PRINTABLE.test(text) || !(text as string & { isWellFormed(): boolean }).isWellFormed()) return false;
  try {
    const scanner = new JsonScanner(text);
    scanner.skipValue(0);
    scanner.blank(true);
    return scanner.at === text.length;
  } catch (err) {
    if (err instanceof NotPlainJson) return false;
    throw err;
  }
}

/**
 * `text` parsed by `JSON.parse` when it is plain JSON ({@link isPlainJson}), where js-yaml's
 * result is the same value; undefined otherwise.
 */
export function parsePlainJson(text: string): { doc: unknown } | undefined {
  return isPlainJson(text) ? { doc: JSON.parse(text) as unknown } : undefined;
}

/** A reader over JSON text: `at` is where it stands. Methods throw NotPlainJson outside the subset. */
export class JsonScanner {
  at = 0;
  constructor(readonly text: string) {}

  /** Skips spaces, and line breaks when `lines`; tabs and carriage returns are not handled. */
  blank(lines: boolean): void {
    const blanks = lines ? BLANKS : SPACES;
    blanks.lastIndex = this.at;
    blanks.test(this.text);
    this.at = blanks.lastIndex;
  }

  /** Checks the value at `at` (`depth` collections deep) and moves past it. */
  skipValue(depth: number): void {
    const c = this.text.charCodeAt(this.at);
    if (c === 0x7b || c === 0x5b) {
      if (depth >= MAX_DEPTH) throw new NotPlainJson();
      if (c === 0x7b) this.#skipMap(depth + 1);
      else this.#skipList(depth + 1);
    } else if (c === 0x22) this.string();
    else this.plain();
  }

  /**
   * Moves past the value at `at` of a text {@link isPlainJson} accepted, checking nothing again:
   * a collection's end is found by counting brackets outside strings. json-ast.ts lists members
   * this way (on a 13 MB spec, checking every value again took half a second of printing problems).
   */
  skipChecked(): void {
    const { text } = this;
    const c = text.charCodeAt(this.at);
    if (c !== 0x7b && c !== 0x5b) {
      this.skipValue(0);
      return;
    }
    let depth = 0;
    for (;;) {
      STRUCTURE.lastIndex = this.at;
      // Only a text that was not checked can end inside a collection.
      if (!STRUCTURE.test(text)) throw new NotPlainJson();
      const at = STRUCTURE.lastIndex - 1;
      const found = text.charCodeAt(at);
      this.at = at;
      if (found === 0x22) {
        this.string();
        continue;
      }
      this.at++;
      depth += found === 0x7b || found === 0x5b ? 1 : -1;
      if (depth === 0) return;
    }
  }

  // The two below are collection() without a call per member: checking a 13 MB spec, they run
  // for each of its quarter million values.

  #skipMap(depth: number): void {
    const { text } = this;
    this.at++;
    this.blank(true);
    if (text.charCodeAt(this.at) === 0x7d) {
      this.at++;
      return;
    }
    // js-yaml refuses a repeated key; JSON.parse keeps the last.
    const names = new Set<string>();
    do {
      this.blank(true);
      const keyStart = this.at;
      if (text.charCodeAt(keyStart) !== 0x22) throw new NotPlainJson();
      this.string();
      const name = keyName(text.slice(keyStart, this.at));
      if (names.has(name)) throw new NotPlainJson();
      names.add(name);
      this.blank(false);
      this.expect(0x3a);
      this.blank(false);
      this.skipValue(depth);
      this.blank(true);
    } while (this.next(0x7d));
    this.expect(0x7d);
  }

  #skipList(depth: number): void {
    const { text } = this;
    this.at++;
    this.blank(true);
    if (text.charCodeAt(this.at) === 0x5d) {
      this.at++;
      return;
    }
    do {
      this.blank(true);
      this.skipValue(depth);
      this.blank(true);
    } while (this.next(0x5d));
    this.expect(0x5d);
  }

  /**
   * Moves past the collection at `at` (a mapping when `map`), calling `value` at each member's
   * value (which must move past it) with where its key starts and the key as written. YAML reads
   * a key, its colon and its value's start on one line.
   */
  collection(map: boolean, value: (keyStart: number, raw: string) => void): void {
    const close = map ? 0x7d : 0x5d;
    this.at++;
    this.blank(true);
    if (this.text.charCodeAt(this.at) !== close) {
      for (;;) {
        const keyStart = this.at;
        let raw = "";
        if (map) {
          if (this.text.charCodeAt(keyStart) !== 0x22) throw new NotPlainJson();
          this.string();
          raw = this.text.slice(keyStart, this.at);
          this.blank(false);
          this.expect(0x3a);
          this.blank(false);
        }
        value(keyStart, raw);
        this.blank(true);
        if (!this.next(close)) break;
        this.blank(true);
      }
    }
    this.expect(close);
  }

  /**
   * After a member or item: true at a comma (consumed) that another one follows, false at the
   * closing bracket `close`; a comma before the closing bracket is no JSON.
   */
  next(close: number): boolean {
    if (this.text.charCodeAt(this.at) !== 0x2c) return false;
    this.at++;
    this.blank(true);
    if (this.text.charCodeAt(this.at) === close) throw new NotPlainJson();
    return true;
  }

  /** Moves past the double-quoted string at `at` (JSON's escapes, no control character). */
  string(): void {
    const { text } = this;
    let i = this.at + 1;
    for (;;) {
      PLAIN_CHARS.lastIndex = i;
      PLAIN_CHARS.test(text);
      i = PLAIN_CHARS.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (Number.isNaN(c) || c < 0x20) throw new NotPlainJson();
      if (c !== 0x5c) i++;
      else if (text[i + 1] === "u" && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
      else if (ESCAPED.has(text[i + 1]!)) i += 2;
      else throw new NotPlainJson();
    }
    this.at = i + 1;
  }

  /**
   * Moves past a number, `true`, `false` or `null`, which must end where YAML's plain scalar
   * ends too. js-yaml reads `-0` as 0 and a number past a double's range as a string: those are
   * left to it.
   */
  plain(): void {
    const { text } = this;
    let end: number;
    if (text.startsWith("true", this.at) || text.startsWith("null", this.at)) end = this.at + 4;
    else if (text.startsWith("false", this.at)) end = this.at + 5;
    else {
      NUMBER.lastIndex = this.at;
      const number = NUMBER.exec(text)?.[0];
      if (number === undefined || number === "-0" || !Number.isFinite(Number(number))) throw new NotPlainJson();
      end = this.at + number.length;
    }
    const after = text.charCodeAt(end);
    if (
      !(after === 0x2c || after === 0x7d || after === 0x5d || after === 0x20 || after === 0x0a || end === text.length)
    )
      throw new NotPlainJson();
    this.at = end;
  }

  expect(c: number): void {
    if (this.text.charCodeAt(this.at) !== c) throw new NotPlainJson();
    this.at++;
  }
}

/** A key's name: its text without quotes, unescaped when it holds an escape. */
export function keyName(raw: string): string {
  return raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
}
