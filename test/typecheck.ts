import { dirname } from "node:path";
import ts from "typescript";

/** The strictest settings a consumer may use; generated code must compile under them. */
export const STRICT: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

/** TypeScript's own `lib.*.d.ts` files: the same text in every program a test file makes. */
const LIB_DIR = dirname(ts.getDefaultLibFilePath(STRICT));
/** Their parsed (and, once a program has checked them, bound) source files, by language version and path. */
const libFiles = new Map<string, ts.SourceFile>();

/**
 * A compiler host that parses each of TypeScript's lib files once per test process and hands
 * the same source file to every later program, as the language service's document registry
 * does: a test file that type-checks many small outputs otherwise parses `lib.dom.d.ts` and
 * the rest again for each. The files the test wrote are read afresh every time.
 */
function sharingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, version, onError, shouldCreate) => {
    if (!fileName.startsWith(`${LIB_DIR}/`)) return read(fileName, version, onError, shouldCreate);
    const how = typeof version === "object" ? [version.languageVersion, version.impliedNodeFormat] : [version];
    const key = `${JSON.stringify(how)} ${fileName}`;
    let file = libFiles.get(key);
    if (file === undefined) {
      file = read(fileName, version, onError, shouldCreate);
      if (file) libFiles.set(key, file);
    }
    return file;
  };
  return host;
}

/** Type-checks files in one program; returns formatted diagnostics (empty when clean). */
export function typecheck(files: string[], options: ts.CompilerOptions = STRICT): string[] {
  const program = ts.createProgram(files, options, sharingHost(options));
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
        : "";
    return where + ts.flattenDiagnosticMessageText(d.messageText, "\n");
  });
}
