import { Pendant } from '@aware/firmware-sim';
import type { AlarmView } from '@aware/protocol';
import type { Stack } from './stack.js';
import { knownToDispatch, type TestPendant } from './pendants.js';
import { waitFor } from './wait.js';

/**
 * A simulated pendant (the firmware simulator, real MQTT to the real broker) presses its button; resolves
 * with the alarm once dispatch holds it open.
 */
export async function press(stack: Stack, p: TestPendant, home = { lat: 52.0907, lon: 5.1214 }): Promise<{ alarm: AlarmView; pendant: Pendant }> {
  await knownToDispatch(stack.dispatch.context.directory, p.id);
  const pendant = new Pendant({ id: p.id, secret: p.secret, url: stack.mqttUrl, home, seed: 1, locIntervalS: 60 });
  await new Promise<void>((resolve) => {
    pendant.once('connected', () => resolve());
    pendant.start();
  });
  pendant.press();
  const record = await waitFor(() => stack.dispatch.context.store.open().find((a) => a.deviceId === p.id), 10_000, `an alarm of ${p.id}`);
  return { alarm: { id: record.id } as AlarmView, pendant };
}
