/** Load for alloc-profile.ts: 200 QoS 1 publishers on `loc` topics and one subscriber, driven by the parent. */
import mqtt from 'mqtt';
const port = Number(process.argv[2]);
const url = `mqtt://127.0.0.1:${port}`;
const pubs = await Promise.all(Array.from({ length: 200 }, (_, i) => new Promise<mqtt.MqttClient>((r) => { const c = mqtt.connect(url, { clientId: `p${i}`, protocolVersion: 4 }); c.once('connect', () => r(c)); })));
const sub = await new Promise<mqtt.MqttClient>((r) => { const c = mqtt.connect(url, { clientId: 'sub', protocolVersion: 4 }); c.once('connect', () => r(c)); });
await new Promise((r) => sub.subscribe('aware/v1/d/+/loc', { qos: 1 }, r));
let got = 0; sub.on('message', () => got++);
process.send!('ready');
process.once('message', async () => {
  const payload = JSON.stringify({ alarmId: 'bench0000000001', ts: Date.now(), fix: { lat: 52.09, lon: 5.12, acc: 12 }, battery: 80 });
  const total = 25000; let sent = 0; const start = Date.now();
  await new Promise<void>((r) => { const t = setInterval(() => { const due = Math.min(total, Math.floor((Date.now() - start) * 5)); while (sent < due) { pubs[sent % pubs.length]!.publish(`aware/v1/d/p${sent % pubs.length}/loc`, payload, { qos: 1 }); sent++; } if (sent >= total) { clearInterval(t); r(); } }, 2); });
  while (got < total) await new Promise((r) => setTimeout(r, 20));
  process.send!({ n: total });
});
