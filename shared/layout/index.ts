export * from './types';
export * from './article';
export * from './article-styles';
