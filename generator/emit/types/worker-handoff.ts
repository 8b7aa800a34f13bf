/**
 * Handing a large spec's types to a worker thread (types/worker.ts over emit/worker.ts), so that
 * they print beside the validators' compile, and starting that worker early.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import type { GeneratedFile } from "../file.js";
import { WorkerTask } from "../worker.js";

const TYPES_WORKER_URL = new URL("./worker.js", import.meta.url);

/**
 * The one piece of module state of the types emitter, a deliberate cache: a worker started by
 * {@link startTypesWorker} before the model exists, which the next large spec takes (and which
 * then no longer holds it). Undefined when no spare worker waits.
 */
let spareWorker: WorkerTask | undefined;

/**
 * Starts a types worker ahead of the types emitter, for a run whose specs look large while they
 * are still being read and bundled: meanwhile the worker loads TypeScript and openapi-typescript
 * (0.4 s) on the other core. The next large spec's types use it. Returns a function that stops
 * it if it is still unused (a run that stopped early, or whose specs were not large after all).
 */
export function startTypesWorker(): () => Promise<void> {
  spareWorker ??= new WorkerTask(TYPES_WORKER_URL);
  const task = spareWorker;
  return async () => {
    if (spareWorker === task) spareWorker = undefined;
    await task.stop();
  };
}

/** The spare worker if one waits, else a new one. */
function takeTypesWorker(): WorkerTask {
  const task = spareWorker ?? new WorkerTask(TYPES_WORKER_URL);
  spareWorker = undefined;
  return task;
}

/** Gives `spec` to a types worker now; the promise holds its `types/<module>.d.ts`. */
export function typesOnWorker(spec: SpecModel): Promise<GeneratedFile> {
  return takeTypesWorker().run<SpecModel, GeneratedFile>(spec);
}
