// Reads an exported PDF back (pdf-lib's parser, nothing external) and checks what the plant
// relies on: header version, page count, boxes nested as MediaBox ⊇ BleedBox ⊇ TrimBox with
// the expected numbers, every font a subset-tagged Type0/CIDFontType2 with an embedded
// FontFile2 and a ToUnicode CMap, one /GTS_PDFX output intent, the PDF/X Info keys, a
// trailer /ID and no object streams.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import type { PageBoxes } from './paint';

export interface FileCheck {
  ok: boolean;
  version: string;
  pages: number;
  /** BaseFont names found (each ABCDEF+Name). */
  fonts: string[];
  problems: string[];
}

export interface ExpectedFile {
  version: string;
  pdfx: 'x1a' | 'x4';
  boxes: readonly PageBoxes[];
}

function nums(o: PDFObject | undefined): number[] | null {
  if (!(o instanceof PDFArray)) return null;
  const out: number[] = [];
  for (let i = 0; i < o.size(); i++) {
    const v = o.get(i);
    if (!(v instanceof PDFNumber)) return null;
    out.push(v.asNumber());
  }
  return out.length === 4 ? out : null;
}

function contains(outer: number[], inner: number[]): boolean {
  const e = 1e-6;
  return outer[0] <= inner[0] + e && outer[1] <= inner[1] + e && outer[2] >= inner[2] - e && outer[3] >= inner[3] - e;
}

function same(a: number[], b: readonly number[]): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) < 1e-3);
}

function str(o: PDFObject | undefined): string | null {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  return null;
}

export async function checkPdf(bytes: Uint8Array, expected: ExpectedFile): Promise<FileCheck> {
  const problems: string[] = [];
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(16, bytes.byteLength)).toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(head)?.[1] ?? '?';
  if (version !== expected.version) problems.push(`header says PDF ${version}, expected ${expected.version}`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf('/ObjStm') >= 0) problems.push('object streams present');
  if (buf.indexOf('%%EOF', Math.max(0, buf.length - 64)) < 0) problems.push('no %%EOF at the end');

  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true, parseSpeed: ParseSpeeds.Fastest });
  } catch (err) {
    problems.push(`cannot be parsed: ${(err as Error).message}`);
    return { ok: false, version, pages: 0, fonts: [], problems };
  }
  const context = doc.context;
  const pages = doc.getPages();
  if (pages.length !== expected.boxes.length) problems.push(`${pages.length} pages, expected ${expected.boxes.length}`);
  const fonts = new Set<string>();
  pages.forEach((page, i) => {
    const want = expected.boxes[i];
    const media = nums(page.node.get(PDFName.of('MediaBox')));
    const bleed = nums(page.node.get(PDFName.of('BleedBox')));
    const trim = nums(page.node.get(PDFName.of('TrimBox')));
    if (!media || !bleed || !trim) {
      problems.push(`page ${i + 1}: MediaBox, BleedBox or TrimBox missing`);
      return;
    }
    if (!contains(media, bleed) || !contains(bleed, trim)) problems.push(`page ${i + 1}: boxes not nested (MediaBox ⊇ BleedBox ⊇ TrimBox)`);
    if (want && (!same(media, want.media) || !same(bleed, want.bleed) || !same(trim, want.trim))) problems.push(`page ${i + 1}: boxes differ from the layout's`);
    const res = page.node.Resources();
    const fontDict = res?.lookup(PDFName.of('Font'));
    if (!(fontDict instanceof PDFDict)) return;
    for (const [, ref] of fontDict.entries()) {
      const f = context.lookup(ref);
      if (!(f instanceof PDFDict)) {
        problems.push(`page ${i + 1}: a font is not a dictionary`);
        continue;
      }
      const base = f.lookup(PDFName.of('BaseFont'));
      const baseName = base instanceof PDFName ? base.decodeText() : '?';
      fonts.add(baseName);
      if (!/^[A-Z]{6}\+/.test(baseName)) problems.push(`font ${baseName}: no subset tag`);
      if (f.lookup(PDFName.of('Subtype'))?.toString() !== '/Type0') problems.push(`font ${baseName}: not Type0`);
      if (f.lookup(PDFName.of('Encoding'))?.toString() !== '/Identity-H') problems.push(`font ${baseName}: encoding is not Identity-H`);
      if (!(f.lookup(PDFName.of('ToUnicode')) instanceof PDFStream)) problems.push(`font ${baseName}: no ToUnicode CMap`);
      const desc = f.lookup(PDFName.of('DescendantFonts'));
      const cid = desc instanceof PDFArray ? desc.lookup(0) : undefined;
      if (!(cid instanceof PDFDict) || cid.lookup(PDFName.of('Subtype'))?.toString() !== '/CIDFontType2') {
        problems.push(`font ${baseName}: descendant is not CIDFontType2`);
        continue;
      }
      if (cid.lookup(PDFName.of('CIDToGIDMap'))?.toString() !== '/Identity') problems.push(`font ${baseName}: CIDToGIDMap is not Identity`);
      const fd = cid.lookup(PDFName.of('FontDescriptor'));
      const file = fd instanceof PDFDict ? fd.lookup(PDFName.of('FontFile2')) : undefined;
      if (!(file instanceof PDFRawStream) || file.getContents().byteLength === 0) problems.push(`font ${baseName}: not embedded (no FontFile2)`);
    }
  });

  const catalog = doc.catalog;
  const intents = catalog.lookup(PDFName.of('OutputIntents'));
  if (!(intents instanceof PDFArray) || intents.size() !== 1) problems.push('expected exactly one OutputIntent');
  else {
    const oi = intents.lookup(0);
    if (!(oi instanceof PDFDict) || oi.lookup(PDFName.of('S'))?.toString() !== '/GTS_PDFX') problems.push('OutputIntent is not /GTS_PDFX');
    else if (!str(oi.lookup(PDFName.of('OutputConditionIdentifier')))) problems.push('OutputIntent has no OutputConditionIdentifier');
    else if (expected.pdfx === 'x4' && !(oi.lookup(PDFName.of('DestOutputProfile')) instanceof PDFStream)) problems.push('PDF/X-4 OutputIntent has no DestOutputProfile');
  }
  if (!(catalog.lookup(PDFName.of('Metadata')) instanceof PDFStream)) problems.push('no XMP metadata');

  const infoRef = context.trailerInfo.Info;
  const info = infoRef instanceof PDFRef ? context.lookup(infoRef) : infoRef;
  if (!(info instanceof PDFDict)) problems.push('no Info dictionary');
  else {
    const version = str(info.lookup(PDFName.of('GTS_PDFXVersion')));
    const want = expected.pdfx === 'x1a' ? 'PDF/X-1:2001' : 'PDF/X-4';
    if (version !== want) problems.push(`GTS_PDFXVersion is ${version}, expected ${want}`);
    if (expected.pdfx === 'x1a' && str(info.lookup(PDFName.of('GTS_PDFXConformance'))) !== 'PDF/X-1a:2001') problems.push('GTS_PDFXConformance is not PDF/X-1a:2001');
    if (!str(info.lookup(PDFName.of('Title')))) problems.push('no Title');
    if (info.lookup(PDFName.of('Trapped'))?.toString() !== '/False') problems.push('Trapped is not /False');
  }
  const id = context.trailerInfo.ID;
  if (!(id instanceof PDFArray) || id.size() !== 2) problems.push('no trailer /ID');
  return { ok: problems.length === 0, version, pages: pages.length, fonts: [...fonts].sort(), problems };
}
