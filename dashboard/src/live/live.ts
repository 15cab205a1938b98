import { AlarmStore } from './alarm-store.js';
import { TechnicalStore } from './technical-store.js';

/** The page's stores of live data (one of each, like the one socket controller that fills them). */
export const alarmStore = new AlarmStore();
export const technicalStore = new TechnicalStore();
