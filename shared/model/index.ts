export * from './article';
export * from './article-text';
export * from './edition';
export * from './templates';
