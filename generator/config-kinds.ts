/** What `generate` can write; the default is all of it. */
export const OUTPUT_KINDS = ["types", "validators", "client"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
