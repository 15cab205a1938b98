/**
 * What a product hosted in the console's SPA (casework) builds its pages from: the shell's API client,
 * router and links, session and region data, the UI parts and the language. Hosted pages import only this
 * (`@aware/dashboard/kit`), never the console's internals; the shell mounts their pages (app/Routes.tsx)
 * and menu entries (app/pages.ts).
 */
export { ApiError } from './api/api-error.js';
export { errorInWords } from './api/error-in-words.js';
export { api } from './api/http.js';
export { clientConfigStore } from './app/client-config-store.js';
export { Link } from './app/Link.js';
export type { NavItem } from './app/nav-item.js';
export { regionName, useRegionNames } from './app/region-names.js';
export { match, navigate } from './app/router.js';
export type { SessionUser } from './contract/auth.js';
export type { RegionList } from './contract/client-config.js';
export * from './kit-text.js';
export { useStore } from './stores/use-store.js';
export { Dialog } from './ui/Dialog.js';
export { LimitedText, LineList } from './ui/LimitedText.js';
export { RegionOptions } from './ui/RegionOptions.js';
