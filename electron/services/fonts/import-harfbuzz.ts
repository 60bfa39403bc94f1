// harfbuzzjs is an ES module that instantiates its wasm when imported. The `pasteup` bundle
// (scripts/bundle.mjs) is a CommonJS script run from a V8 code cache, which cannot import();
// its build replaces this module with one that asks the host, which gives harfbuzzjs as one
// script compiled with a code cache of its own (dist/harfbuzz.cjs), or imports the package.
export function importHarfBuzz(): Promise<typeof import('harfbuzzjs')> {
  return import('harfbuzzjs');
}
