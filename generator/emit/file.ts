/** One output file; emitters return these and only the writer touches the disk. */
export interface GeneratedFile {
  /** Path relative to the output folder, `/`-separated. */
  path: string;
  contents: string;
}
