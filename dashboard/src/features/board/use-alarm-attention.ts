import { useEffect } from 'react';
import { beep } from './alarm-sound.js';

const REPEAT_MS = 2000;

/**
 * While `unacknowledged` > 0: the beep every two seconds and the tab title blinking, until every alarm
 * is acknowledged (by anyone: the live feed tells this console too).
 */
export function useAlarmAttention(unacknowledged: number, title: string, blinkText: string): void {
  const sounding = unacknowledged > 0;
  useEffect(() => {
    document.title = title;
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
