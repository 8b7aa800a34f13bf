/**
 * How Ajv's strict-mode findings reach the user: a keyword Ajv does not know is an error in a
 * bare JSON Schema and a warning (once per keyword) in an OpenAPI document; a known keyword
 * without effect where it stands is a warning.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";

/**
 * Ajv's `strictSchema` covers two kinds of check: a keyword it does not know (`minLenght`, a
 * typo: still an error) and a keyword it knows but that has no effect where it stands (`if`
 * without `then`/`else`, `minContains` without `contains`, `then` without `if`). The latter are
 * legal JSON Schema with defined results (an `if` still yields annotations that
 * `unevaluatedProperties` sees), so they are warnings: strictSchema is set to "log" and this
 * logger turns the unknown-keyword message back into the error it was.
 */
export function strictSchemaOptions(warn: ((message: string) => void) | undefined, spec: SpecModel) {
  const source = spec.source;
  const told = new Set(spec.ignoredKeywords ?? []);
  const report = (message: unknown): void => {
    const text = String(message);
    // `$anchor` is JSON Schema's, and Ajv resolves it, but its vocabulary does not list it.
    if (text === 'strict mode: unknown keyword: "$anchor"') return;
    const unknown = /^strict mode: unknown keyword: "([^"]*)"/.exec(text)?.[1];
    if (unknown !== undefined) {
      // Per input kind. A bare JSON Schema has no struct gate: Ajv's check is the one that
      // catches a typo (`minLenght`) there, so it stays an error. An OpenAPI document has passed
      // the gate, which tolerates unknown keywords of Schema Objects (`optional`, `min_items`,
      // warned about once per spec, see load/tolerance.ts) and lets a few through unseen (a
      // `summary`): they are annotations, as JSON Schema makes unknown keywords, each named once.
      if (spec.kind !== "openapi") throw new Error(text);
      if (!told.has(unknown)) {
        warn?.(`${source}: keyword "${unknown}" is no JSON Schema 2020-12 keyword; the validators ignore it`);
      }
      told.add(unknown);
      return;
    }
    warn?.(`${source}: ${text.replace(/^strict mode: /, "")}`);
  };
  return { strictSchema: "log" as const, logger: { log: () => undefined, warn: report, error: report } };
}
