/** The casework pages' strings, in Dutch (the default) and English; the console's dictionary spreads them in. */
export { enCasework } from './en.js';
export { nlCasework } from './nl.js';
