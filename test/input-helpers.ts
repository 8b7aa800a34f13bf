// Shared by the tests of how specgen reads untrusted input (input-safety, input-overlays): a small
// spec, a project folder holding files, and the CLI run with a bound for input that used to hang.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "./helpers.js";

const CLI = join(ROOT, "dist/generator/cli.js");

/** A small spec: one operation, one response schema. */
export const SPEC = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
`;

/** A project folder (package.json marks its root) holding `files`; removed by the caller. */
export function project(files: Record<string, string>): string {
  const dir = tempDir("specgen-input-");
  writeFileSync(join(dir, "package.json"), "{}\n");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
export interface Bounded {
  status: number | null;
  out: string;
  /** Whether the run ended by itself before the bound. */
  finished: boolean;
}

/** The CLI, asynchronously, killed after `ms`: for input that used to hang. */
export function bounded(args: string[], cwd: string, ms = 30_000): Promise<Bounded> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let out = "";
    let finished = true;
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      finished = false;
      child.kill("SIGKILL");
    }, ms);
    child.on("close", (status) => {
      clearTimeout(timer);
      done({ status, out, finished });
    });
  });
}
