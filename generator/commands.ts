// The commands of the `specgen` CLI (see cli.ts).
import { Command, Option } from "commander";
import type { NormalizedProblem, OutputFormat } from "@redocly/openapi-core";
import { generate } from "./generate.js";
import { relative } from "node:path";
import { type GenerateFlags, generateOptions, upToDateMessage } from "./quick.js";
import { SpecError } from "./errors.js";
import { VERSION } from "./version.js";
import { summarizeWarnings } from "./warnings.js";
import type { ValidateFormat } from "./validate/index.js";

const program = new Command()
  .name("specgen")
  .description(
    "Lint OpenAPI 3.1 specs and JSON Schemas, and generate TypeScript types, precompiled validators " +
      "and a typed fetch client from them.",
  )
  .version(VERSION)
  .showHelpAfterError();

program
  .command("lint")
  .description("Lint OpenAPI documents (Redocly rules + specgen rules) and standalone JSON Schema files.")
  .argument("[paths...]", "files or directories (walked for .yaml/.yml/.json)", ["specs"])
  .addOption(
    new Option("-f, --format <format>", "output format")
      .choices(["codeframe", "stylish", "json", "github-actions", "checkstyle"])
      .default("codeframe"),
  )
  .option("-c, --config <file>", "Redocly config file (default: ./redocly.yaml)")
  .option("--max-problems <n>", "show at most this many problems", (v) => Number.parseInt(v, 10), 100)
  .option("--root <dir>", "folder that $refs may not leave (default: the project folder around each path)")
  .option("--allow-remote-refs", "fetch http(s) $refs (default: a remote $ref is an error)")
  .action(
    async (
      paths: string[],
      opts: { format: OutputFormat; config?: string; maxProblems: number; root?: string; allowRemoteRefs?: boolean },
    ) => {
      const { lint } = await import("./lint/index.js");
      const result = await lint(paths, {
        ...(opts.config ? { config: opts.config } : {}),
        ...(opts.root !== undefined ? { root: opts.root } : {}),
        allowRemoteRefs: opts.allowRemoteRefs === true,
      });
      await printProblems(result.problems, opts.format, opts.maxProblems);
      if (opts.format === "codeframe" || opts.format === "stylish") {
        process.stderr.write(
          `${result.files.length} file(s) linted: ${result.errors} error(s), ${result.warnings} warning(s).\n`,
        );
      }
      process.exitCode = result.errors > 0 ? 1 : 0;
    },
  );

program
  .command("generate")
  .description("Lint structurally, then generate types, validators and a client from the specs into the output folder.")
  .argument("[paths...]", "spec files or folders (default: the config's specs folder)")
  .option("-o, --out <dir>", "output folder (default: the config's out, else generated/)")
  .option("--check", "write nothing; exit 1 with a diff when the output folder differs from what the specs produce")
  .option("--force", "regenerate even when the inputs are unchanged since the last run")
  .option("--verbose", "print every warning (by default a kind with many is one line with a count and the first few)")
  .option("--emit <kinds>", "comma-separated output kinds: types, validators, client (default: the config's, else all)")
  .option("-w, --watch", "stay running and regenerate when a spec, an overlay, the config or a file they $ref changes")
  .option("--root <dir>", "folder that $refs may not leave (default: the project folder around the specs)")
  .option(
    "--allow-remote-refs",
    "fetch http(s) $refs (default: the config's allowRemoteRefs, else a remote $ref is an error)",
  )
  .action(async (paths: string[], opts: GenerateFlags) => {
    const out = await runGenerate(paths, opts);
    if (opts.watch) {
      const { watchAndRegenerate } = await import("./watch.js");
      const rerun = () => runGenerate(paths, { ...opts, force: false }).catch((err: unknown) => void report(err));
      watchAndRegenerate(paths, process.cwd(), out, rerun);
      process.stderr.write("specgen: watching the specs, overlays, config and every file they $ref (Ctrl-C to stop)\n");
    }
  });

