/**
 * The `.d.ts` of one spec's validators module: each export typed by the type it guards.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import { jsdoc } from "../comment.js";
import { banner, relativeImport } from "../module.js";
import { exportNames, type ValidatorTarget } from "./targets.js";

/** `validators/<module>.d.ts`: `validateX`, `isX` and `assertX` of each target, with their doc comments. */
export function declarations(spec: SpecModel, targets: readonly ValidatorTarget[]): string {
  const path = `validators/${spec.module}.d.ts`;
  const types = relativeImport(path, `types/${spec.module}.js`);
  const runtime = relativeImport(path, "validators/runtime.js");
  const lines = [
    `import type { ValidateFunction } from ${JSON.stringify(runtime)};`,
    `import type { ${targets.map((t) => t.name).join(", ")} } from ${JSON.stringify(types)};`,
    "",
  ];
  for (const t of targets) {
    const n = exportNames(t.name);
    const what = `${t.description} (type \`${t.name}\`)`;
    const doc = (description: string) => jsdoc({ description });
    const validateDoc = `Ajv validate function for ${what}. After a failed call, \`.errors\` holds Ajv's errors.`;
    lines.push(
      `${doc(validateDoc)}export declare const ${n.validate}: ValidateFunction<${t.name}>;`,
      `${doc(`Whether \`value\` is ${what}.`)}export declare function ${n.is}(value: unknown): value is ${t.name};`,
      `${doc(`Throws a \`ValidationError\` listing every problem unless \`value\` is ${what}.`)}` +
        `export declare function ${n.assert}(value: unknown): asserts value is ${t.name};`,
    );
  }
  return `${banner(spec.source)}${lines.join("\n")}\n`;
}
