import { useEffect } from 'react';
import { beep } from '../board/alarm-sound.js';

const REPEAT_MS = 2000;

/**
 * While `unacknowledged` > 0: the beep every two seconds and the tab title blinking, until every alarm
 * is acknowledged (by anyone: the live feed tells this console too). Runs in the console's shell, so it
 * sounds on every page, not only the board; `data-alarm-sounding` on <body> says so (tests, styles).
 */
export function useAlarmAttention(unacknowledged: number, title: string, blinkText: string): void {
  const sounding = unacknowledged > 0;
  useEffect(() => {
    document.title = title;
    document.body.dataset['alarmSounding'] = String(sounding);
    if (!sounding) return;
    let on = false;
    beep();
    const timer = setInterval(() => {
      beep();
      on = !on;
      document.title = on ? blinkText : title;
    }, REPEAT_MS);
    return () => {
      clearInterval(timer);
      document.title = title;
    };
  }, [sounding, title, blinkText]);
}
