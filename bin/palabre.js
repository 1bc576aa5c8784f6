#!/usr/bin/env node
// The `palabre` command. It runs the TypeScript CLI in this very process (tsx's loader is
// registered here rather than spawning tsx), so a SIGTERM from systemd, Docker or pm2 reaches
// the server itself and its graceful shutdown runs. Plain JavaScript on purpose: check-node.js must
// refuse an old Node.js before anything native (better-sqlite3, argon2) is loaded.
import './check-node.js';

const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
