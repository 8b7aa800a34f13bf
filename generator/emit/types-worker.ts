/** The types of one large spec, printed on a worker thread (see emitTypes). */
import type { SpecModel } from "../model/types.js";
import { loadTypeScript, specTypes } from "./types.js";
import { serveWorker } from "./worker.js";

// Before the spec arrives: the worker may be started while the specs are still being bundled.
loadTypeScript();
serveWorker((spec: SpecModel) => specTypes(spec));
