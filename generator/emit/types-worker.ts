/** The types of one large spec, printed on a worker thread (see emitTypes). */
import type { SpecModel } from "../model/types.js";
import { specTypes } from "./types.js";
import { serveWorker } from "./worker.js";

await serveWorker((spec: SpecModel) => specTypes(spec));
