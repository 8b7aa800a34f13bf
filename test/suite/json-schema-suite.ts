import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../../generator/generate.js";
import { SHARED, tempDir } from "../helpers.js";
import { typeCheckFits, writeFitsFile, type Misfit } from "./type-fit.js";

/**
 * The official JSON-Schema-Test-Suite (draft 2020-12, required files) through the whole
 * pipeline: each group's schema is written as a bare schema file, `generate` makes its
 * validators module, and every test's data goes through the exported `validate…` function.
 * Plain Ajv 2020 (compiled at run time, strict mode off: the reference count the suite issue names) runs the same cases
 * beside it, so the
 * counts say what the toolkit's own pipeline adds or loses.
 */

export const SUITE = join(SHARED, "corpus/json-schema-test-suite/draft2020-12");

interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}

export interface SuiteGroup {
  file: string;
  index: number;
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

/** A group's outcome for one validator: per-test verdicts, or why it could not run. */
export interface GroupRun {
  /** Verdicts in test order; undefined where the group did not compile. */
  verdicts?: boolean[];
  /** A clean refusal (a located error), or a crash (an error without file, or a non-SpecError). */
  refused?: string;
  crashed?: string;
  /** The root schema's type name (its validator is `validate<name>`). */
  name?: string;
  /** tsc's complaints: about the group's modules or guard, or an accepted value that does not fit its type. */
  typeErrors?: Misfit[];
}

export interface Counts {
  pass: number;
  fail: number;
  /** Tests of groups that were skipped (remote refs). */
  skip: number;
}

/** Groups that need the suite's `remotes/` served on localhost:1234 (not copied; see SOURCE.md). */
export function needsRemote(group: SuiteGroup): boolean {
  return group.file === "refRemote.json" || JSON.stringify(group.schema).includes("localhost:1234");
}

/** The required files' groups, in file then group order. */
export function suiteGroups(): SuiteGroup[] {
  const groups: SuiteGroup[] = [];
  const files = readdirSync(SUITE)
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (const file of files) {
    const list = JSON.parse(readFileSync(join(SUITE, file), "utf8")) as Array<Omit<SuiteGroup, "file" | "index">>;
    list.forEach((g, index) => {
      groups.push({ ...g, file, index });
    });
  }
  return groups;
}

/** Plain Ajv 2020 compiling at run time, strict mode off (its strict mode refuses legal schemas). */
export function runPlainAjv(group: SuiteGroup): GroupRun {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default as new (
    o: object,
  ) => { compile(s: unknown): (d: unknown) => boolean };
  try {
    const validate = new Ajv2020({ strict: false, logger: false }).compile(group.schema);
    return { verdicts: group.tests.map((t) => validate(t.data) === true) };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

/**
 * One group through `generate` (validators only) and the generated module: the schema file is
 * `<dir>/specs/suite.json`; the root schema's validator is `validate<its name>`.
 */
export async function runSpecgen(group: SuiteGroup, dir: string): Promise<GroupRun> {
  const specs = join(dir, "specs");
  mkdirSync(specs, { recursive: true });
  const file = join(specs, "suite.json");
  writeFileSync(file, JSON.stringify(group.schema, null, 2));
  let files: Array<{ path: string; contents: string }>;
  // The file's own schema is the model's first named schema (its `$defs` follow).
  let rootName: string | undefined;
  try {
    const result = await generate({ cwd: dir, paths: [file], dryRun: true, config: { emit: ["validators"] } });
    if (result.problems.length) {
      const p = result.problems[0]!;
      return { refused: `${p.ruleId}: ${p.message}` };
    }
    files = result.files;
    rootName = result.model.specs[0]?.schemas[0]?.name;
  } catch (err) {
    const e = err as Error & { file?: string };
    if (e.name === "SpecError" && e.file) return { refused: e.message };
    return { crashed: `${e.name}: ${e.message}` };
  }
  const out = join(dir, "out");
  for (const f of files) {
    const target = join(out, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.contents);
  }
  const modulePath = join(out, "validators/suite.js");
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (err) {
    return { crashed: `import: ${(err as Error).message}` };
  }
  const name = rootName === undefined ? undefined : `validate${rootName}`;
  const validate = name ? (mod[name] as (d: unknown) => boolean) : undefined;
  if (!validate || rootName === undefined) return { refused: "no validator exported" };
  try {
    return { name: rootName, verdicts: group.tests.map((t) => validate(t.data) === true) };
  } catch (err) {
    return { crashed: `validate: ${(err as Error).message}` };
  }
}

/**
 * The suite's cases that expect an invalid `format` value to pass, "only an annotation by
 * default" in 2020-12. specgen's validators assert the formats ajv-formats knows (see the
 * README), by design, so these cases are counted apart when the two validators are compared.
 */
export function formatAnnotationCase(group: SuiteGroup, test: SuiteTest): boolean {
  return group.file === "format.json" && /only an annotation by default/.test(test.description);
}

/** Pass/fail/skip counts; `include` picks the cases counted (all by default). */
export function count(
  groups: SuiteGroup[],
  runs: Array<GroupRun | undefined>,
  include: (g: SuiteGroup, t: SuiteTest) => boolean = () => true,
): Counts {
  const counts: Counts = { pass: 0, fail: 0, skip: 0 };
  groups.forEach((g, i) => {
    const run = runs[i];
    if (!run) {
      counts.skip += g.tests.filter((t) => include(g, t)).length;
      return;
    }
    g.tests.forEach((t, j) => {
      if (!include(g, t)) return;
      if (run.verdicts?.[j] === t.valid) counts.pass++;
      else counts.fail++;
    });
  });
  return counts;
}

export interface SuiteReport {
  groups: SuiteGroup[];
  specgen: Array<GroupRun | undefined>;
  ajv: Array<GroupRun | undefined>;
  /** With the type check: groups and accepted values checked, and tsc's complaints outside any group. */
  typeChecked?: { groups: number; values: number; wronglyAccepted: number; elsewhere: string[] };
}

/** The type check (see type-fit.ts) over every compiled group: complaints go to each group's run. */
function checkTypes(groups: SuiteGroup[], runs: Array<GroupRun | undefined>, root: string): SuiteReport["typeChecked"] {
  const files = groups.map((g, i) => {
    const run = runs[i];
    return run ? writeFitsFile(join(root, `g${i}`), g.tests, run) : undefined;
  });
  const misfits = typeCheckFits(files);
  for (const [i, list] of misfits) if (i >= 0) runs[i]!.typeErrors = list;
  const checked = files.filter((f) => f !== undefined);
  const values = checked.reduce((n, f) => n + f.values, 0);
  const wronglyAccepted = checked.reduce((n, f) => n + f.wronglyAccepted, 0);
  return { groups: checked.length, values, wronglyAccepted, elsewhere: (misfits.get(-1) ?? []).map((m) => m.message) };
}

/** What the type check found: accepted values that do not fit, and complaints about modules or `isX` guards. */
export function typeMisfits(report: SuiteReport): { values: number; modules: number } {
  let values = 0;
  let modules = report.typeChecked?.elsewhere.length ?? 0;
  for (const run of report.specgen) {
    const errors = run?.typeErrors ?? [];
    values += new Set(errors.flatMap((e) => (e.case === undefined ? [] : [e.case]))).size;
    modules += errors.filter((e) => e.case === undefined).length;
  }
  return { values, modules };
}

/** Runs every group (remote ones skipped) through both; the work folder is removed afterwards. */
export async function runSuite(
  filter: (g: SuiteGroup) => boolean = () => true,
  options: { types?: boolean } = {},
): Promise<SuiteReport> {
  const groups = suiteGroups().filter(filter);
  const root = tempDir("specgen-suite-");
  const specgen: Array<GroupRun | undefined> = [];
  const ajv: Array<GroupRun | undefined> = [];
  let typeChecked: SuiteReport["typeChecked"];
  try {
    for (const [i, group] of groups.entries()) {
      if (needsRemote(group)) {
        specgen.push(undefined);
        ajv.push(undefined);
        continue;
      }
      ajv.push(runPlainAjv(group));
      specgen.push(await runSpecgen(group, join(root, `g${i}`)));
    }
    if (options.types) typeChecked = checkTypes(groups, specgen, root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { groups, specgen, ajv, ...(typeChecked ? { typeChecked } : {}) };
}

/**
 * Human-readable lines: counts, then each group specgen refused or crashed on, then each verdict that differs from the
 * suite.
 */
export function describe(report: SuiteReport): string[] {
  const s = count(report.groups, report.specgen);
  const a = count(report.groups, report.ajv);
  const others = (g: SuiteGroup, t: SuiteTest) => !formatAnnotationCase(g, t);
  const so = count(report.groups, report.specgen, others);
  const ao = count(report.groups, report.ajv, others);
  // Not "N passed, N failed": CI logs read such a line as a test runner's verdict.
  const lines = [
    `specgen:  ${s.pass} cases right, ${s.fail} wrong, ${s.skip} skipped`,
    `ajv 2020: ${a.pass} cases right, ${a.fail} wrong, ${a.skip} skipped`,
    `without the ${s.pass + s.fail + s.skip - (so.pass + so.fail + so.skip)} format-annotation cases ` +
      "(specgen asserts formats by design):",
    `specgen:  ${so.pass} cases right, ${so.fail} wrong, ${so.skip} skipped`,
    `ajv 2020: ${ao.pass} cases right, ${ao.fail} wrong, ${ao.skip} skipped`,
  ];
  const checked = report.typeChecked;
  if (checked) {
    const m = typeMisfits(report);
    lines.push(
      `types:    ${checked.groups} groups, ${checked.values} accepted values checked by tsc --strict: ` +
        `${m.values} do not fit; ${m.modules} complaints about the modules or guards`,
      `          (${checked.wronglyAccepted} values accepted though the suite says invalid: ` +
        "WRONG verdicts, not checked)",
    );
    for (const e of checked.elsewhere) lines.push(`TYPE    ${e.split("\n")[0]}`);
  }
  report.groups.forEach((g, i) => {
    const run = report.specgen[i];
    const where = `${g.file}[${g.index}] ${g.description}`;
    if (run?.crashed) lines.push(`CRASH   ${where}: ${run.crashed}`);
    else if (run?.refused) lines.push(`REFUSED ${where}: ${run.refused.split("\n")[0]}`);
    for (const e of run?.typeErrors ?? []) {
      const which = e.case === undefined ? "" : ` / ${g.tests[e.case]!.description}`;
      lines.push(`TYPE    ${where}${which}: ${e.message.split("\n")[0]}`);
    }
    if (run?.crashed || run?.refused) return;
    if (run?.verdicts) {
      g.tests.forEach((t, j) => {
        if (run.verdicts![j] !== t.valid)
          lines.push(`WRONG   ${where} / ${t.description}: expected ${t.valid ? "valid" : "invalid"}`);
      });
    }
  });
  return lines;
}
