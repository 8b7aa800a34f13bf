/**
 * The front of one spec's validators (`validators/<module>.js`): the module people import and
 * read. It holds only the exports, three per target, over the machine-written Ajv module beside
 * it (`<module>.ajv.js`, see compile.ts), and is built with the code builder, so spec-derived
 * names reach it only as checked identifiers and string literals.
 *
 * @module
 */
import { type Code, code, identifier, list } from "../code.js";
import type { CompiledValidators } from "./compile.js";
import { exportNames, type ValidatorTarget } from "./targets.js";

/** Import specifiers of a front: the validation runtime and its Ajv module. */
export interface FrontImports {
  runtime: string;
  ajv: string;
}

/** The namespace the front imports its Ajv module as. */
const AJV = identifier("ajv");

/** What a reader of the front needs to know about the exports (the `.d.ts` documents each). */
const ABOUT = {
  firstError: code`// Per type X: validateX is Ajv's function (\`.errors\` after a failed call), isX a type guard
// that stops at the first problem (its own functions, compiled on the first isX call), and assertX
// throws a ValidationError listing every problem.`,
  shared: code`// Per type X: validateX is Ajv's function (\`.errors\` after a failed call), isX a type guard over
// it, and assertX throws a ValidationError listing every problem.`,
};

/**
 * The front's code: imports, then per target `validateX` (the Ajv module's export, or the one
 * it shares its schema with), `isX` and `assertX`, marked pure so that a bundler drops those an
 * application does not import.
 */
export function validatorFront(
  targets: readonly ValidatorTarget[],
  compiled: Pick<CompiledValidators, "aliases" | "firstError">,
  from: FrontImports,
): string {
  const blocks = [
    list([code`import { asserter, guard } from ${from.runtime};`, code`import * as ${AJV} from ${from.ajv};`], "\n"),
    compiled.firstError ? ABOUT.firstError : ABOUT.shared,
    ...targets.map((t) => list(targetExports(t, compiled), "\n")),
  ];
  return `${list(blocks, "\n\n")}\n`;
}

/** The three exports of one target. */
function targetExports(t: ValidatorTarget, compiled: Pick<CompiledValidators, "aliases" | "firstError">): Code[] {
  const n = exportNames(t.name);
  const [validate, is, assert] = [identifier(n.validate), identifier(n.is), identifier(n.assert)];
  // The compiled function with this target's schema: its own, or the one it shares.
  const compiledName = compiled.aliases[n.validate] ?? n.validate;
  const own = code`${AJV}.${identifier(compiledName)}`;
  const checks = compiled.firstError ? code`/* @__PURE__ */ ${AJV}.firstErrorValidator(${compiledName})` : validate;
  return [
    code`export const ${validate} = ${own};`,
    code`export const ${is} = /* @__PURE__ */ guard(${checks});`,
    code`export const ${assert} = /* @__PURE__ */ asserter(${t.name}, ${validate});`,
  ];
}
