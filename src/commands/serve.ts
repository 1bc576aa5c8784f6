import { type Command, load } from './command.ts';

export const serve: Command = {
  name: 'serve',
  summary: 'serve                 démarre le serveur (migre la base, charge la démo si elle est vide)',
  help: `Usage : palabre serve

Démarre le serveur HTTP sur PORT (3000 par défaut). Applique les migrations, charge la
démo si la base est vide (DEMO_DATA=off pour l'éviter), lance l'envoi des courriels et
les tâches de fond. S'arrête proprement sur SIGTERM ou SIGINT.`,
  async run({ config }) {
    const [{ buildApp }, { isEmpty, loadDemo }] = await Promise.all([load.app(), load.demo()]);
    const app = await buildApp(config);
    if (config.demoData === 'auto' && (await isEmpty(app))) {
      await loadDemo(app);
      app.platform.log.info('demo data loaded');
    }
    app.startWorkers();
    await app.server.listen({ port: config.port, host: config.host });
    // Turn readiness off, stop taking requests, end live streams telling browsers to reconnect (elsewhere), finish the
    // requests in flight, the job and the mail batch in flight, then close the database.
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) {
        app.platform.log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      // Not ready first (a load balancer polling /readyz stops sending), still serving for DRAIN_SECONDS.
      app.platform.log.info({ signal, drainSeconds: config.drainMs / 1000 }, 'draining: readiness answers 503');
      await app.drain();
      app.platform.log.info({ signal }, 'shutting down: finishing requests in flight');
      const force = setTimeout(() => {
        app.platform.log.error('requests still running after 15 s: exiting anyway');
        process.exit(1);
      }, 15_000);
      force.unref();
      try {
        await app.close();
        process.exit(0);
      } catch (err) {
        app.platform.log.error({ err }, 'shutdown failed');
        process.exit(1);
      }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
    return -1;
  },
};
