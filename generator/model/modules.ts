/**
 * The module path of every spec of a run, claimed in file order (see names.ts moduleName): a
 * spec's module depends only on the sources before it, so an incremental run (incremental.ts)
 * that models a few specs names them as a full run would, from the list of every source.
 *
 * @module
 */
import type { WarningKind } from "../warnings.js";
import { moduleName, NameTable } from "./names.js";

/** A warning with its kind, when it has one (see warnings.ts). */
export type KindedWarning = readonly [text: string, kind?: WarningKind];

/** One spec's module and the warnings naming it made, in the order a full run makes them. */
export interface ModuleClaim {
  module: string;
  warnings: KindedWarning[];
}

const RULE =
  'a file name in the output holds no URL syntax, line break, "..", name the package uses itself, ' +
  'or ".as-written" or ".ajv" ending';

/** The module of each source (spec paths relative to the module root, `/`-separated), claimed in order. */
export function claimModules(sources: readonly string[]): Map<string, ModuleClaim> {
  const claims = new Map<string, ModuleClaim>();
  let current: KindedWarning[] = [];
  const table = new NameTable((text, kind) => current.push(kind === undefined ? [text] : [text, kind]));
  for (const source of sources) {
    current = [];
    const plain = source.replace(/\.(ya?ml|json)$/i, "");
    const safe = moduleName(source);
    const module = table.claim(safe, `spec ${JSON.stringify(source)}`);
    if (safe !== plain) current.push([`${source}: its output files are named ${JSON.stringify(module)} (${RULE})`]);
    claims.set(source, { module, warnings: current });
  }
  return claims;
}
