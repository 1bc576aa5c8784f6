// Preloaded (node --expose-gc --import) into a server under test: once the test sends SIGUSR2
// (after start-up and the demo data, which need no such pressure and take long under it),
// forces a full garbage collection every few milliseconds, so native objects (SQLite
// statements, argon2 buffers) are finalised while requests are running: the way
// better-sqlite3 12 aborted on Node 24.19+.
const every = Number(process.env.GC_EVERY_MS ?? 20);
if (typeof globalThis.gc !== 'function') throw new Error('gc-pressure.mjs needs node --expose-gc');
process.once('SIGUSR2', () => {
  setInterval(() => globalThis.gc(), every).unref();
  console.error('gc-pressure: forcing a full GC every', every, 'ms');
});
