/** The types of one large spec, printed on a worker thread (see worker-handoff.ts). */
import type { SpecModel } from "../../model/types.js";
import { serveWorker } from "../worker.js";
import { libraries } from "./libraries.js";
import { specTypes } from "./spec-types.js";

// Before the spec arrives: the worker may be started while the specs are still being bundled.
libraries();
serveWorker((spec: SpecModel) => specTypes(spec));
