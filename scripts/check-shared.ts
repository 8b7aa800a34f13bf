/**
 * Run before the tests: the corpus tests read ../shared/ (beside the repository). Without it,
 * one clear message instead of dozens of ENOENT failures.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const shared = fileURLToPath(new URL("../../../shared/corpus", import.meta.url));
if (!existsSync(shared)) {
  process.stderr.write(
    `npm test: ${shared} is missing. The tests read the corpus from ../shared/ beside this repository; ` +
      "put it there (CI does) and run again.\n",
  );
  process.exit(1);
}
