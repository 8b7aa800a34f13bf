#!/usr/bin/env node
import { Command, Option } from "commander";
import { formatProblems, getTotals, type OutputFormat } from "@redocly/openapi-core";
import { lint } from "./lint/index.js";
import { SpecError } from "./errors.js";
import { VERSION } from "./version.js";

const program = new Command()
  .name("specgen")
  .description("Lint OpenAPI 3.1 specs and JSON Schemas, and generate TypeScript types, validators and fetch stubs.")
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

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`specgen: ${err instanceof SpecError ? err.toString() : err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
