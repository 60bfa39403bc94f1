export * from './types';
export * from './article';
export * from './article-styles';
export * from './grid';
export * from './edition';
