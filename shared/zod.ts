// The parts of zod's API that Pasteup's schemas use, as named exports; modules write
// `import * as z from '<path>/zod'` and keep the `z.object(…)` style.
//
// `import { z } from 'zod'` is a namespace object holding all of zod (all 40-odd locales
// included), which a bundler must keep whole: 590 KB of the `pasteup` bundle and ~15 ms of
// every cold start. Named imports let esbuild keep only what is used (~140 KB, ~6 ms);
// zod's English messages (`config(en())`) stay, as before.
export { array, boolean, discriminatedUnion, enum, lazy, literal, number, object, strictObject, string, union, ZodError, ZodType } from 'zod';
export type { infer } from 'zod';
