/** `npm run sim -- --help`. */
export const USAGE = `AWARE firmware simulator: pendants that speak wire contract v1 over MQTT.

usage: npm run sim -- <command> [flags]

  pendant  --id ID [--secret S | --credentials FILE] [--url URL] [--hb-interval S] [--town T] [--seed N]
           [--control-port P]
           one interactive pendant: p press, b low battery, c charger, o offline/online,
           w walk 200 m, s state, q quit
  scenario FILE [--url URL] [--credentials FILE]
           run a JSON/YAML timeline; exits 1 naming the first expectation that failed
  load     --devices N [--hb-interval S] [--press-rate R] [--duration T] [--url URL]
           [--credentials FILE] [--workers K] [--ramp N] [--out FILE]
           N pendants, live progress on stderr, report with press -> alarm_received latencies
  provision --count N [--credentials FILE] [--region R] [--hb-interval S]
           register N test pendants in the device registry, write their credentials (mode 0600)

Defaults: --url mqtt://127.0.0.1:1883 (several comma-separated: a broker cluster, the next one on each reconnect); provision writes .data/sim-credentials.json, the others read a file only with --credentials.
Exit codes: 0 ok, 1 run failed (expectation, load), 2 bad input, 3 broker refused/unreachable.
`;
