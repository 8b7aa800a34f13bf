// scripts/homeserver/install.sh without a reachable Debian mirror: a distinct exit status and a
// loud message, nothing half-installed. Fast (nothing is downloaded), so it runs in `npm test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers.js";
import { freePort } from "./synapse.js";

test("install.sh exits 75 and says so loudly when the Debian mirror cannot be reached", async () => {
  const cache = tempDir("specgen-synapse-cache-");
  try {
    const port = await freePort(); // closed again: connecting is refused
    const started = Date.now();
    const r = spawnSync("bash", [join(ROOT, "scripts/homeserver/install.sh")], {
      env: { ...process.env, SPECGEN_SYNAPSE_CACHE: cache, SPECGEN_DEBIAN_MIRROR: `http://127.0.0.1:${port}/debian` },
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.status, 75, r.stdout + r.stderr);
    assert.match(r.stderr, /HOMESERVER TESTS NOT RUN: the Debian mirror http:\/\/127\.0\.0\.1:\d+\/debian cannot be/);
    assert.ok(Date.now() - started < 20_000, "gives up within 20 s");
    assert.equal(existsSync(join(cache, "complete")), false);
    assert.deepEqual(readdirSync(cache), [], "nothing installed");
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
