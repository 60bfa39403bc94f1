// The plant's ICC output profile, given by the user: read (shared/images/icc.ts) and checked
// here for what an output intent must be — an output profile in CMYK with both CMYK↔PCS
// tables — before a RIP finds out: Ghostscript stops on such a profile.
import type { IccInfo } from '../../../shared/images/icc';

/** Checks a profile for use as the PDF/X output intent of CMYK pages. */
export function checkOutputProfile(info: IccInfo, pdfx: 'x1a' | 'x4'): void {
  if (info.deviceClass !== 'prtr') throw new Error(`ICC profile: class '${info.deviceClass}' is not an output (printer) profile`);
  if (info.colorSpace !== 'CMYK') throw new Error(`ICC profile: the plant's profile must be CMYK, this one is ${info.colorSpace}`);
  if (pdfx === 'x1a' && info.major >= 4) throw new Error(`ICC profile: version ${info.version} profiles need PDF 1.6 (PDF/X-4); PDF/X-1a:2001 takes version 2 profiles`);
  // An output profile converts both ways: AToB0 (CMYK → PCS, 4 in, 3 out), BToA0 (PCS → CMYK).
  for (const [sig, inputs, outputs, what] of [
    ['A2B0', 4, 3, 'CMYK to PCS'],
    ['B2A0', 3, 4, 'PCS to CMYK'],
  ] as const) {
    const tag = info.tags.get(sig);
    if (!tag) throw new Error(`ICC profile: it has no ${sig} tag (the ${what} table an output profile needs)`);
    if (tag.inputs !== inputs || tag.outputs !== outputs) {
      throw new Error(`ICC profile: its ${sig} tag (${what}) is not a table of ${inputs} inputs and ${outputs} outputs (type '${tag.type}', ${tag.inputs} → ${tag.outputs})`);
    }
  }
  if (!info.tags.has('desc')) throw new Error('ICC profile: it has no description (desc) tag');
}
