import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Prometheus metrics of dispatch, on their own registry (served at `/metrics`). */
export function createMetrics() {
  const registry = new Registry();
  const r = [registry];
  return {
    registry,
    messages: new Counter({ name: 'dispatch_mqtt_messages_total', help: 'Device messages handled, by channel and result', labelNames: ['channel', 'result'] as const, registers: r }),
    presses: new Counter({ name: 'dispatch_presses_total', help: 'Presses by what they did: opened an alarm, attached to an open one, or were a repeat', labelNames: ['kind'] as const, registers: r }),
    flagged: new Counter({ name: 'dispatch_alarms_flagged_total', help: 'Alarms opened with a flag', labelNames: ['flag'] as const, registers: r }),
    pressToConsole: new Histogram({ name: 'dispatch_press_to_console_seconds', help: 'Press received to first console send', buckets: LATENCY_BUCKETS, registers: r }),
    pressToDurable: new Histogram({ name: 'dispatch_press_to_durable_seconds', help: 'Press received to durable (database or journal)', buckets: LATENCY_BUCKETS, registers: r }),
    durableMode: new Gauge({ name: 'dispatch_durable_mode', help: '0 database, 1 journal (database unavailable), 2 switching back', registers: r }),
    rejectedWrites: new Counter({ name: 'dispatch_rejected_writes_total', help: 'Writes the database refused (kept in the rejected journal)', registers: r }),
    consoles: new Gauge({ name: 'dispatch_live_consoles', help: 'Consoles connected to the live feed', registers: r }),
    resyncs: new Counter({ name: 'dispatch_live_forced_resyncs_total', help: 'Consoles disconnected for falling behind (they resume or resync)', registers: r }),
    openAlarms: new Gauge({ name: 'dispatch_open_alarms', help: 'Alarms not yet resolved', registers: r }),
    subscribeTimeouts: new Counter({ name: 'dispatch_mqtt_subscribe_failures_total', help: 'Press-session SUBSCRIBEs not acknowledged in time, or refused', registers: r }),
    leader: new Gauge({ name: 'dispatch_lease_holder', help: '1 while this node holds the dispatch lease (handles presses, timers, outbox), else 0', registers: r }),
    takeovers: new Counter({ name: 'dispatch_lease_acquired_total', help: 'Times this node took the dispatch lease', registers: r }),
    stepDowns: new Counter({ name: 'dispatch_lease_step_downs_total', help: 'Times this node stopped being the active node, by reason', labelNames: ['reason'] as const, registers: r }),
    takeoverSeconds: new Gauge({ name: 'dispatch_last_takeover_seconds', help: 'Lease taken to press session subscribed, last takeover', registers: r }),
    relayed: new Counter({ name: 'dispatch_relayed_total', help: 'Console requests this standby relayed to the active node, by kind and result', labelNames: ['kind', 'result'] as const, registers: r }),
    deliveries: new Counter({ name: 'dispatch_outbox_deliveries_total', help: 'Webhook delivery attempts by target and result', labelNames: ['target', 'result'] as const, registers: r }),
  };
}

export type DispatchMetrics = ReturnType<typeof createMetrics>;
