// Preflight (DESIGN.md, "Jumps are data"): the checks an edition passes before it goes to the
// plant. Pure and fast: it reads the edition, the template's grid and — when given — facts
// from an already computed layout and from the library; it never lays text out itself.
//
// Rules (code → severity):
//   bad-template          error    the edition's template makes pages a plant rejects (stored
//                                  before templates were checked: columns narrower than
//                                  6 ems, no bleed, a jump line without {page}…)
//   duplicate-id          error    two pages or two frames share an id (hand-edited plan)
//   outside-type-area     error    a frame reaches outside the page's grid (template change, hand edit)
//   overlap               error    two frames on a page overlap (both ids in `frames`)
//   duplicate-page-label  warning  two pages print the same label: jump lines are ambiguous
//   article-missing       error    a frame's article no longer exists in the library     [articles]
//   placed-twice          error    two starts (part 0) of an article, or a part number used twice
//   part-missing          error    a gap in an article's parts: its start or a continuation is
//                                  not on any page (e.g. the page holding it was deleted)
//   same-page-jump        error    two consecutive parts on the same page
//   backward-jump         warning  the next part is on an earlier page
//   ambiguous-jump        error    a jump line names a page whose label another page prints
//                                  too: the reader may turn to the wrong one
//   copied-jump-line      error    the article's text holds a jump line of its own, copied    [articles]
//                                  with it ((下转第4版), Continued on page A4): it prints as
//                                  it is, whatever page the story goes on to
//   empty-continuation    error    a continuation receives no text: its reader follows a jump
//                                  line to an empty frame, so it is printed wrong   [layout]
//   overset               error    text left over after the article's last part, or a      [layout]
//                                  photo caption (with its credit) too long for its frame
//   deck-too-tall         error    a headline deck leaves its frame no line of text, or     [layout]
//                                  needs more lines than the frame has and prints over
//                                  what is below it
//   jump-line-missing     error    a part that jumps has no line left for its jump line:    [layout]
//                                  the reader is not told where the story goes on
//   jump-line-cut         error    a jump line is wider than its column even set at 80 %:   [layout]
//                                  it would lose its page number (a long page label)
//   start-without-text    error    the start of an article that jumps holds none of its     [layout]
//                                  text: headline, byline and （下转） only
//   text-broken           error    the engine's own check: a frame's lines do not continue  [layout]
//                                  the text where the lines before them stopped — words
//                                  repeated or lost (never expected; a fault of Pasteup)
//   missing-glyph         error    a character no bundled font has: it would print blank  [layout]
//                                  (a rare name character, emoji, a script we ship no font for)
//                                  in an article, a photo caption, an ad label or a folio
//   folio-too-long        error    a page's folio line does not hold its page label and   [layout]
//                                  section beside the publication and date: they would
//                                  print over each other (a long section name)
//   underfull             warning  an article's text ends 3 grid lines or more above the   [layout]
//                                  foot of its last frame: a hole on the page
//   loose-line            warning  justified lines stretched wider than a reader accepts:  [layout]
//                                  English word spaces over 1 em, Chinese characters
//                                  spaced more than ¼ em apart; one issue per frame
//   missing-image         error    a photo's picture (its asset) is not in the library:   [images]
//                                  the plate would print a grey box where the desk placed it
//   rgb-image             error    an RGB picture: a PDF/X-1a plate carries CMYK and gray  [images]
//                                  only, and Pasteup has no CMYK profile to convert with
//   picture-ink           warning  a CMYK picture lays down more total ink than newsprint  [images]
//                                  takes (240 %, ISO 12647-3; a coated-paper separation
//                                  has 300-340 %): set-off and slow drying on the plate
//   picture-profile       warning  an RGB picture embeds an ICC profile the export cannot  [images]
//                                  use (chunks missing, table-based, not RGB, damaged): its
//                                  colours are taken as sRGB and may print off
//   low-resolution        warning  a picture prints below 150 ppi as placed (cover fit:  [images, layout]
//                         / error  scaled to fill its box, cropped); below 100 ppi
//                                  an error: newsprint shows it soft, then blocky
//   picture-cropped       warning  a picture's box shows less than a third of it (cover    [images, layout]
//                                  fit crops the rest away): a portrait in a strip, a
//                                  caption that left the picture a sliver of its frame
//   placeholder           warning  a page holds a picture or ad placeholder (a photo frame
//                                  or a picture in a story with no picture placed, an ad
//                                  box): the plate prints a grey box or a labelled outline
//                                  there; one issue per page, naming the frames
//   start-not-placed      warning  an imported continuation text ("(上接第1版)" in the source,
//                                  continuedFrom set) is placed as a start, unless that start
//                                  is on page N itself and jumps on (set as in print)  [articles]
// Rules marked [layout] / [articles] / [images] run only when that input is given.
import type { EditionLayout } from '../layout/edition';
import { coverPlacement, uprightSize } from '../images/cover';
import type { JpegInfo } from '../images/jpeg';
import { NEWSPRINT_INK_LIMIT, type PictureInk } from '../images/jpeg-ink';
import type { FolioPart, LostText } from '../layout/types';
import { pageGeometry, templateProblems } from '../layout/grid';
import { fillPageFormat, labelPageNumber, pageLabel, pageLabelCore, type Edition, type Frame, type Template } from '../model/edition';
import type { Bilingual } from './commands';
import { articleJumpLine, articleParts, type PlacedPart } from './jumps';
import { copiedJumpLines } from '../import/jump-lines';
import type { ArticleContent } from '../model/article';

export type IssueCode =
  | 'bad-template'
  | 'duplicate-id'
  | 'outside-type-area'
  | 'overlap'
  | 'duplicate-page-label'
  | 'article-missing'
  | 'placed-twice'
  | 'part-missing'
  | 'same-page-jump'
  | 'backward-jump'
  | 'ambiguous-jump'
  | 'copied-jump-line'
  | 'empty-continuation'
  | 'overset'
  | 'deck-too-tall'
  | 'jump-line-missing'
  | 'jump-line-cut'
  | 'start-without-text'
  | 'text-broken'
  | 'missing-glyph'
  | 'folio-too-long'
  | 'underfull'
  | 'loose-line'
  | 'missing-image'
  | 'rgb-image'
  | 'picture-ink'
  | 'picture-profile'
  | 'low-resolution'
  | 'picture-cropped'
  | 'placeholder'
  | 'start-not-placed';

export const ISSUE_SEVERITY: Readonly<Record<IssueCode, 'error' | 'warning'>> = {
  'bad-template': 'error',
  'duplicate-id': 'error',
  'outside-type-area': 'error',
  overlap: 'error',
  'duplicate-page-label': 'warning',
  'article-missing': 'error',
  'placed-twice': 'error',
  'part-missing': 'error',
  'same-page-jump': 'error',
  'backward-jump': 'warning',
  'ambiguous-jump': 'error',
  'copied-jump-line': 'error',
  'empty-continuation': 'error',
  overset: 'error',
  'deck-too-tall': 'error',
  'jump-line-missing': 'error',
  'jump-line-cut': 'error',
  'start-without-text': 'error',
  'text-broken': 'error',
  'missing-glyph': 'error',
  'folio-too-long': 'error',
  underfull: 'warning',
  'loose-line': 'warning',
  'missing-image': 'error',
  'rgb-image': 'error',
  'picture-ink': 'warning',
  'picture-profile': 'warning',
  // Below LOW_PPI_ERROR an error: the one rule whose severity depends on the finding.
  'low-resolution': 'warning',
  'picture-cropped': 'warning',
  placeholder: 'warning',
  'start-not-placed': 'warning',
};

