// harfbuzzjs is an ES module that instantiates its wasm when imported. The `pasteup` bundle
// (scripts/bundle.mjs) is a CommonJS script run from a V8 code cache, which cannot import();
// its build replaces this module with one that imports through the host.
export function importHarfBuzz(): Promise<typeof import('harfbuzzjs')> {
  return import('harfbuzzjs');
}
