/**
 * `specgen validate <spec>#<operationId or schema name> <file.json…>`: the chosen target's
 * validator compiled in memory (compile.ts), each document read (read.ts, fetch.ts) and checked,
 * and each problem located in the document's text and matched to the overlay rule it breaks.
 *
 * @module
 */
import { relative, resolve, sep } from "node:path";
import { literalPointer } from "../emit/validators/literal-pointer.js";
import { exportNames, type ValidatorTarget } from "../emit/validators/targets.js";
import { SpecError } from "../errors.js";
import { findPatterns } from "../lint/find-patterns.js";
import { textLocator } from "../load/locate.js";
import type { OverlayRule } from "../load/overlay.js";
import { formatFragment } from "../load/pointer.js";
import { judgeAll } from "../pattern-gate.js";
import { problemSources, tooDeep, type ValidateFunction } from "../runtime/validation.js";
import { citeRule } from "./cite.js";
import { compileInMemory } from "./compile.js";
import { DocumentError, UsageError } from "./errors.js";
import { fetchJsonText } from "./fetch.js";
import { reportFindings } from "./format.js";
import { isLintFormat } from "./lint-format.js";
import { type ReadDocument, readJsonText, STDIN, shown } from "./read.js";
import { type FunctionRoot, functionRoots } from "./roots.js";
import { reachableFrom, type Within } from "./reach.js";
import { loadSpec } from "./spec.js";
import { splitTarget, selectTarget } from "./target.js";
import type { Finding, ValidateOptions, ValidateOutcome } from "./types.js";

/**
 * Most problems reported per document: a broken or hostile answer can fail on every one of
 * millions of values, and each reported problem is located in its text and checked against the
 * overlay rules; the rest are counted.
 */
const MAX_DOCUMENT_PROBLEMS = 100;

/** What every document is checked with: the chosen target's validator and the overlay rules to cite. */
interface Checker {
  chosen: ValidatorTarget;
  validate: ValidateFunction<unknown>;
  rules: readonly OverlayRule[];
  roots: readonly FunctionRoot[];
  document: unknown;
  cwd: string;
  warnings: string[];
}

/** `specgen validate`: never throws for bad input; the outcome says what to print and the exit code. */
export async function runValidate(
  target: string,
  files: readonly string[],
  options: ValidateOptions = {},
): Promise<ValidateOutcome> {
  const parsed = parseCommandLine(target, files);
  if (typeof parsed === "string") return refusal(parsed);
  let checker: Checker;
  try {
    checker = await prepare(parsed.specPath, parsed.selector, options);
  } catch (err) {
    if (err instanceof UsageError) return refusal(err.message);
    if (err instanceof SpecError) return refusal(err.toString());
    throw err;
  }
  const format = options.format ?? "text";
  const checked = await checkAll(files, checker, isLintFormat(format));
  const { stdout, problems } = reportFindings(checked.findings, format, checked.texts);
  const { valid, unreadable } = checked;
  const stderr = [
    ...checker.warnings.map((w) => `warning: ${w}`),
    ...unreadable.map((m) => `specgen validate: ${m}`),
    `specgen validate: ${valid} of ${files.length} file(s) valid against ${checker.chosen.name} (${parsed.specPath})`,
  ];
  const exitCode = unreadable.length ? 2 : valid === files.length ? 0 : 1;
  return { exitCode, stdout, stderr, ...(problems && { problems }) };
}

/** A usage error's outcome: exit 2, nothing checked. */
const refusal = (message: string): ValidateOutcome => ({
  exitCode: 2,
  stdout: [],
  stderr: [`specgen validate: ${message}`],
});

/** The spec and selector of `<spec>#<selector>`, or what is wrong with the command line. */
function parseCommandLine(target: string, files: readonly string[]): { specPath: string; selector: string } | string {
  const split = splitTarget(target);
  if (!split) return `expected <spec>#<operationId or schema name>, got ${JSON.stringify(target)}`;
  if (!files.length) return "no JSON files given";
  if (files.filter((f) => f === STDIN).length > 1) return "standard input (-) can be read only once";
  return split;
}

/**
 * Every document checked: the findings, the texts read (kept for lint's code frames only when
 * `keepTexts`), how many were valid, and the usage errors of those that could not be read.
 */
