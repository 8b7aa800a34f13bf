#!/usr/bin/env node
import { Command, Option } from "commander";
import { formatProblems, getTotals, type OutputFormat } from "@redocly/openapi-core";
import { lint } from "./lint/index.js";
import { generate } from "./generate.js";
import { relative } from "node:path";
import { SpecError } from "./errors.js";
import { VERSION } from "./version.js";

const program = new Command()
  .name("specgen")
  .description("Lint OpenAPI 3.1 specs and JSON Schemas, and generate TypeScript types from them.")
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
  .action(async (paths: string[], opts: { format: OutputFormat; config?: string; maxProblems: number }) => {
    const result = await lint(paths, opts.config ? { config: opts.config } : {});
    const totals = getTotals(result.problems);
    formatProblems(result.problems, { format: opts.format, totals, version: VERSION, maxProblems: opts.maxProblems, color: process.stderr.isTTY === true });
    if (opts.format === "codeframe" || opts.format === "stylish") {
      process.stderr.write(`${result.files.length} file(s) linted: ${result.errors} error(s), ${result.warnings} warning(s).\n`);
    }
    process.exitCode = result.errors > 0 ? 1 : 0;
  });

program
  .command("generate")
  .description("Lint structurally, then generate types and more from the specs into the output folder.")
  .argument("[paths...]", "spec files or folders (default: the config's specs folder)")
  .option("-o, --out <dir>", "output folder (default: the config's out, else generated/)")
  .option("--check", "write nothing; exit 1 with a diff when the output folder differs from what the specs produce")
  .action(async (paths: string[], opts: { out?: string; check?: boolean }) => {
    const started = performance.now();
    const result = await generate({ paths, check: opts.check === true, ...(opts.out ? { out: opts.out } : {}) });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    if (result.problems.length) {
      formatProblems(result.problems, { format: "codeframe", totals: getTotals(result.problems), version: VERSION, color: process.stderr.isTTY === true });
      process.stderr.write("specgen generate: stopped before writing anything; fix the errors above.\n");
      process.exitCode = 1;
      return;
    }
    const outName = relative(process.cwd(), result.out) || ".";
    if (opts.check) {
      const diff = result.diff ?? "";
      if (diff) {
        process.stdout.write(diff);
        process.stderr.write(`specgen generate --check: ${outName}/ is out of date (stale or edited by hand); run specgen generate.\n`);
        process.exitCode = 1;
      } else process.stderr.write(`specgen generate --check: ${outName}/ is up to date.\n`);
      return;
    }
    const ops = result.model.specs.reduce((n, s) => n + s.operations.length, 0);
    const schemas = result.model.specs.reduce((n, s) => n + s.schemas.length, 0);
    const ms = Math.round(performance.now() - started);
    process.stderr.write(`specgen: ${result.model.specs.length} spec(s), ${ops} operation(s), ${schemas} schema(s) -> ${result.files.length} file(s) in ${outName}/ (${ms} ms)\n`);
  });

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`specgen: ${err instanceof SpecError ? err.toString() : err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
