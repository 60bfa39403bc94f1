// The parts of zod that Pasteup's schemas use, as named exports; modules write
// `import * as z from '<path>/zod'` and keep the `z.object(…)` style.
//
// zod/mini, not zod's classic API. The two validate alike (the same core); they differ in
// what a schema costs to build and to run once, which is what a one-shot `pasteup` process
// pays for every schema of the model at start-up:
// - a classic schema is built with ~50 methods bound to it, and every step of a chain
//   (`z.number().int().positive()`) builds a whole new schema; a mini schema's methods are on
//   its prototype, and its checks are listed in one `.check(…)`;
// - a classic object schema compiles a parser of its own with `new Function` on its first
//   parse (fast for the thousandth parse, slow for the first: V8 parses and compiles it,
//   with no code cache); a mini object schema parses with zod's generic object parser.
// The cold export bench loads all of them; docs/pdf.md, "Speed", has the numbers.
//
// `import { z } from 'zod'` would be a namespace object holding all of zod, which a bundler
// must keep whole; named imports let esbuild keep only what is used. Mini loads no locale of
// its own: zod's English messages are set here, as the classic API sets them.
import { config, int, nonnegative, number, positive } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export {
  _default,
  array,
  boolean,
  discriminatedUnion,
  enum,
  extend,
  int,
  lazy,
  literal,
  maximum,
  minimum,
  minLength,
  nullable,
  number,
  object,
  optional,
  refine,
  regex,
  strictObject,
  string,
  union,
} from 'zod/mini';
export type { infer, ZodMiniType as ZodType } from 'zod/mini';

/** An integer > 0 (ids, revisions, counts of columns). */
export const positiveInt = () => int().check(positive());
/** An integer ≥ 0 (offsets, grid positions). */
export const nonnegativeInt = () => int().check(nonnegative());
/** A number > 0 (sizes, lengths in mm or pt). */
export const positiveNumber = () => number().check(positive());
/** A number ≥ 0 (bleed, margins, gutters). */
export const nonnegativeNumber = () => number().check(nonnegative());
export { $ZodError as ZodError } from 'zod/v4/core';