/**
 * The least share of a picture its box may show before preflight says so (picture-cropped):
 * a 3:2 portrait in a 3:2 landscape box shows 44 %; a story's photo takes its picture's shape
 * (layout/article.ts, STORY_PHOTO), so a story's 3:4 portrait shows nearly all, a 1:3 strip
 * cut to 2:3 half; a portrait in a strip, or a frame whose caption left the picture one line, much less.
 */
export const LEAST_SHOWN = 1 / 3;

/** Effective resolution (pixels per inch as printed) below which a picture is a warning (FACTS.md, print). */
export const LOW_PPI_WARNING = 150;
/** …and below which it is an error. */
export const LOW_PPI_ERROR = 100;

/**
 * What preflight needs to know of a picture in the library (readJpeg's facts) and, for a CMYK
 * one, its total ink as the library measured it (null: its data could not be measured; absent:
 * not known, not checked); without `profile`, none is checked.
 */
export type PreflightImage = Pick<JpegInfo, 'width' | 'height' | 'components' | 'orientation'> & Partial<Pick<JpegInfo, 'profile'>> & { ink?: PictureInk | null };

/** A picture box as laid out: its frame, the picture it shows (null: a placeholder) and its size. */
export interface PlacedPicture {
  /** Page index (0-based). */
  page: number;
  frame: string;
  asset: string | null;
  /** The box the picture fills, pt. */
  width: number;
  height: number;
}

/**
 * The resolution a picture prints at when it fills a box of `width`×`height` pt (cover fit:
 * scaled until it covers the box, the overflow cropped), pixels per inch. A quarter-turn EXIF
 * orientation shows the stored height across.
 */
export function effectivePpi(image: PreflightImage, box: { width: number; height: number }): number {
  return coverPlacement({ x: 0, y: 0, ...box }, image).ppi;
}

export interface Issue {
  code: IssueCode;
  severity: 'error' | 'warning';
  /** 1-based position of the page, null for an edition-wide issue. */
  page: number | null;
  /** The page's printed label (its own, or its position). */
  pageLabel: string | null;
  /** The frame concerned (the first of `frames`), or null. */
  frame: string | null;
  /** Every frame concerned, e.g. both frames of an overlap. */
  frames: string[];
  article: number | null;
  message: Bilingual;
}

/** What preflight needs from a layout: overset per article and the text each frame received. */
export interface PreflightLayout {
  /** Overset characters per article id (on its last part). */
  overset: Readonly<Record<number, number>>;
  /** Per article id with overset: what of its text the layout found no line for, quoted by the message. */
  lost?: Readonly<Record<number, LostText>>;
  /**
   * Per article frame id: lines of body text (pictures count as lines) the frame received,
   * and how many of them are pictures (placeholders).
   */
  frames: Readonly<Record<string, { lines: number; photos?: number }>>;
  /** Per photo frame id: characters of its caption and credit that did not fit (only frames with some). */
  captionOverset?: Readonly<Record<string, number>>;
  /** Per photo frame id with caption overset: what of its caption and credit found no line. */
  captionLost?: Readonly<Record<string, LostText>>;
  /**
   * Characters no bundled font has, in order met: per frame (an article's on its first part),
   * or in a page's folio (frame null; `folio` says which text: its label, section or the
   * publication's name). A label's characters are the label's, not those of the articles
   * whose jump lines name it.
   */
  missing?: readonly { page: number; frame: string | null; folio?: FolioPart; codePoints: readonly number[] }[];
  /** Frames whose deck or jump line could not be set as it must be (the layout's warnings of those codes). */
  frameProblems?: readonly FrameProblem[];
  /** Page indexes whose folio line does not hold label and section beside publication and date. */
  folioTooLong?: readonly number[];
  /** Last frames whose text ends this many empty grid lines or more above their foot. */
  underfull?: readonly { page: number; frame: string; lines: number }[];
  /** Frames with loose lines (see LOOSE_WORD_SPACE, LOOSE_LETTER_SPACE), in page order. */
  loose?: readonly LooseFrame[];
  /** Every picture box (photo frames and pictures in stories), in page order. */
  pictures?: readonly PlacedPicture[];
}

/**
 * A justified line is loose when stretching it to the measure made its word spaces wider than
 * this, em: a space wider than an m reads as a hole, and holes one above the other as rivers
 * (a word space is 0.25–0.33 em as the font sets it; the engine stretches one to about ½ em
 * on a good line, docs/engine.md).
 */
export const LOOSE_WORD_SPACE = 1;
/**
 * …or put more than this between two characters, em. The engine itself accepts up to ⅕ em
 * (it pushes text down to save a last line from a lone character only that far); a quarter em
 * is the gap clreq puts between Han and Latin to be seen as a gap: past it a line of Han reads
 * as characters spaced out one by one. A line one character short of an 11-em column is
 * 0.14 em, two characters short 0.29 em.
 */
export const LOOSE_LETTER_SPACE = 0.25;
/** Lines a loose-line message names; it counts the rest. */
export const LOOSE_SHOWN = 3;

export interface LooseLine {
  /** 0-based column of the frame, and line in it (counting every line the column prints). */
  column: number;
  line: number;
  text: string;
  /** em: the line's word spaces as set (0: none stretched), the space added between characters. */
  wordSpace: number;
  letterSpace: number;
}

export interface LooseFrame {
  page: number;
  frame: string;
  /** Loose lines in the frame. */
  count: number;
  /** The loosest of them (up to LOOSE_SHOWN), in reading order. */
  lines: readonly LooseLine[];
}

/**
 * How loose a set line is, as a multiple of the threshold it passes (0 when it passes none):
 * a justified line that is not a paragraph's last. Last lines, lines set flush left (one word,
 * an address, a short cut line) and centred heads are not stretched, so their spacing is 0.
 */
export function looseness(l: { justified: boolean; last: boolean; wordSpace: number; letterSpace: number }): number {
  if (!l.justified || l.last) return 0;
  const r = Math.max(l.wordSpace / LOOSE_WORD_SPACE, l.letterSpace / LOOSE_LETTER_SPACE);
  return r > 1 ? r : 0;
}

function looseFrames(layout: Pick<EditionLayout, 'pages'>): LooseFrame[] {
  const out: LooseFrame[] = [];
  layout.pages.forEach((page, p) => {
    for (const f of page.frames) {
      const found: (LooseLine & { r: number })[] = [];
      f.columns.forEach((c, ci) => {
        c.lines.forEach((l, li) => {
          const r = looseness(l);
          if (r > 0) found.push({ column: ci, line: li, text: l.text, wordSpace: l.wordSpace, letterSpace: l.letterSpace, r });
        });
      });
      if (found.length === 0) continue;
      const shown = [...found].sort((a, b) => b.r - a.r).slice(0, LOOSE_SHOWN);
      const lines = found.filter((x) => shown.includes(x)).map((x): LooseLine => ({ column: x.column, line: x.line, text: x.text, wordSpace: x.wordSpace, letterSpace: x.letterSpace }));
      out.push({ page: p, frame: f.frame, count: found.length, lines });
    }
  });
  return out;
}

