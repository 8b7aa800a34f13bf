import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { watch as chokidar } from "chokidar";
import { CONFIG_FILE, loadProjectConfig } from "./config.js";
import { STAMP_FILE, readStampFile } from "./stamp.js";

/**
 * `generate --watch`: regenerates when a spec, an overlay, the config or any file the specs
 * `$ref` changes. chokidar (not `fs.watch`) so that an editor's atomic save (write a temporary
 * file, rename it over the spec) is seen as a change of the spec rather than the end of the
 * watched file; the `$ref`'d files are those the last good run's stamp lists, so a spec that
 * starts referring to another file gets it watched from its next successful run on.
 * Runs are serialised and debounced; `run` reports its own errors and returns the output folder.
 * Returns a function that stops watching.
 */
export function watchAndRegenerate(
  paths: string[],
  cwd: string,
  firstOut: string,
  run: () => Promise<string | undefined>,
): () => Promise<void> {
  const config = loadProjectConfig(cwd);
  const targets = [...(paths.length ? paths : [config.specs]), ...Object.values(config.overlays).flat(), CONFIG_FILE]
    .map((p) => resolve(cwd, p))
    .filter((p) => existsSync(p));
  const watcher = chokidar(targets, { ignoreInitial: true, atomic: true });
  const watchInputs = (out: string | undefined) => {
    const stamp = out === undefined ? undefined : readStampFile(join(out, STAMP_FILE));
    if (stamp) watcher.add(Object.keys(stamp.inputs).map((p) => resolve(cwd, p)));
  };
  watchInputs(firstOut);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const rerun = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => watchInputs(await run()));
    }, 150);
  };
  watcher.on("all", rerun);
  return async () => {
    clearTimeout(timer);
    await running;
    await watcher.close();
  };
}
