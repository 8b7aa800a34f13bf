/** An input problem the user must fix: always names the file, and the line/column when known. */
export class SpecError extends Error {
  override name = "SpecError";
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
    readonly pointer?: string,
  ) {
    super(message);
  }

  /** `file:line:col: message`, the shape editors and CI logs link from. */
  override toString(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}:${this.column ?? 1}`;
    return `${where}: ${this.message}${this.pointer ? ` (at ${this.pointer})` : ""}`;
  }
}
