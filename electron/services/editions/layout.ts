// Laying out an edition stored in a library: the document, its template, the texts of the
// articles it places, and the engine's EditionLayout.
import type { ArticleContent } from '../../../shared/model/article';
import type { Edition, Template } from '../../../shared/model/edition';
import { layoutEdition, type EditionLayout } from '../../../shared/layout/edition';
import { layoutEditionShared, type EngineWorker } from '../engine-worker';
import { loadNodeFontProvider } from '../fonts/node-fonts';
import type { Library } from '../library';
import type { PreflightImage } from '../../../shared/edition/preflight';
import { pictureShape, type PictureShape } from '../../../shared/images/cover';

export interface LaidOutEdition {
  edition: Edition;
  template: Template;
  articles: Map<number, ArticleContent>;
  layout: EditionLayout;
  /** The library's facts of the pictures the edition's photos name: its photo frames' and its articles' (missing ones absent). */
  images: Map<string, PreflightImage>;
}

/** The article texts an edition places, by id (missing ones are simply absent). */
export function placedArticles(lib: Library, edition: Edition): Map<number, ArticleContent> {
  const articles = new Map<number, ArticleContent>();
  for (const page of edition.pages)
    for (const f of page.frames) {
      if (f.kind !== 'article' || articles.has(f.article)) continue;
      const a = lib.articles.get(f.article);
      if (a) articles.set(f.article, a);
    }
  return articles;
}

/** The facts of the pictures an edition's photos name: its photo frames' and, when given, the photos in its articles' text. */
export function placedImages(lib: Library, edition: Edition, articles?: ReadonlyMap<number, ArticleContent>): Map<string, PreflightImage> {
  const refs = new Set<string>();
  for (const page of edition.pages) for (const f of page.frames) if (f.kind === 'photo' && f.asset !== null) refs.add(f.asset);
  for (const a of articles?.values() ?? []) for (const b of a.body) if (b.type === 'photo' && b.asset !== null) refs.add(b.asset);
  return lib.images.facts(refs);
}

/** The layout's picture shapes (EditionLayoutInput.pictures) from the library's facts of them: upright, EXIF orientation applied. */
function pictureShapes(images: ReadonlyMap<string, PreflightImage>): Map<string, PictureShape> {
  return new Map([...images].map(([ref, image]) => [ref, pictureShape(image)]));
}

/** Lays out edition `id`; with an engine worker, on two threads (same result). */
export async function layoutForEdition(lib: Library, id: number, worker: EngineWorker | null = null): Promise<LaidOutEdition> {
  const edition = lib.editions.require(id);
  const template = lib.editions.templateOf(edition);
  const articles = placedArticles(lib, edition);
  // Read before the layout: a story's photo takes its picture's shape.
  const images = placedImages(lib, edition, articles);
  const input = { edition, template, articles, pictures: pictureShapes(images) };
  const provider = await loadNodeFontProvider();
  const layout = worker ? await layoutEditionShared(provider, input, worker) : layoutEdition(provider, input);
  return { edition, template, articles, layout, images };
}
