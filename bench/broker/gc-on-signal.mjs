// Bench only, preloaded into the Node brokers (with --expose-gc): SIGUSR2 runs a full GC, so the load
// generator can sample an idle broker's RSS without the garbage of the last connect storm in it.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
});
