/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
export {};
