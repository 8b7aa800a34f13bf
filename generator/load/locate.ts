/**
 * Finding a JSON pointer's place in the text of a YAML or JSON file, for messages that name a
 * line and column.
 *
 * @module
 */
import { getLineColLocation, Source } from "@redocly/openapi-core";

/** The reference tokens of a JSON pointer, plain (`/a~1b`) or in URI fragment form (`#/a%20b`, as Ajv writes schema paths). */
export function pointerTokens(pointer: string): string[] {
  const fragment = pointer.startsWith("#");
  return (fragment ? pointer.slice(1) : pointer)
    .split("/")
    .slice(1)
    .map((t) => (fragment ? decodeURIComponent(t) : t).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Line and column (1-based) of the value at a JSON pointer in `text` (of its key, with `onKey`),
 * or for a missing member, of the nearest object that holds its path, through Redocly's source locator, which parses the text
 * once; undefined when the text cannot be mapped (Redocly's YAML parser gives up on JSON nested
 * thousands deep).
 */
export function textLocator(file: string, text: string, onKey = false): (pointer: string) => { line: number; col: number } | undefined {
  const source = new Source(file, text);
  let broken = false;
  return (pointer) => {
    if (broken) return undefined;
    try {
      const fragment = `#${pointerTokens(pointer).map((t) => "/" + encodeURIComponent(t.replace(/~/g, "~0").replace(/\//g, "~1"))).join("")}`;
      const { start } = getLineColLocation({ source, pointer: fragment, reportOnKey: onKey });
      return { line: start.line, col: start.col };
    } catch {
      broken = true;
      return undefined;
    }
  };
}