async function checkAll(files: readonly string[], checker: Checker, keepTexts: boolean) {
  const findings: Finding[] = [];
  const texts = new Map<string, string>();
  const unreadable: string[] = [];
  let valid = 0;
  for (const given of files) {
    const read = await readGiven(given, checker.cwd);
    if (typeof read === "string") unreadable.push(read);
    else if ("finding" in read) findings.push(read.finding);
    else {
      if (keepTexts) texts.set(shown(given), read.text);
      const found = check(shown(given), read, checker);
      if (!found.length) valid++;
      findings.push(...found);
    }
  }
  return { findings, texts, valid, unreadable };
}

/**
 * The spec's model, the target `selector` names, and its validator. Only the chosen target is
 * compiled (with what it references): a spec's other bodies are no concern of this check, and
 * compiling all 261 of GitHub's webhooks took most of a minute. Likewise only the regexes that
 * validator runs are judged by recheck (and warned of), and `isX`'s compile is left out.
 */
async function prepare(specPath: string, selector: string, options: ValidateOptions): Promise<Checker> {
  const loaded = await loadSpec(specPath, options);
  const chosen = selectTarget(loaded.spec, loaded.targets, selector);
  const document = loaded.spec.document;
  const targetAt = literalPointer(document, chosen.pointer);
  const within = loaded.spec.kind === "openapi" ? reachableFrom(document, targetAt) : undefined;
  const scope = { firstError: false, patternsWithin: within ?? (() => true), judged: judgeRegexes(document, within) };
  const compiled = await compileInMemory(loaded.spec, [chosen], (m) => loaded.warnings.push(m), scope);
  const validate = compiled.exports[exportNames(chosen.name).validate] as ValidateFunction<unknown>;
  const rules = loaded.spec.overlayRules ?? [];
  const roots = rules.length ? functionRoots(document, targetAt, compiled.origins) : [];
  const cwd = resolve(options.cwd ?? process.cwd());
  return { chosen, validate, rules, roots, document, cwd, warnings: loaded.warnings };
}

/**
 * Has the judge's worker (pattern-gate.ts `judgeAll`) judge the regexes at the places `within`
 * accepts (all without it) while Ajv compiles, so that the warnings find their verdicts made and
 * recheck's synchronous call is never needed.
 */
async function judgeRegexes(document: unknown, within: Within | undefined): Promise<void> {
  const found = findPatterns(document).filter((f) => within === undefined || within(f.pointer));
  if (!found.length) return;
  await judgeAll(found.map((f) => f.pattern));
}

/** One document given: read, a finding (not JSON, a failed fetch), or a usage error's message. */
async function readGiven(given: string, cwd: string): Promise<ReadDocument | { finding: Finding } | string> {
  try {
    return /^https?:\/\//i.test(given) ? await fetchJsonText(given) : readJsonText(given, cwd);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    if (err instanceof DocumentError) return { finding: err.finding };
    throw err;
  }
}

/** The findings of one document read as `file`: none when it is valid. */
function check(file: string, { value, text }: ReadDocument, checker: Checker): Finding[] {
  const { validate, rules, roots, document, cwd } = checker;
  let problems: ReturnType<typeof problemSources>;
  try {
    problems = validate(value) ? [] : problemSources(validate.errors);
  } catch (err) {
    problems = problemSources(tooDeep(err));
  }
  if (!problems.length) return [];
  const at = textLocator(file, text);
  const findings = problems.slice(0, MAX_DOCUMENT_PROBLEMS).map(({ problem: p, error }): Finding => {
    const rule = citeRule(rules, roots, document, error);
    return {
      file,
      ...at(p.pointer),
      pointer: p.pointer,
      message: p.message,
      ...(rule && { rule: citation(rule, cwd) }),
    };
  });
  const more = problems.length - MAX_DOCUMENT_PROBLEMS;
  if (more > 0) {
    const message = `… and ${more} more problem(s) not shown (the first ${MAX_DOCUMENT_PROBLEMS} are)`;
    findings.push({ file, message });
  }
  return findings;
}

/** How a finding names the overlay rule it breaks: its description, and `<overlay file>#/actions/<n>`. */
function citation(rule: OverlayRule, cwd: string): NonNullable<Finding["rule"]> {
  const file = relative(cwd, rule.file).split(sep).join("/");
  return { description: rule.description, action: `${file}${formatFragment(["actions", String(rule.action)])}` };
}
