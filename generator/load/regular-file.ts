// Its own module: the config and the stamp read files this way on a no-op run, which loads no YAML parser.
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { SpecError } from "../errors.js";

/**
 * The text of a regular file. A named pipe, socket or device is refused without blocking: the
 * file is opened non-blocking (opening a FIFO for reading would wait for a writer) and judged
 * by fstat of that same descriptor, so it cannot be swapped between the check and the read.
 */
export function readRegularFile(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new SpecError("a folder, not a file", path);
    if (!stat.isFile()) throw new SpecError("not a regular file (a named pipe, socket or device is never read)", path);
    return readFileSync(fd, "utf8");
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpecError(
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "a folder, not a file"
          : `cannot read file: ${code ?? String(err)}`,
      path,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
