// Font subsetting with HarfBuzz's hb-subset (harfbuzzjs ships it as its own wasm,
// dist/harfbuzz-subset.wasm, with no JavaScript wrapper: it imports nothing, so we
// instantiate it here and call the C API).
//
// Glyph ids are kept (HB_SUBSET_FLAGS_RETAIN_GIDS): the engine's glyph ids are the CIDs of
// the PDF font and the subset's glyph ids, so CIDToGIDMap is /Identity. Glyphs not kept
// become empty; loca and hmtx still run to the highest kept id, which deflates to little.
// The layout tables (GSUB, GPOS, …) are dropped: the engine has shaped already, and a PDF
// viewer never shapes. pdf-lib's own fontkit is not used (FACTS.md: its CJK subsets break).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NON_PDF_TABLES } from '../fonts/font-file';

const FLAG_NO_HINTING = 0x1;
const FLAG_RETAIN_GIDS = 0x2;
const FLAG_NO_LAYOUT_CLOSURE = 0x200;
const SETS_DROP_TABLE_TAG = 3;


interface HbSubsetExports {
  memory: WebAssembly.Memory;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, lengthOut: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_glyph_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize?: () => void;
}

let instance: HbSubsetExports | undefined;
let compiled: WebAssembly.Module | undefined;
let compiling: Promise<void> | undefined;

function wasmBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')));
}

/**
 * Starts compiling hb-subset (680 KB of wasm) on V8's background threads; resolves when the
 * module is ready. Call it when an export is coming (the CLI does before it lays out the
 * edition): decoding and validating it then cost the main thread nothing. (V8 still compiles
 * each wasm function lazily on its first call: the first subset of a process spends 35–45 ms
 * on that here; compiling eagerly only moved the cost to start-up — docs/pdf.md, "Speed".)
 */
export function prepareSubsetter(): Promise<void> {
  if (instance || compiled) return Promise.resolve();
  compiling ??= WebAssembly.compile(wasmBytes()).then(
    (m) => {
      compiled = m;
      // Instantiated at once, not on first use: the instance's memory is fixed at 68 MB
      // (1,040 pages, minimum = maximum), which V8 counts as external memory, and crossing
      // V8's 64 MB external limit forces a scavenge and a full mark-compact. Now (a CLI
      // export is still loading its fonts) that GC finds a small heap, 1-4 ms; on first use
      // it came after the layout had filled the heap, and the layout and export then took
      // one scavenge and one mark-compact more (docs/pdf.md, "Speed").
      try {
        subsetter();
      } catch {
        // reported by the first subset, which tries again
      }
    },
    () => {
      compiling = undefined; // compiled synchronously on first use, which reports the error
    },
  );
  return compiling;
}

function subsetter(): HbSubsetExports {
  if (instance) return instance;
  const module = compiled ?? new WebAssembly.Module(wasmBytes());
  const exports = new WebAssembly.Instance(module, {}).exports as unknown as HbSubsetExports;
  exports._initialize?.();
  instance = exports;
  return exports;
}

function tag(s: string): number {
  return ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
}

/**
 * A TrueType subset of `data` holding `glyphs` (and .notdef) at their own glyph ids. `data`
 * may be the whole font or FontFile.withGlyphs() of it (the same subset, far less to copy
 * into wasm), or a function that builds the font in the buffer `into(size)` gives it — in
 * hb-subset's own memory, which is used again for every font, where a buffer of JavaScript's
 * would be fresh memory and a copy (FontFile.withGlyphs takes `into`); `key` names the font
 * in errors.
 */
export function subsetTrueType(key: string, data: Uint8Array | ((into: (size: number) => Uint8Array) => unknown), glyphs: Iterable<number>): Uint8Array {
  const hb = subsetter();
  let ptr = 0;
  let length = 0;
  const into = (size: number): Uint8Array => {
    if (ptr) throw new Error(`hb-subset: font ${key} asked for memory twice`);
    ptr = hb.malloc(size);
    if (!ptr) throw new Error(`hb-subset: out of memory loading font ${key}`);
    length = size;
    return new Uint8Array(hb.memory.buffer, ptr, size);
  };
  try {
    if (typeof data === 'function') data(into);
    else into(data.byteLength).set(data);
    if (!ptr) throw new Error(`hb-subset: font ${key} was not built`);
    // HB_MEMORY_MODE_WRITABLE (2): the blob does not own the copy; it is freed below.
    const blob = hb.hb_blob_create(ptr, length, 2, 0, 0);
    const f = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    try {
      return subsetFace(hb, key, f, glyphs);
    } finally {
      hb.hb_face_destroy(f);
    }
  } finally {
    if (ptr) hb.free(ptr);
  }
}

function subsetFace(hb: HbSubsetExports, key: string, f: number, glyphs: Iterable<number>): Uint8Array {
  const input = hb.hb_subset_input_create_or_fail();
  if (!input) throw new Error('hb-subset: cannot create input');
  try {
    const set = hb.hb_subset_input_glyph_set(input);
    hb.hb_set_add(set, 0);
    for (const g of glyphs) hb.hb_set_add(set, g);
    const drop = hb.hb_subset_input_set(input, SETS_DROP_TABLE_TAG);
    for (const t of NON_PDF_TABLES) hb.hb_set_add(drop, tag(t));
    hb.hb_subset_input_set_flags(input, FLAG_RETAIN_GIDS | FLAG_NO_HINTING | FLAG_NO_LAYOUT_CLOSURE);
    const sub = hb.hb_subset_or_fail(f, input);
    if (!sub) throw new Error(`hb-subset failed for font ${key}`);
    const blob = hb.hb_face_reference_blob(sub);
    try {
      const length = hb.hb_blob_get_length(blob);
      const lenPtr = hb.malloc(4);
      const data = hb.hb_blob_get_data(blob, lenPtr);
      hb.free(lenPtr);
      if (!data || length === 0) throw new Error(`hb-subset produced an empty font for ${key}`);
      return new Uint8Array(hb.memory.buffer, data, length).slice();
    } finally {
      hb.hb_blob_destroy(blob);
      hb.hb_face_destroy(sub);
    }
  } finally {
    hb.hb_subset_input_destroy(input);
  }
}
