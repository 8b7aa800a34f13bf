/** One output file; emitters return these and only the writer touches the disk. */
export interface GeneratedFile {
  /** Path relative to the output folder, `/`-separated. */
  path: string;
  contents: string;
}

/** What an emitter returns: its files and the warnings it has for the user, in order. */
export interface Emitted {
  files: GeneratedFile[];
  warnings: string[];
  /** The warnings above that concern one spec, by its source (for the stamp: see stamp-units.ts). */
  bySource?: Map<string, string[]>;
}

/** What an emitter may wait for besides the model. */
export interface EmitContext {
  /**
   * Settles once recheck has judged every regex of the run and the pattern gate has passed (it
   * rejects with the gate's error); undefined when the run judges none or every verdict is in.
   * The validators emitter compiles meanwhile and waits for it only before its warnings about
   * unsafe regexes (see pattern-gate.ts, patternsJudged).
   */
  patternsJudged?: Promise<void> | undefined;
}
