/**
 * Casework's HTTP contract (zod): the bodies and answers of the commissie workflow (`commissie.ts`,
 * `eligibility.ts`), pendants issued to clients (`assignments.ts`), the client's privacy rights
 * (`privacy.ts`) and the dossier (`dossier.ts`). The server parses with it, the pages type with it.
 * What pendants and control rooms exchange stays in `@aware/protocol`.
 */
export * from './eligibility.js';
export * from './commissie.js';
export * from './assignments.js';
export * from './privacy.js';
export * from './dossier.js';
