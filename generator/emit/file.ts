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
