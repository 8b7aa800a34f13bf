/**
 * Handing a large spec's types to a worker thread (types/worker.ts over emit/worker.ts), so that
 * they print beside the validators' compile, and starting that worker early.
 *
 * @module
 */
import type { RefPolicy } from "../../load/policy.js";
import { LARGE_SPEC_TEXT } from "../../model/size.js";
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

/**
 * `refs` whose resolver starts a types worker (once, see {@link startTypesWorker}) when the files
 * one spec's `$ref`s reach add up to a large spec's text: a spec large only once its `$ref`s are
 * read (DigitalOcean's 2,034 files) then loads TypeScript on the other core while the rest is
 * bundled, rather than after its model. Each start's stop goes to `stops`.
 */
export function typesWorkerOnLargeRefs(refs: RefPolicy, stops: Array<() => Promise<void>>): RefPolicy {
  let started = false;
  const parsed = (doc: unknown, textSoFar: number): void => {
    refs.parsed?.(doc, textSoFar);
    if (started || textSoFar < LARGE_SPEC_TEXT) return;
    started = true;
    stops.push(startTypesWorker());
  };
  return { ...refs, parsed };
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
