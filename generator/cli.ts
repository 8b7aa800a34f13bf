#!/usr/bin/env node
// The `specgen` command. A no-op `generate` (the usual run of a build step) is answered without
// loading commander (quick.ts); every other command line is parsed and run by commands.ts.
import { quickNoop } from "./quick.js";

if (!quickNoop(process.argv.slice(2))) await import("./commands.js");
