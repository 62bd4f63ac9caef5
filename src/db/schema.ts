// The schema index: every table of every module, for migrations and the typed database handle.
export * from '../platform/schema.js';
export * from '../modules/identity/schema.js';