program
  .command("validate")
  .description("Check JSON files against a spec's response or schema, with the validators generate would emit.")
  .argument(
    "<target>",
    "<spec file>#<operationId> (its first 2xx JSON response, a webhook's request body; " +
      "<operationId>:<status> or <operationId>:body for another) or <spec file>#<schema or type name>",
  )
  .argument("<files...>", "JSON files to check (- reads standard input; an http(s) URL is fetched)")
  // The list is written here, not imported: validate/ loads Ajv and Redocly, which `generate` must not wait for.
  .addOption(
    new Option("-f, --format <format>", "output format")
      .choices(["text", "github-actions", "json", "codeframe", "stylish", "checkstyle"] satisfies ValidateFormat[])
      .default("text"),
  )
  .option("--no-overlays", "check the spec as written, without the overlays the config lists for it")
  // Usage errors exit 2 (commander's own default is 1).
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .action(async (target: string, files: string[], opts: { overlays: boolean; format: ValidateFormat }) => {
    const { runValidate } = await import("./validate/index.js");
    const outcome = await runValidate(target, files, { overlays: opts.overlays, format: opts.format });
    for (const line of outcome.stdout) process.stdout.write(`${line}\n`);
    // The formats lint has too print through its formatter, every problem shown.
    if (outcome.problems) await printProblems(outcome.problems, opts.format as OutputFormat, Number.MAX_SAFE_INTEGER);
    for (const line of outcome.stderr) process.stderr.write(`${line}\n`);
    process.exitCode = outcome.exitCode;
  });

/** One `generate` run with its report; returns the output folder. */
async function runGenerate(paths: string[], opts: GenerateFlags): Promise<string> {
  const started = performance.now();
  const result = await generate(generateOptions(paths, opts));
  if (result.upToDate) {
    process.stderr.write(upToDateMessage(result.out));
    return result.out;
  }
  const shown = summarizeWarnings(result.warnings, result.model.warningKinds, opts.verbose === true);
  for (const w of shown) process.stderr.write(`warning: ${w}\n`);
  if (result.problems.length) {
    await printProblems(result.problems, "codeframe", 100);
    process.stderr.write("specgen generate: stopped before writing anything; fix the errors above.\n");
    process.exitCode = 1;
    return result.out;
  }
  const outName = relative(process.cwd(), result.out) || ".";
  if (opts.check) {
    const diff = result.diff ?? "";
    if (diff) {
      process.stdout.write(diff);
      process.stderr.write(
        `specgen generate --check: ${outName}/ is out of date (stale or edited by hand); run specgen generate.\n`,
      );
      process.exitCode = 1;
    } else process.stderr.write(`specgen generate --check: ${outName}/ is up to date.\n`);
    return result.out;
  }
  const ops = result.model.specs.reduce((n, s) => n + s.operations.length, 0);
  const schemas = result.model.specs.reduce((n, s) => n + s.schemas.length, 0);
  const webhooks = result.model.specs.reduce((n, s) => n + s.webhooks.length, 0);
  const ms = Math.round(performance.now() - started);
  const counted = `${ops} operation(s)${webhooks ? ` and ${webhooks} webhook(s) (no client)` : ""}`;
  const kept = result.kept === undefined ? "" : ` redone, ${result.kept} kept from the last run`;
  const specs = `${result.model.specs.length} spec(s)${kept}, ${counted}, ${schemas} schema(s)`;
  process.stderr.write(`specgen: ${specs} -> ${result.files.length} file(s) in ${outName}/ (${ms} ms)\n`);
  return result.out;
}

/** Redocly's formatter (codeframes, GitHub annotations, …), loaded only when there is something to print. */
async function printProblems(problems: NormalizedProblem[], format: OutputFormat, maxProblems: number): Promise<void> {
  const { formatProblems, getTotals } = await import("@redocly/openapi-core");
  formatProblems(problems, {
    format,
    totals: getTotals(problems),
    version: VERSION,
    maxProblems,
    color: process.stderr.isTTY === true,
  });
}

function report(err: unknown): void {
  process.stderr.write(
    `specgen: ${err instanceof SpecError ? err.toString() : err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exitCode = 2;
}

program.parseAsync().catch(report);
