import type { MessageKey } from '../i18n/nl.js';

/** One entry of the console's menu: the console's own pages and those of the products it hosts (casework). */
export interface NavItem {
  readonly path: string;
  readonly label: MessageKey;
}
