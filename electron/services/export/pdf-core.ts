// The part of pdf-lib the export uses: its core (PDF objects, the context that numbers them,
// the page tree, the writer), without its document API (PDFDocument, pages,
// forms, standard fonts and their encodings, image embedders).
//
// Importing 'pdf-lib' evaluates all of it — ~120 modules, about 24 ms of every cold export
// run from the bundle, and half the library's share of the bundle — though buildPdf only
// ever makes objects and writes them. These are pdf-lib's own classes from its CommonJS
// files (the package has no "exports" map; 1.17.1 is pinned); the types are the package's.
import type * as PdfLib from 'pdf-lib';
import * as pageLeafModule from 'pdf-lib/cjs/core/structures/PDFPageLeaf';
import * as pageTreeModule from 'pdf-lib/cjs/core/structures/PDFPageTree';
import * as arrayModule from 'pdf-lib/cjs/core/objects/PDFArray';
import * as boolModule from 'pdf-lib/cjs/core/objects/PDFBool';
import * as dictModule from 'pdf-lib/cjs/core/objects/PDFDict';
import * as hexStringModule from 'pdf-lib/cjs/core/objects/PDFHexString';
import * as nameModule from 'pdf-lib/cjs/core/objects/PDFName';
import * as numberModule from 'pdf-lib/cjs/core/objects/PDFNumber';
import * as rawStreamModule from 'pdf-lib/cjs/core/objects/PDFRawStream';
import * as refModule from 'pdf-lib/cjs/core/objects/PDFRef';
import * as stringModule from 'pdf-lib/cjs/core/objects/PDFString';
import * as contextModule from 'pdf-lib/cjs/core/PDFContext';
import * as writerModule from 'pdf-lib/cjs/core/writers/PDFWriter';

/**
 * The class a pdf-lib CommonJS file exports as `default`. A bundle (esbuild) or vitest hands
 * over the file's exports, `default` included; Node's own ES module loader (tsx) wraps them
 * once more, as `default`.
 */
function cjsDefault<T>(namespace: unknown): T {
  const d = (namespace as { default: { default?: T; __esModule?: boolean } & T }).default;
  return d.__esModule && d.default ? d.default : d;
}

export const PDFArray = cjsDefault<typeof PdfLib.PDFArray>(arrayModule);
export type PDFArray = PdfLib.PDFArray;
export const PDFBool = cjsDefault<typeof PdfLib.PDFBool>(boolModule);
export const PDFDict = cjsDefault<typeof PdfLib.PDFDict>(dictModule);
export type PDFDict = PdfLib.PDFDict;
export const PDFHexString = cjsDefault<typeof PdfLib.PDFHexString>(hexStringModule);
export type PDFHexString = PdfLib.PDFHexString;
export const PDFName = cjsDefault<typeof PdfLib.PDFName>(nameModule);
export type PDFName = PdfLib.PDFName;
export const PDFNumber = cjsDefault<typeof PdfLib.PDFNumber>(numberModule);
export const PDFRawStream = cjsDefault<typeof PdfLib.PDFRawStream>(rawStreamModule);
export type PDFRawStream = PdfLib.PDFRawStream;
export const PDFRef = cjsDefault<typeof PdfLib.PDFRef>(refModule);
export type PDFRef = PdfLib.PDFRef;
export const PDFString = cjsDefault<typeof PdfLib.PDFString>(stringModule);
export type PDFString = PdfLib.PDFString;
export const PDFContext = cjsDefault<typeof PdfLib.PDFContext>(contextModule);
export type PDFContext = PdfLib.PDFContext;
export const PDFWriter = cjsDefault<typeof PdfLib.PDFWriter>(writerModule);
export const PDFPageTree = cjsDefault<typeof PdfLib.PDFPageTree>(pageTreeModule);
export const PDFPageLeaf = cjsDefault<typeof PdfLib.PDFPageLeaf>(pageLeafModule);
