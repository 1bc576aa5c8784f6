import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/**
 * A real SMTP server that keeps what it receives, for tests and benchmarks. `delayMs` holds each
 * MAIL FROM that long, as a slow server would: senders then hold their leases long enough to be
 * caught holding them (the load-balancer test kills one mid-batch).
 */
export async function startSmtpSink(opts: { delayMs?: number } = {}) {
  const messages: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (opts.delayMs) setTimeout(() => callback(), opts.delayMs);
      else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          for (const w of waiters.splice(0)) w();
          callback();
        })
        .catch(callback);
    },
  });
  // A client that dies mid-conversation (the load-balancer test kills a sending instance) resets
  // its connection: that is the client's failure, not the sink's, and must not crash the test run.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to.flatMap((a) => a.value) : (m.to?.value ?? [])).map((a) => a.address?.toLowerCase());

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address: string) => messages.filter((m) => to(m).includes(address.toLowerCase())),
    /** Waits until a message matches, or fails after `timeoutMs`. */
    async waitFor(predicate: (m: ParsedMail) => boolean, timeoutMs = 10_000): Promise<ParsedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    waitForTo(address: string, timeoutMs?: number) {
      return this.waitFor((m) => to(m).includes(address.toLowerCase()), timeoutMs);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
