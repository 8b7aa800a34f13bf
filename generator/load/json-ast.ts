/**
 * The node tree Redocly's formatter reads to give a problem its line, built for plain JSON
 * (json-scan.ts). Redocly locates a pointer through yaml-ast-parser's tree of the whole file
 * (`Source.getAst`), which took 1.3 s of a 13 MB JSON spec's lint to print 100 problems. In plain
 * JSON the positions yaml-ast-parser gives are those of the tokens (a scalar from its first to
 * past its last character, a collection from its bracket to past the closing one, a key-value
 * pair from the key to past the value, the root to the end of the text), so this tree has the
 * same nodes, with the fields Redocly's `getAstNodeByPointer` reads. Other text keeps
 * yaml-ast-parser.
 *
 * @module
 */
import { Source } from "@redocly/openapi-core";
import { isPlainJson, JsonScanner, keyName } from "./json-scan.js";

/** yaml-ast-parser's node kinds (its `Kind` enum), as Redocly's locator compares them. */
const SCALAR = 0;
const MAPPING = 1;
const MAP = 2;
const SEQ = 3;

/** A node as yaml-ast-parser shapes it, with the fields Redocly's locator reads. */
export interface JsonAstNode {
  readonly kind: number;
  readonly startPosition: number;
  readonly endPosition: number;
  readonly parent: JsonAstNode | null;
  /** A key's name; a pair's value. */
  readonly value?: string | JsonAstNode | undefined;
  readonly key?: JsonAstNode | undefined;
  readonly mappings?: readonly JsonAstNode[] | undefined;
  readonly items?: readonly JsonAstNode[] | undefined;
}

/**
 * A JSON text's tree as yaml-ast-parser would build it, or undefined when it may differ (text
 * that is not plain JSON, json-scan.ts). The whole text is checked here; a collection's members
 * are listed when first read (Redocly reads those on the paths of the problems it prints).
 */
export function jsonAst(text: string): JsonAstNode | undefined {
  if (!isPlainJson(text)) return undefined;
  const scanner = new JsonScanner(text);
  return new Collection(scanner, text.charCodeAt(0) === 0x7b ? MAP : SEQ, 0, text.length, null);
}

class Scalar implements JsonAstNode {
  readonly kind = SCALAR;
  constructor(
    readonly startPosition: number,
    readonly endPosition: number,
    readonly parent: JsonAstNode | null,
    readonly value?: string,
  ) {}
}

class Pair implements JsonAstNode {
  readonly kind = MAPPING;
  readonly startPosition: number;
  readonly key: Scalar;
  endPosition = 0;
  value: JsonAstNode | undefined;
  constructor(
    readonly parent: JsonAstNode,
    keyStart: number,
    raw: string,
  ) {
    this.startPosition = keyStart;
    this.key = new Scalar(keyStart, keyStart + raw.length, this, keyName(raw));
  }
}

/** A mapping or a sequence, whose members are read from the text when first asked for. */
class Collection implements JsonAstNode {
  #members: JsonAstNode[] | undefined;
  constructor(
    readonly scanner: JsonScanner,
    readonly kind: typeof MAP | typeof SEQ,
    readonly startPosition: number,
    readonly endPosition: number,
    readonly parent: JsonAstNode | null,
  ) {}

  get mappings(): readonly JsonAstNode[] | undefined {
    return this.kind === MAP ? this.#read() : undefined;
  }

  get items(): readonly JsonAstNode[] | undefined {
    return this.kind === SEQ ? this.#read() : undefined;
  }

  #read(): JsonAstNode[] {
    this.#members ??= members(this.scanner, this);
    return this.#members;
  }
}

/** The members of `of`, a collection of a text {@link isPlainJson} accepted. */
function members(scanner: JsonScanner, of: Collection): JsonAstNode[] {
  const out: JsonAstNode[] = [];
  const { text } = scanner;
  scanner.at = of.startPosition;
  scanner.collection(of.kind === MAP, (keyStart, raw) => {
    const pair = of.kind === MAP ? new Pair(of, keyStart, raw) : undefined;
    const start = scanner.at;
    const c = text.charCodeAt(start);
    scanner.skipChecked();
    const parent = pair ?? of;
    const node =
      c === 0x7b || c === 0x5b
        ? new Collection(scanner, c === 0x7b ? MAP : SEQ, start, scanner.at, parent)
        : new Scalar(start, scanner.at, parent);
    if (pair) {
      pair.value = node;
      pair.endPosition = node.endPosition;
    }
    out.push(pair ?? node);
  });
  return out;
}

/**
 * A Source whose tree, when its text is JSON {@link jsonAst} handles, is built by it; other
 * texts are parsed by the function Redocly passes (yaml-ast-parser), as by any Source.
 */
export class JsonAwareSource extends Source {
  #ast: JsonAstNode | null | undefined;

  override getAst(safeLoad: Parameters<Source["getAst"]>[0]): ReturnType<Source["getAst"]> {
    this.#ast ??= jsonAst(this.body) ?? null;
    return this.#ast === null ? super.getAst(safeLoad) : (this.#ast as unknown as ReturnType<Source["getAst"]>);
  }
}
