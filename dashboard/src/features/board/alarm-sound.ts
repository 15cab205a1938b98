import { createStore } from '../../stores/create-store.js';

/**
 * The alarm sound: a two-tone beep made with WebAudio (no sound file to load or block). Browsers start an
 * AudioContext suspended until the user has interacted with the page; `blockedStore` is true while that
 * is so, and the board then shows a button that unlocks it (any click on the page does as well).
 */
export const blockedStore = createStore(false);
let context: AudioContext | null = null;

function audio(): AudioContext {
  context ??= new AudioContext();
  blockedStore.set(context.state !== 'running');
  context.onstatechange = () => blockedStore.set(context?.state !== 'running');
  return context;
}

/** Call from a user gesture (a click): lets the browser play sound from now on. */
export function unlockSound(): void {
  void audio().resume().then(() => blockedStore.set(false), () => undefined);
}

/** One beep-beep (about 0.5 s). Silent (and flags `blockedStore`) while the browser blocks audio. */
export function beep(): void {
  const ctx = audio();
  if (ctx.state !== 'running') {
    void ctx.resume().catch(() => undefined);
    return;
  }
  const t0 = ctx.currentTime;
  for (const [i, freq] of [988, 784].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    const start = t0 + i * 0.22;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.21);
  }
}

/**
 * The technical alarms' signal: one soft, low two-note chime (sine, a quarter of the alarm's loudness),
 * so an operator hears at once that it is not an emergency.
 */
export function chime(): void {
  const ctx = audio();
  if (ctx.state !== 'running') {
    void ctx.resume().catch(() => undefined);
    return;
  }
  const t0 = ctx.currentTime;
  for (const [i, freq] of [659, 523].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = t0 + i * 0.35;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.06, start + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.33);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.34);
  }
}

if (typeof window !== 'undefined') {
  for (const type of ['pointerdown', 'keydown'] as const) window.addEventListener(type, () => context && context.state !== 'running' && unlockSound(), { capture: true });
}
