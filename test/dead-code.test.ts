import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

/** The TypeScript sources below `folder` (relative to the repo), by path. */
function sources(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })) {
    if (f.endsWith(".ts") && !f.includes("fixtures") && !f.includes("snapshots")) {
      out.set(join(folder, f), readFileSync(join(ROOT, folder, f), "utf8"));
    }
  }
  return out;
}

// `tsc --noUnusedLocals` (tsconfig.json) finds unused locals and imports; an export nothing
// imports is dead code it cannot see. The package's API is generator/index.ts (and the CLI); the
// shipped runtime's exports are the generated clients', so both are left out.
test("every value a generator module exports is used by another module or a test", () => {
  const all = new Map([...sources("generator"), ...sources("test"), ...sources("scripts"), ...sources("bench")]);
  const unused: string[] = [];
  for (const [file, text] of all) {
    if (!file.startsWith("generator") || file.includes("runtime") || /(index|cli)\.ts$/.test(file)) continue;
    for (const [, name] of text.matchAll(/^export (?:async )?(?:function\*?|const|let|class) ([\w$]+)/gm)) {
      const word = new RegExp(`(?<![\\w$])${name!.replace(/\$/g, "\\$")}(?![\\w$])`);
      if (![...all].some(([other, body]) => other !== file && word.test(body))) unused.push(`${file}: ${name}`);
    }
  }
  assert.deepEqual(unused, []);
});
