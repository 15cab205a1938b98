import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Values read when metrics are scraped. */
export interface MetricProbes {
  queueDepth(): number;
  watched(): number;
  brokerConnected(): boolean;
}

/** The ingest service's Prometheus metrics, registered on the registry passed in (or a new one). */
export function createMetrics(probes: MetricProbes, registry: Registry = new Registry()) {
  const registers = [registry];
  return {
    registry,
    received: new Counter({
      name: 'aware_ingest_heartbeats_received_total',
      help: 'Heartbeat messages received from the broker, before validation.',
      registers,
    }),
    invalid: new Counter({
      name: 'aware_ingest_heartbeats_invalid_total',
      help: 'Heartbeats rejected by validation, by protocol error code.',
      labelNames: ['reason'] as const,
      registers,
    }),
    duplicates: new Counter({
      name: 'aware_ingest_heartbeats_duplicate_total',
      help: 'Heartbeats dropped because the same (device, seq, ts) was already accepted.',
      registers,
    }),
    outOfOrder: new Counter({
      name: 'aware_ingest_heartbeats_out_of_order_total',
      help: 'Heartbeats older than the latest one of their device (stored, but do not move device state).',
      registers,
    }),
    shed: new Counter({
      name: 'aware_ingest_heartbeats_shed_total',
      help: 'Heartbeats dropped under overload: queue_full (database slower than arrivals) or busy (event loop saturated).',
      labelNames: ['reason'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'aware_ingest_queue_depth',
      help: 'Heartbeats waiting to be written.',
      registers,
      collect() {
        this.set(probes.queueDepth());
      },
    }),
    batchSize: new Histogram({
      name: 'aware_ingest_batch_rows',
      help: 'Rows per written batch.',
      buckets: [1, 10, 50, 100, 500, 1_000, 2_000, 5_000, 10_000, 20_000],
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'aware_ingest_flush_seconds',
      help: 'Time to encode and COPY one telemetry batch, in seconds.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    rowsWritten: new Counter({
      name: 'aware_ingest_rows_written_total',
      help: 'Telemetry rows committed.',
      registers,
    }),
    rowsPerSecond: new Gauge({
      name: 'aware_ingest_rows_per_second',
      help: 'Telemetry rows committed during the last full second.',
      registers,
    }),
    stateRows: new Counter({
      name: 'aware_ingest_device_state_rows_total',
      help: 'Device state rows written (one per pendant per state write; batches coalesce under load).',
      registers,
    }),
    stateSeconds: new Histogram({
      name: 'aware_ingest_device_state_write_seconds',
      help: 'Time to write one device-state statement, in seconds.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    flushErrors: new Counter({
      name: 'aware_ingest_flush_errors_total',
      help: 'Batches that could not be written (their rows are counted as lost).',
      registers,
    }),
    rowsLost: new Counter({
      name: 'aware_ingest_rows_lost_total',
      help: 'Rows of batches that failed to write.',
      registers,
    }),
    technical: new Counter({
      name: 'aware_ingest_technical_alarms_total',
      help: 'Technical alarms opened and cleared, by kind.',
      labelNames: ['kind', 'change'] as const,
      registers,
    }),
    watched: new Gauge({
      name: 'aware_ingest_watchdog_devices',
      help: 'Assigned pendants with a watchdog deadline.',
      registers,
      collect() {
        this.set(probes.watched());
      },
    }),
    brokerConnected: new Gauge({
      name: 'aware_ingest_broker_connected',
      help: '1 while ingest is connected to the broker; the watchdog holds still while it is 0.',
      registers,
      collect() {
        this.set(probes.brokerConnected() ? 1 : 0);
      },
    }),
  };
}

export type IngestMetrics = ReturnType<typeof createMetrics>;
