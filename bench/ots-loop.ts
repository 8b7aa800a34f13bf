// The baseline for bench (b): openapi-typescript's Node API over each file, in one process.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const dir = process.argv[2]!;
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith(".yaml"))
  .sort()) {
  astToString(await openapiTS(pathToFileURL(join(dir, f)), { silent: true }));
}
