// The styles an article is set in, derived from the template's body size: body, lead,
// crossheads, brief titles, captions, bylines, and the headline deck (引题/主题/副题).
import { bodyStyle, HEI_FACE, SONG_FACE, textStyle, type TextStyle } from '../text/style';

export interface ArticleStyles {
  body: TextStyle;
  crosshead: TextStyle;
  briefTitle: TextStyle;
  caption: TextStyle;
  byline: TextStyle;
  credit: TextStyle;
  /** An English column's sign-off, "— From staff reports" (italic by its marks). */
  signOff: TextStyle;
  /** An English photo credit: a line of its own under the caption (see flowItems). */
  photoCredit: TextStyle;
  kicker: TextStyle;
  headline: TextStyle;
  deckSubhead: TextStyle;
  jumpHead: TextStyle;
  jumpIn: TextStyle;
  jumpOut: TextStyle;
}

/** Headline size grows with the frame's width, as on a real page: a 1-column story gets a small head. */
export function headlineSize(bodySize: number, span: number): number {
  return Math.round(Math.min(bodySize * 4, bodySize * (1.5 + 0.4 * span)) * 2) / 2;
}

export function defaultArticleStyles(language: 'zh' | 'en', bodySize: number, span: number): ArticleStyles {
  const body = bodyStyle(language, bodySize);
  const plain = (o: Partial<TextStyle>): TextStyle => textStyle({ ...body, indent: 0, avoidRunt: false, ...o });
  const head = headlineSize(bodySize, span);
  const zh = language === 'zh';
  return {
    body,
    // Display lines (crossheads, brief titles, bylines) break between words, never inside one,
    // as headlines do: "A late-night compro- | mise" reads as a mistake.
    crosshead: plain({ face: HEI_FACE, bold: true, align: 'center', lastAlign: 'center', size: bodySize * 1.1, hyphenate: false }),
    briefTitle: plain({ face: HEI_FACE, bold: true, align: 'left', lastAlign: 'left', hyphenate: false }),
    caption: plain({ face: HEI_FACE, size: bodySize * 0.95 }),
    byline: plain({ face: HEI_FACE, align: 'left', lastAlign: zh ? 'left' : 'left', size: bodySize, hyphenate: false }),
    credit: plain({ align: 'right', lastAlign: 'right' }),
    signOff: plain({ align: 'left', lastAlign: 'left', hyphenate: false }),
    // US papers set a photo's credit small, in capitals of the sans, flush right on a line of
    // its own: JANE DOE/THE RIVERTON TIMES. (The capitals are layout's: the text keeps its case.)
    photoCredit: plain({ face: HEI_FACE, size: bodySize * 0.7, align: 'right', lastAlign: 'right', hyphenate: false }),
    kicker: plain({ face: HEI_FACE, size: Math.max(bodySize * 1.4, head * 0.5), align: 'center', lastAlign: 'center', hyphenate: false }),
    headline: plain({ face: zh ? HEI_FACE : SONG_FACE, bold: true, size: head, align: 'center', lastAlign: 'center', hyphenate: false }),
    deckSubhead: plain({ face: HEI_FACE, size: Math.max(bodySize * 1.4, head * 0.55), align: 'center', lastAlign: 'center', hyphenate: false }),
    jumpHead: plain({ face: zh ? HEI_FACE : SONG_FACE, bold: true, size: Math.max(bodySize * 1.6, head * 0.6), align: 'center', lastAlign: 'center', hyphenate: false }),
    jumpIn: plain({ face: zh ? HEI_FACE : SONG_FACE, align: 'left', lastAlign: 'left', hyphenate: false }),
    jumpOut: plain({ face: zh ? HEI_FACE : SONG_FACE, align: 'right', lastAlign: 'right', hyphenate: false }),
  };
}
