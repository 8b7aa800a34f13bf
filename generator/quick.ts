import { writeSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { parseKinds } from "./config.js";
import { type GenerateOptions, upToDateOut } from "./generate.js";

/** The flags of `specgen generate` (see commands.ts). */
export interface GenerateFlags {
  verbose?: boolean;
  emit?: string;
  out?: string;
  check?: boolean;
  force?: boolean;
  watch?: boolean;
  root?: string;
  allowRemoteRefs?: boolean;
}

/** The options of one `generate` run from its command line. */
export function generateOptions(paths: string[], flags: GenerateFlags): GenerateOptions {
  const emit = flags.emit ? flags.emit.split(",").map((k) => k.trim()) : undefined;
  return {
    paths,
    check: flags.check === true,
    force: flags.force === true,
    ...(flags.out ? { out: flags.out } : {}),
    ...(flags.root !== undefined ? { refRoot: flags.root } : {}),
    ...(flags.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
    ...(emit ? { config: { emit: parseKinds(emit, "--emit") } } : {}),
  };
}

export const upToDateMessage = (out: string): string =>
  `specgen: ${relative(process.cwd(), out) || "."}/ is up to date (inputs unchanged; --force regenerates)\n`;

/**
 * The flags a `generate` run that may have nothing to do can have. `--check`, `--force` and
 * `--watch` always work, and help and version are commander's: none is here.
 */
const NOOP_FLAGS = {
  out: { type: "string", short: "o" },
  root: { type: "string" },
  emit: { type: "string" },
  verbose: { type: "boolean" },
  "allow-remote-refs": { type: "boolean" },
} as const;

/**
 * The quick path of a no-op `specgen generate`: true when the command line is a plain
 * `generate` run and the output's stamp says no input changed, after printing so. Commander
 * (which loads `child_process` and a dozen modules) is then never loaded: that load was a third
 * of a no-op run. Anything else (another command, a flag not in {@link NOOP_FLAGS}, a
 * malformed line, a run with work or an error) returns false, and the CLI runs as usual,
 * through commander, which reads the line again and reports what is wrong.
 */
export function quickNoop(argv: readonly string[]): boolean {
  if (argv[0] !== "generate") return false;
  try {
    const parsed = parseArgs({ args: argv.slice(1), options: NOOP_FLAGS, allowPositionals: true, strict: true });
    const { out, root, emit } = parsed.values;
    const flags: GenerateFlags = {
      ...(out !== undefined ? { out } : {}),
      ...(root !== undefined ? { root } : {}),
      ...(emit !== undefined ? { emit } : {}),
      allowRemoteRefs: parsed.values["allow-remote-refs"] === true,
    };
    const done = upToDateOut(generateOptions(parsed.positionals, flags));
    if (done === undefined) return false;
    // Written straight to the descriptor: `process.stderr` is a stream whose set-up costs more
    // than the rest of the message's path.
    writeSync(2, upToDateMessage(done));
    return true;
  } catch {
    return false;
  }
}
