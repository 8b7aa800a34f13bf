import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { typecheck } from "../typecheck.js";

/**
 * "One verdict, one type" over the JSON-Schema-Test-Suite: every value a group's generated
 * validator accepts must fit the generated type, and its `isX` must narrow to exactly that type.
 * Each compiled group gets a `fits.mts` beside its output; all of them are type-checked in one
 * program (tsc --strict with the strictest consumer settings, test/typecheck.ts), which also
 * compiles each group's types and validators declarations.
 */

/** What the check needs of a group's run: the root schema's type name and the verdicts. */
export interface TypedRun {
  name?: string;
  verdicts?: boolean[];
}

/** One complaint of tsc: about a case (an accepted value), else about the group's modules or its guard. */
export interface Misfit {
  case?: number;
  message: string;
}

/** Whether two types are identical (not merely mutually assignable). */
const SAME = "type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;";

/** A written check file: its path and, by line (1-based), the case its value comes from. */
export interface FitsFile {
  path: string;
  cases: Map<number, number>;
  values: number;
  /** Accepted values the suite says are invalid: a wrong verdict (listed as WRONG), not checked. */
  wronglyAccepted: number;
}

/** A suite case as the check reads it. */
export interface FitCase {
  data: unknown;
  valid: boolean;
}

/**
 * The check file of one group: each accepted value is written as a typed constant
 * (`const t3: X = <its JSON>;`), so tsc checks both that its type fits and, as for any object
 * literal, that it names no member the type lacks. A value the validator accepts though the
 * suite says it is invalid is the validator's mistake (a WRONG verdict of the suite run), which
 * the type need not share: it is counted, not checked. Undefined when the group did not compile
 * or has no types module.
 */
export function writeFitsFile(dir: string, tests: FitCase[], run: TypedRun): FitsFile | undefined {
  const name = run.name;
  if (!run.verdicts || name === undefined || !existsSync(join(dir, "out/types/suite.d.ts"))) return undefined;
  const lines = [
    `import type { ${name} } from "./out/types/suite.js";`,
    `import { is${name} } from "./out/validators/suite.js";`,
    SAME,
    "declare const input: unknown;",
    `if (is${name}(input)) {`,
    `  const narrowed: Same<typeof input, ${name}> = true;`,
    "  void narrowed;",
    "}",
  ];
  const cases = new Map<number, number>();
  let wronglyAccepted = 0;
  tests.forEach(({ data: value, valid }, j) => {
    if (!run.verdicts![j]) return;
    if (!valid) {
      wronglyAccepted++;
      return;
    }
    // JSON is TypeScript; the text is only type-checked, never run.
    lines.push(`export const t${j}: ${name} = ${JSON.stringify(value)};`);
    cases.set(lines.length, j);
  });
  const path = join(dir, "fits.mts");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { path, cases, values: cases.size, wronglyAccepted };
}

/** Type-checks every file in one program; the complaints of each, by the file's index. */
export function typeCheckFits(files: Array<FitsFile | undefined>): Map<number, Misfit[]> {
  const out = new Map<number, Misfit[]>();
  const dirs = new Map<string, number>();
  files.forEach((f, i) => {
    if (f) dirs.set(`${dirname(f.path)}/`, i);
  });
  const given = files.filter((f): f is FitsFile => f !== undefined).map((f) => f.path);
  if (!given.length) return out;
  for (const line of typecheck(given)) {
    const dir = [...dirs.keys()].find((d) => line.startsWith(d));
    const i = dir === undefined ? undefined : dirs.get(dir)!;
    // A complaint outside every group's folder (a library file, an option) is kept as index -1.
    const index = i ?? -1;
    const rest = dir === undefined ? line : line.slice(dir.length);
    const at = /^fits\.mts:(\d+): /.exec(rest);
    const which = at && i !== undefined ? files[i]!.cases.get(Number(at[1])) : undefined;
    const list = out.get(index) ?? [];
    list.push({ ...(which === undefined ? {} : { case: which }), message: rest });
    out.set(index, list);
  }
  return out;
}
