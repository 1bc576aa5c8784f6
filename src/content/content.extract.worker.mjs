// The worker of content.extract.ts. Plain JavaScript so Node can start it however the app was
// started (bin/palabre.js, tsx, vitest): it registers tsx's loader itself, then loads the TypeScript.
import { parentPort } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const { extractTextHere, firstPageHere } = await import('./content.files.ts');

parentPort.on('message', async ({ id, task, data, format }) => {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const result = task === 'page' ? await firstPageHere(buf) : await extractTextHere(buf, format);
  parentPort.postMessage({ id, result });
});
