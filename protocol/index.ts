export * from './constants.js';
export * from './parse.js';
export * from './problems.js';
export * from './requests.js';
export * from './rules.js';
export * from './test-vector.js';
export * from './types.js';
