/**
 * Finding a JSON pointer's place in the text of a YAML or JSON file, for messages that name a
 * line and column.
 *
 * @module
 */
import { getAstNodeByPointer, getLineColLocation, Source } from "@redocly/openapi-core";
import { formatFragment, pointerTokens } from "./pointer.js";

/**
 * Line and column (1-based) of the value at a JSON pointer in `text` (of its key, with `onKey`),
 * or for a missing member, of the nearest object that holds its path, through Redocly's source
 * locator, which parses the text once; undefined when the text cannot be mapped (Redocly's YAML
 * parser gives up on JSON nested thousands deep). Redocly's `getLineColLocation` counts lines
 * from the start of the text on every call, so a document with many problems took time
 * quadratic in its size; here the line starts are indexed once and each offset is found by
 * binary search.
 */
export function textLocator(
  file: string,
  text: string,
  onKey = false,
): (pointer: string) => { line: number; col: number } | undefined {
  const source = new Source(file, text);
  let located: ((pointer: string) => { line: number; col: number }) | undefined;
  let broken = false;
  return (pointer) => {
    if (broken) return undefined;
    try {
      located ??= astLocator(source, onKey);
      return located(pointer);
    } catch {
      broken = true;
      return undefined;
    }
  };
}

/**
 * The locator over the parsed text: Redocly's AST (parsed and cached by the source on first use)
 * and an index of line starts.
 */
function astLocator(source: Source, onKey: boolean): (pointer: string) => { line: number; col: number } {
  // The root's location parses the text into the source's cached AST (one pass over the text).
  getLineColLocation({ source, pointer: "#", reportOnKey: false });
  const ast = source.getAst(() => {
    throw new Error("the source was not parsed");
  });
  const starts = lineStarts(source.body);
  return (pointer) => {
    const fragment = formatFragment(pointerTokens(pointer));
    const node = getAstNodeByPointer(ast as Parameters<typeof getAstNodeByPointer>[0], fragment, onKey);
    return lineCol(starts, node?.startPosition ?? 0);
  };
}

/** Offsets at which each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset`, given the text's {@link lineStarts}. */
function lineCol(starts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: offset - starts[low]! + 1 };
}
