/**
 * The `.d.ts` of one spec's validators front: each export typed by the type it guards, built with
 * the code builder (names as checked identifiers, spec text only in doc comments and literals).
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import { blockComment, type Code, code, identifier, list } from "../code.js";
import { jsdoc } from "../comment.js";
import { banner, relativeImport } from "../module.js";
import { exportNames, type ValidatorTarget } from "./targets.js";

/** `validators/<module>.d.ts`: `validateX`, `isX` and `assertX` of each target, with their doc comments. */
export function declarations(spec: SpecModel, targets: readonly ValidatorTarget[]): string {
  const path = `validators/${spec.module}.d.ts`;
  const types = relativeImport(path, `types/${spec.module}.js`);
  const runtime = relativeImport(path, "validators/runtime.js");
  const lines = [
    code`import type { ValidateFunction } from ${runtime};`,
    code`import type { ${list(targets.map((t) => identifier(t.name)))} } from ${types};`,
    code``,
    ...targets.flatMap(targetDeclarations),
  ];
  return `${banner(spec.source)}${list(lines, "\n")}\n`;
}

/** The three declarations of one target. */
function targetDeclarations(t: ValidatorTarget): Code[] {
  const n = exportNames(t.name);
  const type = identifier(t.name);
  const what = `${t.description} (type \`${t.name}\`)`;
  const doc = (description: string) => blockComment(jsdoc({ description }));
  const validateDoc = doc(`Ajv validate function for ${what}. After a failed call, \`.errors\` holds Ajv's errors.`);
  const isDoc = doc(`Whether \`value\` is ${what}.`);
  const assertDoc = doc(`Throws a \`ValidationError\` listing every problem unless \`value\` is ${what}.`);
  return [
    code`${validateDoc}export declare const ${identifier(n.validate)}: ValidateFunction<${type}>;`,
    code`${isDoc}export declare function ${identifier(n.is)}(value: unknown): value is ${type};`,
    code`${assertDoc}export declare function ${identifier(n.assert)}(value: unknown): asserts value is ${type};`,
  ];
}
