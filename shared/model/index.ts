export * from './article';
export * from './article-text';