/** A line's first words (English) or characters (Chinese), to find it by: 4 words or 10 characters, or `words` and `chars` of a longer text. */
function lineStart(text: string, words = 4, chars = 10): string {
  // Quoted inside “…”: its own double quotes become single, as a quote within a quote is set
  // (from “‘It was the biggest…”, not from ““It was…).
  const t = text.trim().replace(/\u201c/g, '\u2018').replace(/\u201d/g, '\u2019');
  if (/\s/.test(t)) {
    const w = t.split(/\s+/);
    return w.length > words ? `${w.slice(0, words).join(' ')}…` : t;
  }
  const c = [...t];
  return c.length > chars + 2 ? `${c.slice(0, chars).join('')}…` : t;
}

const CLOSING_WORDS: Readonly<Record<LostText['closing'][number]['kind'], Bilingual>> = {
  credit: { zh: '文末署名', en: 'closing credit' },
  'sign-off': { zh: '文末编辑署名', en: 'sign-off' },
  tagline: { zh: '文末附记', en: 'tagline' },
  'photo-credit': { zh: '摄影署名', en: 'credit' },
};

/**
 * What an overset story's reader loses, for the message: its closing credit （通讯员 赵文斌） when
 * that is all, or its last lines from their first words, and the credit with them —
 * '：排不下最后 3 行，从“…攻坚方向…”起，连同文末署名“（通讯员 赵文斌）”' /
 * ': its last 3 lines do not fit, from “…”, with its closing credit “(…)”'.
 */
function lostWords(lost: LostText): Bilingual {
  const words = textLostWords(lost);
  if (!lost.photos) return words;
  // Photos found no room: they are not printed (their captions are among the lines).
  const one = lost.photos === 1;
  const photos = { zh: one ? '一幅图片' : `${lost.photos} 幅图片`, en: one ? 'a photo does' : `${lost.photos} photos do` };
  if (!lost.lines && !lost.closing.length) return { zh: `：${photos.zh}排不下，印版上没有`, en: `: ${photos.en} not fit and ${one ? 'is' : 'are'} not printed` };
  return { zh: `${words.zh}，${photos.zh}也排不下`, en: `${words.en}; ${photos.en} not fit either` };
}

function textLostWords(lost: LostText): Bilingual {
  const closing = (join: Bilingual) => ({
    zh: lost.closing.map((c) => `${CLOSING_WORDS[c.kind].zh}“${lineStart(c.text, 6, 16)}”`).join(join.zh),
    en: lost.closing.map((c) => `${CLOSING_WORDS[c.kind].en} “${lineStart(c.text, 6, 16)}”`).join(join.en),
  });
  if (!lost.text && !lost.byline && lost.closing.length) {
    const c = closing({ zh: '和', en: ' and its ' });
    return { zh: `：${c.zh}排不下`, en: `: its ${c.en} ${lost.closing.length > 1 ? 'do' : 'does'} not fit` };
  }
  // A line cut off in mid-paragraph is quoted with the ellipsis before it too: “…攻坚方向…”;
  // and after it when more is lost than its first words.
  const start = lineStart(lost.first);
  const quote = `${lost.opens ? '' : '…'}${start}${lost.lines > 1 && !start.endsWith('…') ? '…' : ''}`;
  const lines: Bilingual = lost.byline
    ? { zh: '署名和全部正文都排不下', en: 'its byline and all of its text do not fit' }
    : lost.lines === 1
      ? { zh: `最后一行排不下：“${quote}”`, en: `its last line does not fit: “${quote}”` }
      : { zh: `最后 ${lost.lines} 行排不下，从“${quote}”起`, en: `its last ${lost.lines} lines do not fit, from “${quote}”` };
  const c = closing({ zh: '、', en: ', its ' });
  return lost.closing.length ? { zh: `：${lines.zh}，连同${c.zh}`, en: `: ${lines.en}, with its ${c.en}` } : { zh: `：${lines.zh}`, en: `: ${lines.en}` };
}

/** 1.57, 0.29: two decimals, trailing zeros dropped. */
const em = (v: number) => String(Math.round(v * 100) / 100);

export interface FrameProblem {
  page: number;
  frame: string;
  code: 'deck-too-tall' | 'jump-line-missing' | 'jump-line-cut' | 'start-without-text' | 'text-broken';
  /** deck-too-tall: the deck runs outside its frame. */
  outside?: boolean;
  /** jump-line-missing, jump-line-cut: which jump line. */
  jump?: 'in' | 'out';
}

/** What preflight needs from the library, per article id. */
export interface PreflightArticle {
  /** Page number of "(上接第N版)" when the text was imported as a continuation. */
  continuedFrom: number | null;
  headline: readonly string[] | string;
  /** The text, when given: searched for jump lines copied with it (copied-jump-line). */
  language?: ArticleContent['language'];
  body?: ArticleContent['body'];
}

export interface PreflightInput {
  template: Template;
  /** The grid of the page at a position; default: the template's page geometry. */
  grid?: (pageIndex: number) => { columns: number; lines: number };
  layout?: PreflightLayout;
  /** Articles of the library by id; when given, frames of missing articles are errors. */
  articles?: ReadonlyMap<number, PreflightArticle>;
  /**
   * The library's pictures that the edition's photos name, by reference (`sha256:…`); when
   * given, a photo whose picture is not among them is an error, and RGB and low-resolution
   * pictures are found (resolution from the layout's picture boxes).
   */
  images?: ReadonlyMap<string, PreflightImage>;
  /**
   * The export separates RGB pictures into CMYK with the plant's profile (`export --icc`):
   * an RGB picture is then no error.
   */
  separatesRgb?: boolean;
}

/** Reduce an edition layout to the facts preflight reads. */
export function preflightLayout(layout: Pick<EditionLayout, 'pages' | 'overset' | 'warnings'>): PreflightLayout {
  const frames: Record<string, { lines: number; photos?: number }> = {};
  const captionOverset: Record<string, number> = {};
  const lost: Record<number, LostText> = {};
  const captionLost: Record<string, LostText> = {};
  const pictures: PlacedPicture[] = [];
  for (const [i, page] of layout.pages.entries()) {
    for (const f of page.frames) {
      for (const p of f.photos) pictures.push({ page: i, frame: f.frame, asset: p.asset, width: p.width, height: p.height });
      if (f.kind === 'photo' && f.overset > 0) captionOverset[f.frame] = f.overset;
      if (f.kind === 'photo' && f.lost) captionLost[f.frame] = f.lost;
      if (f.kind === 'article' && f.article !== null && f.lost) lost[f.article] = f.lost;
      if (f.kind !== 'article') continue;
      frames[f.frame] = { lines: f.columns.reduce((n, c) => n + c.lines.length, 0) + f.photos.length, ...(f.photos.length ? { photos: f.photos.length } : {}) };
    }
  }
  const missing = new Map<string, { page: number; frame: string | null; folio?: FolioPart; codePoints: number[] }>();
  for (const w of layout.warnings) {
    if (w.code !== 'missing-glyph' || w.codePoint === undefined) continue;
    const key = `${w.page}\u0000${w.frame}\u0000${w.folio ?? ''}`;
    let m = missing.get(key);
    if (!m) missing.set(key, (m = { page: w.page, frame: w.frame || null, ...(w.folio ? { folio: w.folio } : {}), codePoints: [] }));
    if (!m.codePoints.includes(w.codePoint)) m.codePoints.push(w.codePoint);
  }
  const frameProblems: FrameProblem[] = [];
  for (const w of layout.warnings) {
    if (w.code === 'deck-too-tall' || w.code === 'jump-line-missing' || w.code === 'jump-line-cut' || w.code === 'start-without-text' || w.code === 'text-broken') {
      frameProblems.push({ page: w.page, frame: w.frame, code: w.code, ...(w.outside ? { outside: true } : {}), ...(w.jump ? { jump: w.jump } : {}) });
    }
  }
  const folioTooLong = layout.warnings.filter((w) => w.code === 'folio-too-long').map((w) => w.page);
  const underfull = layout.warnings.filter((w) => w.code === 'underfull').map((w) => ({ page: w.page, frame: w.frame, lines: w.lines ?? 0 }));
  return { overset: { ...layout.overset }, lost, frames, captionOverset, captionLost, missing: [...missing.values()], frameProblems, folioTooLong, underfull, loose: looseFrames(layout), pictures };
}

