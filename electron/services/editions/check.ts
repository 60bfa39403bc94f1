// Edition preflight on a stored edition: the layout's overset and line counts, the library's
// article texts (missing articles, imported continuations), its pictures' facts, and the rules of
// shared/edition/preflight.ts.
import { hasErrors, preflight, preflightLayout, type Issue } from '../../../shared/edition/preflight';
import type { Library } from '../library';
import { layoutForEdition, type LaidOutEdition } from './layout';

export interface EditionCheck {
  ok: boolean;
  errors: number;
  warnings: number;
  issues: Issue[];
}

/** `separatesRgb`: the export will separate RGB pictures with the plant's profile (preflight's `rgb-image` does not apply). */
export function checkLaidOut({ edition, template, articles, layout, images }: LaidOutEdition, separatesRgb = false): EditionCheck {
  const issues = preflight(edition, { template, layout: preflightLayout(layout), articles, images, separatesRgb });
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { ok: !hasErrors(issues), errors, warnings: issues.length - errors, issues };
}

export async function preflightEdition(lib: Library, id: number): Promise<EditionCheck> {
  return checkLaidOut(await layoutForEdition(lib, id));
}
