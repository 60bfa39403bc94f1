// Laying out an edition stored in a library: the document, its template, the texts of the
// articles it places, and the engine's EditionLayout.
import type { ArticleContent } from '../../../shared/model/article';
import type { Edition, Template } from '../../../shared/model/edition';
import { layoutEdition, type EditionLayout } from '../../../shared/layout/edition';
import { layoutEditionShared, type EngineWorker } from '../engine-worker';
import { loadNodeFontProvider } from '../fonts/node-fonts';
import type { Library } from '../library';
import type { PreflightImage } from '../../../shared/edition/preflight';

export interface LaidOutEdition {
  edition: Edition;
  template: Template;
  articles: Map<number, ArticleContent>;
  layout: EditionLayout;
  /** The library's facts of the pictures the layout's photo boxes show (missing ones absent). */
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

/** The facts of the pictures an edition's photos name: its photo frames' and, when given, its layout's boxes'. */
export function placedImages(lib: Library, edition: Edition, layout?: EditionLayout): Map<string, PreflightImage> {
  const refs = new Set<string>();
  for (const page of edition.pages) for (const f of page.frames) if (f.kind === 'photo' && f.asset !== null) refs.add(f.asset);
  for (const page of layout?.pages ?? []) for (const f of page.frames) for (const p of f.photos) if (p.asset !== null) refs.add(p.asset);
  return lib.images.facts(refs);
}

/** Lays out edition `id`; with an engine worker, on two threads (same result). */
export async function layoutForEdition(lib: Library, id: number, worker: EngineWorker | null = null): Promise<LaidOutEdition> {
  const edition = lib.editions.require(id);
  const template = lib.editions.templateOf(edition);
  const articles = placedArticles(lib, edition);
  const provider = await loadNodeFontProvider();
  const layout = worker ? await layoutEditionShared(provider, { edition, template, articles }, worker) : layoutEdition(provider, { edition, template, articles });
  return { edition, template, articles, layout, images: placedImages(lib, edition, layout) };
}