/** 𠀀（U+20000）、😀（U+1F600） / 𠀀 (U+20000), 😀 (U+1F600) */
function characterList(codePoints: readonly number[], zh: boolean): string {
  const one = (cp: number) => {
    const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    return zh ? `${String.fromCodePoint(cp)}（${u}）` : `${String.fromCodePoint(cp)} (${u})`;
  };
  return codePoints.map(one).join(zh ? '、' : ', ');
}

const ZH_PAGE = '第{page}版';
const EN_PAGE = 'page {page}';

/**
 * Whether the page at index i is the page N an imported "(上接第N版)" names: its label prints
 * as page N in a jump line (3, 第3版, 第三版, "Page 3" in "Continued from page {page}"), or it
 * is the Nth page labelled with a section letter and N (A1 at the front, A3 third; B1 further
 * on is not page 1).
 */
function namesPage(edition: Edition, template: Template, i: number, n: number): boolean {
  const label = pageLabel(edition, i);
  if ([ZH_PAGE, template.jumps.in, template.folio.pageFormat].some((f) => labelPageNumber(f, label) === n)) return true;
  const lettered = /^[A-Z]{1,2}\s*-?\s*(\d+)$/iu.exec(pageLabelCore(template.jumps.in, label).normalize('NFKC'));
  return lettered !== null && Number(lettered[1]) === n && i + 1 === n;
}

/** The words every placeholder message ends with: what the plate prints instead of a picture. */
const PLACEHOLDER_WHY: Bilingual = {
  zh: '未置入图片，印版上是灰框或带字的框线',
  en: 'no picture is placed there, so the plate prints a grey box or a labelled outline',
};

/**
 * The issues as a report lists them, one a line: as `preflight` gives them, but the
 * placeholders of several pages in one, after the rest (page null, as an edition-wide issue):
 * a desk that places its pictures late read one line per page, every page, above the errors.
 * `frames` still holds every placeholder frame; `--json` keeps the issue of each page.
 */
