// The client's declaration files import only the names they use, and type URL builders' params
// with the named types the types module exports (`<Op>Path`, `<Op>Query`) rather than indexed
// access into openapi-typescript's `operations`. Read from the snapshots, which
// test/snapshots.test.ts keeps equal to what the generator writes.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT } from "./helpers.js";

const SNAPSHOTS = join(ROOT, "test/snapshots");

/** Every per-spec client declaration file of the snapshots, as `scenario/client/file.d.ts`. */
function declarationFiles(): string[] {
  return readdirSync(SNAPSHOTS)
    .sort()
    .flatMap((scenario) => {
      const dir = join(SNAPSHOTS, scenario, "client");
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      return names.filter((n) => n.endsWith(".d.ts") && n !== "index.d.ts").map((n) => `${scenario}/client/${n}`);
    });
}

/** The names a file imports (`import type { A, B } from …`), and its text without imports and comments. */
function importsAndCode(text: string): { imported: string[]; code: string } {
  const imported = [...text.matchAll(/^import type \{ ([^}]*) \} from .*$/gm)].flatMap((m) => m[1]!.split(", "));
  const code = text.replace(/^import .*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
  return { imported, code };
}

test("client declarations: the snapshots hold client declaration files", () => {
  assert.ok(declarationFiles().length >= 5);
});

for (const file of declarationFiles()) {
  test(`client declarations: ${file} imports only names it uses`, () => {
    const { imported, code } = importsAndCode(readFileSync(join(SNAPSHOTS, file), "utf8"));
    const unused = imported.filter(
      (name) => !new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code),
    );
    assert.deepEqual(unused, []);
  });
  test(`client declarations: ${file} types URL builders' params by name`, () => {
    const builders = readFileSync(join(SNAPSHOTS, file), "utf8")
      .split("\n")
      .filter((line) => /^export declare function \w+Url\(/.test(line));
    for (const line of builders) assert.doesNotMatch(line, /operations\[|paths\[/);
  });
}
