import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers.js";

/** A 3.0 spec with one GET operation whose answer has `schema` (indented YAML), and a server variable. */
export const spec30 = (schema: string, extra = "") => `openapi: 3.0.3
info: { title: T, version: "1" }
servers:
  - url: "https://{host}/v1"
    variables:
      host: { default: api.example${extra} }
paths:
  /thing:
    get:
      operationId: getThing
      summary: A thing.
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
${schema}
components:
  schemas:
    Part: { type: object, properties: { id: { type: string } } }
`;

/** Runs `body` with a temp folder holding `files`, removed afterwards. */
export async function withFiles(files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = tempDir();
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