export function reportIssues(issues: readonly Issue[]): Issue[] {
  const held = issues.filter((i) => i.code === 'placeholder');
  if (held.length < 2) return [...issues];
  const frames = held.flatMap((i) => i.frames);
  const zhPages = held.map((i) => `${fillPageFormat(ZH_PAGE, i.pageLabel ?? String(i.page))}：${i.frames.join('、')}`);
  const enPages = held.map((i) => `${fillPageFormat(EN_PAGE, i.pageLabel ?? String(i.page))}: ${i.frames.join(', ')}`);
  const all: Issue = {
    code: 'placeholder',
    severity: ISSUE_SEVERITY.placeholder,
    page: null,
    pageLabel: null,
    frame: null,
    frames,
    article: null,
    message: {
      zh: `${held.length} 个版面有 ${frames.length} 个图片或广告占位框（${zhPages.join('；')}）：${PLACEHOLDER_WHY.zh}`,
      en: `${held.length} pages hold ${frames.length} picture or ad placeholders (${enPages.join('; ')}): ${PLACEHOLDER_WHY.en}`,
    },
  };
  return [...issues.filter((i) => i.code !== 'placeholder'), all];
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

const RULE_ORDER = Object.keys(ISSUE_SEVERITY) as IssueCode[];

function overlaps(a: Frame, b: Frame): boolean {
  return a.col < b.col + b.span && b.col < a.col + a.span && a.top < b.top + b.height && b.top < a.top + a.height;
}

export function preflight(edition: Edition, input: PreflightInput): Issue[] {
  const { template, layout, articles, images } = input;
  const grid = input.grid ?? ((i: number) => pageGeometry(template, i).grid);
  const issues: Issue[] = [];
  const labelOf = (i: number) => pageLabel(edition, i);
  // Pages are named as they print: a Chinese jump line's 第A1版 (A1), 第3版 (3 or 第3版),
  // 要闻二版, 头版; an English one's "page 3" ("Page 3" is not "page Page 3").
  const zhPage = (i: number) => fillPageFormat(ZH_PAGE, labelOf(i));
  const enPage = (i: number) => fillPageFormat(EN_PAGE, labelOf(i));
  /** Pages named in one message: by label, and by position as well when two different pages read alike ("page 1 (position 2)"). */
  const pagesNamed = (pages: readonly number[]): { zh: string[]; en: string[] } => {
    const n = new Set(pages).size;
    const alike = new Set(pages.map(zhPage)).size < n || new Set(pages.map(enPage)).size < n;
    return { zh: pages.map((p) => (alike ? `${zhPage(p)}（第${p + 1}个版面）` : zhPage(p))), en: pages.map((p) => (alike ? `${enPage(p)} (position ${p + 1})` : enPage(p))) };
  };
  const title = (id: number): Bilingual => {
    const a = articles?.get(id);
    const h = a?.headline;
    const text = typeof h === 'string' ? h : h?.join(' ');
    if (text) return { zh: `《${text}》`, en: `“${text}”` };
    // A piece with no headline (an imported continuation, a briefs column, a news photo) is
    // named by its opening words too, as the desk finds it on the page: “article 5” alone
    // named nothing a desk can see.
    const opening = a?.body ? openingWords(a.body, a.language) : '';
    return opening ? { zh: `稿件${id}（“${opening}”）`, en: `article ${id} (“${opening}”)` } : { zh: `稿件${id}`, en: `article ${id}` };
  };
  /** A frame on page i, named by its article's headline when it holds one: 《乙》（框 f9） / “乙” (frame f9). */
  const frameNamed = (i: number, id: string): { article: number | null; where: Bilingual } => {
    const f = edition.pages[i]?.frames.find((x) => x.id === id);
    const article = f?.kind === 'article' ? f.article : null;
    const where = article === null ? { zh: `框 ${id}`, en: `frame ${id}` } : { zh: `${title(article).zh}（框 ${id}）`, en: `${title(article).en} (frame ${id})` };
    return { article, where };
  };
  const add = (code: IssueCode, page: number | null, frames: string[], article: number | null, zh: string, en: string, severity = ISSUE_SEVERITY[code]) => {
    issues.push({
      code,
      severity,
      page: page === null ? null : page + 1,
      pageLabel: page === null ? null : labelOf(page),
      frame: frames[0] ?? null,
      frames,
      article,
      message: { zh, en: en.charAt(0).toUpperCase() + en.slice(1) },
    });
  };

  // The template: one stored before templates were checked may make pages a plant rejects
  // (columns of -2.8 mm, no bleed); edition new refuses to build on one, older editions get this.
  for (const t of templateProblems(template)) add('bad-template', null, [], null, `模板“${template.id}”：${t.zh}`, `template '${template.id}': ${t.en}`);

  // Ids: pages and frames each unique across the edition.
  const seen = new Map<string, number>();
  edition.pages.forEach((page, i) => {
    for (const id of [page.id, ...page.frames.map((f) => f.id)]) {
      if (seen.has(id)) {
        const named = pagesNamed([seen.get(id) ?? i, i]);
        add('duplicate-id', i, page.id === id ? [] : [id], null, `编号 ${id} 重复（${named.zh.join('与')}）`, `Id ${id} is used twice (${named.en.join(' and ')})`);
      } else seen.set(id, i);
    }
  });

  // Pictures: each photo box as laid out, or (without a layout) each photo frame, whose box
  // is not known. A hand-made layout without picture boxes counts a story's pictures.
  const pictures: readonly (Omit<PlacedPicture, 'width' | 'height'> & Partial<Pick<PlacedPicture, 'width' | 'height'>>)[] =
    layout?.pictures ?? edition.pages.flatMap((page, i) => page.frames.flatMap((f) => (f.kind === 'photo' ? [{ page: i, frame: f.id, asset: f.asset }] : [])));
  /** The frame a picture is in: 《乙》（框 f7） for a story's, 图片框 f6 / photo frame f6 for a photo frame's. */
  const pictureWhere = (p: { page: number; frame: string }): { article: number | null; where: Bilingual } => {
    const named = frameNamed(p.page, p.frame);
    return named.article === null ? { article: null, where: { zh: `图片框 ${p.frame} `, en: `photo frame ${p.frame}` } } : named;
  };
  const mm = (pt: number) => Math.round((pt * 25.4) / 72);
  const fix = { zh: '请图片编辑按新闻纸重新分色，或置入 RGB 原图、输出时用 --icc 给出印厂的特性文件', en: "have the photo desk separate it for newsprint, or place it as RGB and export with the plant's profile, --icc" };
  const pictureInk = (i: number, frame: string, article: number | null, where: Bilingual, ink: PictureInk | null) => {
    if (ink === null) {
      add('picture-ink', i, [frame], article,
        `${zhPage(i)}的${where.zh}的图片是 CMYK 图，其图像数据无法读出总墨量（数据损坏），无法确认新闻纸能否承受（${fix.zh}）`,
        `The picture of ${where.en} on ${enPage(i)} is CMYK and its total ink cannot be measured (its picture data is damaged), so whether newsprint takes it is not known (${fix.en})`);
      return;
    }
    if (ink.most <= NEWSPRINT_INK_LIMIT) return;
    const most = Math.round(ink.most);
    // Windows over the limit are at least one: a share below 1 % is said so, not rounded to 0.
    const share = ink.over < 0.01 ? { zh: '不到 1', en: 'under 1' } : { zh: `${Math.round(ink.over * 100)}`, en: `${Math.round(ink.over * 100)}` };
    add('picture-ink', i, [frame], article,
      `${zhPage(i)}的${where.zh}的图片是 CMYK 图，总墨量最高 ${most}%（${share.zh}% 的画面超过 ${NEWSPRINT_INK_LIMIT}%），新闻纸最多承受 ${NEWSPRINT_INK_LIMIT}%：暗部会粘脏、干得慢，印厂可能退版（${fix.zh}）`,
      `The picture of ${where.en} on ${enPage(i)} is CMYK with up to ${most} % total ink (${share.en} % of it over ${NEWSPRINT_INK_LIMIT} %), where newsprint takes ${NEWSPRINT_INK_LIMIT} % at most: its shadows would set off and dry slowly, and the plant may send the page back (${fix.en})`);
  };
  for (const p of images ? pictures : []) {
    if (p.asset === null) continue;
    const i = p.page;
    const { article, where } = pictureWhere(p);
    const image = images!.get(p.asset);
    if (!image) {
      add('missing-image', i, [p.frame], article,
        `${zhPage(i)}的${where.zh}的图片不在稿库中（${p.asset}），印版上会是灰框（重新置入图片）`,
        `The picture of ${where.en} on ${enPage(i)} is not in the library (${p.asset}), so the plate would print a grey box (place the picture again)`);
      continue;
    }
    if (image.components === 3 && !input.separatesRgb) {
      add('rgb-image', i, [p.frame], article,
        `${zhPage(i)}的${where.zh}的图片是 RGB 图：PDF/X-1a 印版只收 CMYK 和灰度图，本软件没有 CMYK 特性文件可供转换（输出时用 --icc 给出印厂的特性文件，或先转为 CMYK 或灰度图再重新置入）`,
        `The picture of ${where.en} on ${enPage(i)} is RGB: a PDF/X-1a plate carries CMYK and gray only, and Pasteup has no CMYK profile to convert it with (export with the plant's profile, --icc, to separate it, or convert it to CMYK or grayscale and place it again)`);
    }
    if (image.components === 4 && image.ink !== undefined) pictureInk(i, p.frame, article, where, image.ink);
    if (image.components === 3 && image.profile?.problem) {
      const name = image.profile.description ? ` “${image.profile.description}”` : '';
      add('picture-profile', i, [p.frame], article,
        `${zhPage(i)}的${where.zh}的图片嵌入的 ICC 特性文件${name}无法使用（${image.profile.problem}），输出时按 sRGB 分色，颜色可能不准（把图片存为 sRGB 或 Adobe RGB 再重新置入）`,
        `The picture of ${where.en} on ${enPage(i)} embeds an ICC profile${name} that cannot be used (${image.profile.problem}): it is separated as sRGB and its colours may print off (save it in sRGB or Adobe RGB and place it again)`);
    }
    if (p.width === undefined || p.height === undefined || p.width <= 0 || p.height <= 0) continue;
    const [across, down] = uprightSize(image);
    const box = `${mm(p.width)} × ${mm(p.height)} mm`;
    // Cover fit shows the share of the picture that the narrower of the two shapes leaves.
    const [pictureShape, boxShape] = [across / down, p.width / p.height];
    const part = Math.min(pictureShape, boxShape) / Math.max(pictureShape, boxShape);
    if (part < LEAST_SHOWN) {
      const pct = Math.floor(part * 100);
      add('picture-cropped', i, [p.frame], article,
        `${zhPage(i)}的${where.zh}的图框只显示图片的 ${pct}%（${across} × ${down} 像素的图放进 ${box} 的图框），其余都被裁掉（把图框改得接近图片的长宽比，或先裁好图片再置入）`,
        `The box of ${where.en} on ${enPage(i)} shows ${pct} % of its picture (${across} × ${down} pixels in a box of ${box}): the rest is cropped away (give the box the picture's shape more nearly, or crop the picture and place it again)`);
    }
    const ppi = effectivePpi(image, { width: p.width, height: p.height });
    if (ppi >= LOW_PPI_WARNING) continue;
    const error = ppi < LOW_PPI_ERROR;
    const shown = Math.floor(ppi);
    add('low-resolution', i, [p.frame], article,
      `${zhPage(i)}的${where.zh}的图片分辨率只有 ${shown} ppi（${across} × ${down} 像素铺满 ${box} 的图框），低于 ${error ? LOW_PPI_ERROR : LOW_PPI_WARNING} ppi，${error ? '印出来会模糊、有马赛克' : '印在新闻纸上会发虚'}（换用更大的原图，或缩小图框）`,
      `The picture of ${where.en} on ${enPage(i)} prints at ${shown} ppi (${across} × ${down} pixels filling a box of ${box}), below ${error ? LOW_PPI_ERROR : LOW_PPI_WARNING} ppi: ${error ? 'it prints blurred and blocky' : 'newsprint shows it soft'} (use a larger original or a smaller box)`,
      error ? 'error' : 'warning');
  }

  // Placeholders: what the plate would print instead of a picture or an ad.
  edition.pages.forEach((page, i) => {
    const empty = new Set(pictures.filter((p) => p.page === i && p.asset === null).map((p) => p.frame));
    const held = page.frames.filter((f) => f.kind === 'ad' || empty.has(f.id) || (!layout?.pictures && f.kind === 'article' && (layout?.frames[f.id]?.photos ?? 0) > 0));
    if (held.length === 0) return;
    const ids = held.map((f) => f.id);
    add('placeholder', i, ids, null,
      `${zhPage(i)}有图片或广告占位框（框 ${ids.join('、')}）：${PLACEHOLDER_WHY.zh}`,
      `${enPage(i)} holds picture or ad placeholders (frames ${ids.join(', ')}): ${PLACEHOLDER_WHY.en}`);
  });

  // Geometry: every frame inside the type area, no two frames overlapping.
  edition.pages.forEach((page, i) => {
    const g = grid(i);
    for (const f of page.frames) {
      const bad = !(f.col >= 0 && f.top >= 0 && f.span >= 1 && f.height >= 1 && f.col + f.span <= g.columns && f.top + f.height <= g.lines);
      if (bad) {
        add('outside-type-area', i, [f.id], f.kind === 'article' ? f.article : null,
          `${zhPage(i)}的框 ${f.id}（第${f.col + 1}栏起 ${f.span} 栏，第${f.top + 1}行起 ${f.height} 行）超出版心（${g.columns} 栏 × ${g.lines} 行）`,
          `Frame ${f.id} on ${enPage(i)} (${f.span} columns from column ${f.col + 1}, ${f.height} lines from line ${f.top + 1}) is outside the type area (${g.columns} columns × ${g.lines} lines)`);
      }
    }
    for (let a = 0; a < page.frames.length; a++) {
      for (let b = a + 1; b < page.frames.length; b++) {
        const fa = page.frames[a];
        const fb = page.frames[b];
        if (overlaps(fa, fb)) {
          add('overlap', i, [fa.id, fb.id], fa.kind === 'article' ? fa.article : fb.kind === 'article' ? fb.article : null,
            `${zhPage(i)}的框 ${fa.id} 与 ${fb.id} 重叠`, `Frames ${fa.id} and ${fb.id} overlap on ${enPage(i)}`);
        }
      }
    }
  });

  // Labels: a jump line naming a label two pages print is no help to the reader. Labels that
  // print alike count as one: "1", "第1版", "1版" and "第一版" are all 第1版.
  const byLabel = new Map<string, number[]>();
  /** Each page whose label another page prints too: the pages printing it. */
  const alike = new Map<number, number[]>();
  edition.pages.forEach((_, i) => {
    const n = labelPageNumber(template.folio.pageFormat, labelOf(i));
    // A4, Ａ４, a4 and "A 4" are one page to a reader too.
    const l = n > 0 ? String(n) : pageLabelCore(template.folio.pageFormat, labelOf(i)).normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
    byLabel.set(l, [...(byLabel.get(l) ?? []), i]);
  });
  for (const pages of byLabel.values()) {
    if (pages.length > 1) for (const i of pages) alike.set(i, pages);
    const labels = [...new Set(pages.map(labelOf))];
    const printed = fillPageFormat(template.folio.pageFormat, labelOf(pages[0]));
    const zhWhat = labels.length === 1 ? `都标为“${labels[0]}”` : `（${labels.map((l) => `“${l}”`).join('、')}）都印作“${printed}”`;
    const enWhat = labels.length === 1 ? `are labelled “${labels[0]}”` : `(${labels.map((l) => `“${l}”`).join(', ')}) all print as “${printed}”`;
    for (const i of pages.slice(1)) {
      add('duplicate-page-label', i, [], null, `${pages.length} 个版面${zhWhat}，转版说明会有歧义`, `${pages.length} pages ${enWhat}: jump lines naming it are ambiguous`);
    }
  }

  // Articles.
  const parts = articleParts(edition);
  for (const [article, list] of parts) {
    const name = title(article);
    /** A jump line of this article as the layout prints it (an English story's in English). */
    const jumpLine = (jump: 'in' | 'out', label: string) => articleJumpLine(template, articles?.get(article)?.language ?? template.language, jump, label);
    if (articles && !articles.has(article)) {
      for (const p of list) add('article-missing', p.page, [p.frame.id], article, `${zhPage(p.page)}的框 ${p.frame.id} 所排稿件 ${article} 已不在稿库中`, `Frame ${p.frame.id} on ${enPage(p.page)} holds article ${article}, which is no longer in the library`);
    }

    // Part numbers: each once, none missing.
    const byPart = new Map<number, PlacedPart[]>();
    for (const p of list) byPart.set(p.frame.part, [...(byPart.get(p.frame.part) ?? []), p]);
    for (const [part, same] of byPart) {
      if (same.length < 2) continue;
      const where = same.map((p) => `${p.frame.id}`);
      const named = pagesNamed(same.map((p) => p.page));
      const zhPages = named.zh.join('、');
      const enPages = named.en.join(', ');
      if (part === 0) add('placed-twice', same[1].page, where, article, `${name.zh}排了两次（${zhPages}）`, `${name.en} is placed twice (${enPages})`);
      else add('placed-twice', same[1].page, where, article, `${name.zh}的第${part}个转版部分排了两次（${zhPages}）`, `Continuation ${part} of ${name.en} is placed twice (${enPages})`);
    }
    const max = list[list.length - 1].frame.part;
    const missing: number[] = [];
    for (let n = 0; n <= max; n++) if (!byPart.has(n)) missing.push(n);
    if (missing.length) {
      const after = list.find((p) => p.frame.part > missing[0]) ?? list[0];
      const zhParts = missing.map((n) => (n === 0 ? '开头' : `第${n}个转版部分`)).join('、');
      const enParts = missing.map((n) => (n === 0 ? 'its start' : `continuation ${n}`)).join(', ');
      // What the pages print now: a continuation opening the story with no jump line to it,
      // or jump lines that skip the gap (they name the pages the text really goes on to).
      const before = [...list].reverse().find((p) => p.frame.part < missing[0]);
      const named = before ? pagesNamed([before.page, after.page]) : null;
      const now: Bilingual = named
        ? { zh: `转版说明现在从${named.zh[0]}直接转到${named.zh[1]}`, en: `its jump lines now go from ${named.en[0]} straight to ${named.en[1]}` }
        : { zh: `${zhPage(after.page)}的转版部分从稿件开头排起，没有版面转到它`, en: `the part on ${enPage(after.page)} opens the story, and no page jumps to it` };
      add('part-missing', after.page, [after.frame.id], article,
        `${name.zh}缺少${zhParts}（所在版面或框可能已删除）：${now.zh}（补排缺少的部分，或重排转版顺序）`,
        `${name.en} is missing ${enParts} (its page or frame may have been removed): ${now.en} (place the missing part, or renumber the parts if that is meant)`);
    }

    // Jumps between consecutive parts.
    for (let k = 1; k < list.length; k++) {
      const prev = list[k - 1];
      const cur = list[k];
      if (prev.frame.part === cur.frame.part) continue; // placed-twice says it
      if (cur.page === prev.page) {
        add('same-page-jump', cur.page, [prev.frame.id, cur.frame.id], article, `${name.zh}从${zhPage(prev.page)}转到同一版`, `${name.en} jumps from ${enPage(prev.page)} to the same page`);
      } else if (cur.page < prev.page) {
        // Reported where the reader lands, with that page's frame first.
        const named = pagesNamed([prev.page, cur.page]);
        add('backward-jump', cur.page, [cur.frame.id, prev.frame.id], article, `${name.zh}从${named.zh[0]}向前转到${named.zh[1]}`, `${name.en} jumps back from ${named.en[0]} to ${named.en[1]}`);
      }
      // A jump line naming a label two pages print sends the reader to either: as wrong as a
      // wrong number, so an error where the line is printed (duplicate-page-label only warns).
      const lines = [
        { at: prev, names: cur.page, jump: 'out' as const },
        { at: cur, names: prev.page, jump: 'in' as const },
      ];
      for (const { at, names, jump } of lines) {
        const pages = alike.get(names);
        if (!pages || cur.page === prev.page) continue;
        const line = jumpLine(jump, labelOf(names));
        const zhAt = pages.map((p) => `第${p + 1}个`).join('、');
        add('ambiguous-jump', at.page, [at.frame.id], article,
          `${zhPage(at.page)}${name.zh}的转版说明“${line}”指向的版名有 ${pages.length} 个版面都印着（${zhAt}版面），读者可能翻错版：请给这些版面不同的版名`,
          `the jump line “${line}” of ${name.en} on ${enPage(at.page)} is ambiguous: ${pages.length} pages print that label (positions ${pages.map((p) => p + 1).join(', ')}), so a reader may turn to the wrong one; give those pages different labels`);
      }
    }

    if (layout) {
      for (let k = 1; k < list.length; k++) {
        const p = list[k];
        const facts = layout.frames[p.frame.id];
        if (facts && facts.lines === 0) {
          // The reader is sent there by the part before: name the line that sends them.
          const prev = list[k - 1];
          const line = jumpLine('out', labelOf(p.page));
          add('empty-continuation', p.page, [p.frame.id], article,
            `${name.zh}在${zhPage(p.page)}的转版部分 ${p.frame.id} 没有文字：${zhPage(prev.page)}印着“${line}”，读者翻过去却没有下文（删去这个转版部分，或补稿）`,
            `The continuation ${p.frame.id} of ${name.en} on ${enPage(p.page)} receives no text: ${enPage(prev.page)} prints “${line}”, and the reader finds nothing there (remove the continuation, or add text)`);
        }
      }
      const over = layout.overset[article] ?? 0;
      const lost = layout.lost?.[article];
      // A photo without a caption that finds no room is overset with no character of text.
      if (over > 0 || (lost?.photos ?? 0) > 0) {
        const last = list[list.length - 1];
        const what = lost ? lostWords(lost) : { zh: '', en: '' };
        const by = over > 0 ? { zh: ` ${over} 字`, en: ` by ${over} characters` } : { zh: '版面', en: '' };
        add('overset', last.page, [last.frame.id], article, `${name.zh}超出${by.zh}（${zhPage(last.page)}，框 ${last.frame.id}）${what.zh}`, `${name.en} is overset${by.en} (${enPage(last.page)}, frame ${last.frame.id})${what.en}`);
      }
    }

    // A jump line in the text itself names a page no layout chose.
    const text = articles?.get(article);
    const copied = text?.body && text.language ? copiedJumpLines({ language: text.language, body: text.body }) : [];
    if (copied.length) {
      const first = list.find((p) => p.frame.part === 0) ?? list[0];
      const zhLines = copied.map((l) => `“${l}”`).join('、');
      const enLines = copied.map((l) => `“${l}”`).join(', ');
      add('copied-jump-line', first.page, [first.frame.id], article,
        `${name.zh}的正文里有随稿复制来的转版说明${zhLines}，会照原样印出，与实际转版的版面无关：请从稿件中删去（转版说明由本软件按版面生成）`,
        `The text of ${name.en} holds a jump line copied with it, ${enLines}, which would print as it is, whatever page the story goes on to: delete it from the article (Pasteup prints jump lines itself, from the pages)`);
    }

    const from = articles?.get(article)?.continuedFrom ?? null;
    if (from !== null) {
      const start = list.find((p) => p.frame.part === 0);
      // The page it came from holds its start, and the start jumps on: set as in print.
      const asPrinted = start !== undefined && namesPage(edition, template, start.page, from) && list.length > 1;
      if (start && !asPrinted) {
        add('start-not-placed', start.page, [start.frame.id], article,
          `${name.zh}原是“上接第${from}版”的转版文字，却作为开头排在${zhPage(start.page)}：它的开头没有上版`,
          `${name.en} was imported as a continuation (from page ${from}) but is placed as a start on ${enPage(start.page)}: its start is not placed`);
      }
    }
  }

  // A photo's caption and credit that do not fit its frame: the export drops their end.
  if (layout?.captionOverset) {
    edition.pages.forEach((page, i) => {
      for (const f of page.frames) {
        const over = f.kind === 'photo' ? (layout.captionOverset?.[f.id] ?? 0) : 0;
        if (over > 0) {
          const lost = layout.captionLost?.[f.id];
          const what = lost ? lostWords(lost) : { zh: '', en: '' };
          add('overset', i, [f.id], null, `${zhPage(i)}的图片框 ${f.id} 的图片说明超出 ${over} 字${what.zh}（放大图框或删减说明）`, `The caption of photo frame ${f.id} on ${enPage(i)} is overset by ${over} characters${what.en} (enlarge the frame or shorten the caption)`);
        }
      }
    });
  }

  // Decks and jump lines the frame had no room for.
  for (const fp of layout?.frameProblems ?? []) {
    const i = fp.page;
    const { article, where } = frameNamed(i, fp.frame);
    if (fp.code === 'deck-too-tall') {
      add('deck-too-tall', i, [fp.frame], article,
        fp.outside ? `${zhPage(i)}${where.zh}的标题行数多于框高，压到框下面的内容上` : `${zhPage(i)}${where.zh}的标题占满了框，排不下正文`,
        fp.outside ? `The headline of ${where.en} on ${enPage(i)} needs more lines than the frame has: it prints over what is below` : `The headline of ${where.en} on ${enPage(i)} fills the frame: no line is left for text`);
    } else if (fp.code === 'text-broken') {
      add('text-broken', i, [fp.frame], article,
        `${zhPage(i)}${where.zh}的正文没有接上前面排过的文字，有重复或丢失（软件的错误，请报告）`,
        `The text of ${where.en} on ${enPage(i)} does not go on where the lines before it stopped: words are repeated or lost (a fault of Pasteup; please report it)`);
    } else if (fp.code === 'start-without-text') {
      add('start-without-text', i, [fp.frame], article, `${zhPage(i)}${where.zh}的开头只排下了标题和转版说明，没有正文`, `The start of ${where.en} on ${enPage(i)} holds none of its text: only its headline, byline and jump line fit`);
    } else {
      const line = fp.jump === 'in' ? { zh: '上接说明', en: 'jump-in line (continued from)' } : { zh: '下转说明', en: 'jump-out line (continued on)' };
      if (fp.code === 'jump-line-missing') {
        add('jump-line-missing', i, [fp.frame], article, `${zhPage(i)}${where.zh}没有地方排${line.zh}（框太小）`, `${where.en} on ${enPage(i)} has no line left for its ${line.en}: the frame is too small`);
      } else {
        add('jump-line-cut', i, [fp.frame], article, `${zhPage(i)}${where.zh}的${line.zh}比栏宽，版名被截断`, `The ${line.en} of ${where.en} on ${enPage(i)} is wider than its column and loses its page number (shorten the page label or widen the frame)`);
      }
    }
  }

  // Holes: text that ends well above the foot of its last frame.
  for (const u of layout?.underfull ?? []) {
    const { article, where } = frameNamed(u.page, u.frame);
    add('underfull', u.page, [u.frame], article,
      `${zhPage(u.page)}${where.zh}的正文在框底之上 ${u.lines} 行就结束了，版面留下空洞（缩小框或补稿）`,
      `the text of ${where.en} on ${enPage(u.page)} ends ${u.lines} lines above the frame's foot: a hole on the page (shorten the frame or add text)`);
  }

  // Loose lines: one issue per frame, naming its loosest lines so the desk can find them.
  for (const lf of layout?.loose ?? []) {
    const { article, where } = frameNamed(lf.page, lf.frame);
    const spacing = (l: LooseLine): Bilingual =>
      l.letterSpace / LOOSE_LETTER_SPACE >= l.wordSpace / LOOSE_WORD_SPACE
        ? { zh: `字距加宽 ${em(l.letterSpace)} em`, en: `characters ${em(l.letterSpace)} em apart` }
        : { zh: `词距 ${em(l.wordSpace)} em`, en: `word spaces ${em(l.wordSpace)} em` };
    const zhLines = lf.lines.map((l) => `第${l.column + 1}栏第${l.line + 1}行“${lineStart(l.text)}”（${spacing(l).zh}）`);
    const enLines = lf.lines.map((l) => `column ${l.column + 1}, line ${l.line + 1} “${lineStart(l.text)}” (${spacing(l).en})`);
    const more = lf.count - lf.lines.length;
    add('loose-line', lf.page, [lf.frame], article,
      `${zhPage(lf.page)}${where.zh}有 ${lf.count} 行排得过松：${zhLines.join('；')}${more > 0 ? `；另有 ${more} 行` : ''}（改动文字或调整框宽）`,
      `${where.en} on ${enPage(lf.page)} has ${lf.count} loose line${lf.count === 1 ? '' : 's'}, spaced wider than a reader accepts: ${enLines.join('; ')}${more > 0 ? `; and ${more} more` : ''} (edit the text or change the frame's width)`);
  }

  // A folio whose two halves do not fit side by side on its one line.
  for (const i of layout?.folioTooLong ?? []) {
    const section = edition.pages[i]?.section;
    add('folio-too-long', i, [], null,
      `${zhPage(i)}的版头一行排不下：版次${section ? `和栏目“${section}”` : ''}会与报名、日期互相压印（缩短${section ? '栏目名' : '版名'}）`,
      `The folio of ${enPage(i)} does not fit on its line: the page label${section ? ` and section “${section}”` : ''} would print over the publication and date (shorten the ${section ? 'section name' : 'page label'})`);
  }

  // Characters no font has: in articles, photo captions, ad labels and folios alike. The
  // publication's name is printed on every page: said once, for the edition.
  const publication = new Set<number>();
  for (const m of layout?.missing ?? []) if (m.folio === 'publication') for (const cp of m.codePoints) publication.add(cp);
  if (publication.size) {
    const cps = [...publication];
    add('missing-glyph', null, [], null,
      `报名“${edition.publication}”（印在每版的版头）有 ${cps.length} 个字没有字体可排，会印成空白：${characterList(cps, true)}`,
      `The publication name “${edition.publication}” (printed in every page's folio) has ${cps.length} character${cps.length === 1 ? '' : 's'} no bundled font has, which would print blank: ${characterList(cps, false)}`);
  }
  for (const m of layout?.missing ?? []) {
    if (m.folio === 'publication') continue;
    const i = m.page;
    const cps = m.codePoints;
    const f = m.frame === null ? undefined : edition.pages[i]?.frames.find((x) => x.id === m.frame);
    const article = f?.kind === 'article' ? f.article : null;
    const where = ((): Bilingual => {
      if (m.folio === 'label') return { zh: `第${i + 1}个版面的版名“${labelOf(i)}”（印在版头和指向此版的转版说明里）`, en: `The page label “${labelOf(i)}” of the page at position ${i + 1} (printed in its folio and in the jump lines naming that page)` };
      if (m.folio === 'section') return { zh: `${zhPage(i)}的栏目“${edition.pages[i]?.section ?? ''}”`, en: `The section “${edition.pages[i]?.section ?? ''}” of ${enPage(i)}` };
      if (m.frame === null) return { zh: `${zhPage(i)}的版头（版名、版次、报名、日期）`, en: `The folio of ${enPage(i)} (page label, section, publication, date)` };
      if (f?.kind === 'ad') return { zh: `${zhPage(i)}的广告框 ${m.frame} 的标注“${f.label}”`, en: `The label “${f.label}” of ad frame ${m.frame} on ${enPage(i)}` };
      if (f?.kind === 'photo') return { zh: `${zhPage(i)}的图片框 ${m.frame} 的图片说明`, en: `The caption of photo frame ${m.frame} on ${enPage(i)}` };
      if (article === null) return { zh: `${zhPage(i)}的框 ${m.frame} `, en: `Frame ${m.frame} on ${enPage(i)}` };
      return { zh: `${title(article).zh}（${zhPage(i)}，框 ${m.frame}）`, en: `${title(article).en} (${enPage(i)}, frame ${m.frame})` };
    })();
    add('missing-glyph', i, m.frame === null ? [] : [m.frame], article,
      `${where.zh}有 ${cps.length} 个字没有字体可排，会印成空白：${characterList(cps, true)}`,
      `${where.en} has ${cps.length} character${cps.length === 1 ? '' : 's'} no bundled font has, which would print blank: ${characterList(cps, false)}`);
  }

  // Page order, errors before warnings, then the order of the rules above.
  const key = (i: Issue) => [i.page ?? Number.MAX_SAFE_INTEGER, i.severity === 'error' ? 0 : 1, RULE_ORDER.indexOf(i.code)];
  return issues
    .map((issue, n) => ({ issue, n, k: key(issue) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || a.n - b.n)
    .map((x) => x.issue);
}

/**
 * The opening words of a piece with no headline, to name it by: its first brief's title, its
 * caption or its text, cut to 12 characters of Chinese or 5 words of English (以降低PM10为攻坚方向…,
 * Firefighters battled a fast-moving wildfire…). '' when it has no text.
 */
function openingWords(body: NonNullable<PreflightArticle['body']>, language: PreflightArticle['language']): string {
  const b = body[0];
  const text = (b === undefined ? '' : b.type === 'brief' ? b.title : b.type === 'photo' ? b.caption : b.text).trim();
  if (language === 'en') {
    const words = text.split(/\s+/);
    return words.length > 5 ? `${words.slice(0, 5).join(' ')}…` : text;
  }
  const chars = [...text];
  return chars.length > 12 ? `${chars.slice(0, 12).join('')}…` : text;
}
