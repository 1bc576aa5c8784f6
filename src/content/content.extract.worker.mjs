// The worker of content.extract.ts. Plain JavaScript so Node can start it however the app was
// started (bin/palabre.js, tsx, vitest): it registers tsx's loader itself, then loads the TypeScript.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const { extractTextHere, firstPageHere, sniffHere } = await import('./content.files.ts');

// An uploaded file comes as its path (read here, off the main thread's memory), other bytes as a buffer.
parentPort.on('message', async ({ id, task, data, path, format }) => {
  const buf = path ? await readFile(path) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const result = task === 'page' ? await firstPageHere(buf) : task === 'sniff' ? sniffHere(buf) : await extractTextHere(buf, format);
  parentPort.postMessage({ id, result });
});
