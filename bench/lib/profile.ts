/**
 * Summarises a V8 CPU profile (.cpuprofile, from `node --cpu-prof`): where the time went,
 * by function (self) and by call path (inclusive), optionally only over its last N seconds
 * so that start-up and demo loading do not drown the load test.
 *
 *   npx tsx bench/lib/profile.ts /tmp/prof/CPU.*.cpuprofile [--last 20] [--top 40]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export function summariseProfile(profile: CpuProfile, opts: { lastSeconds?: number; top?: number } = {}): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const from = opts.lastSeconds ? profile.endTime - opts.lastSeconds * 1e6 : -Infinity;
  const timeIn = new Map<number, number>();
  let ts = profile.startTime;
  profile.samples.forEach((id, i) => {
    ts += profile.timeDeltas[i] ?? 0;
    if (ts >= from) timeIn.set(id, (timeIn.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const label = (c: CallFrame) =>
    `${c.functionName || '(anonymous)'} ${c.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/')}${c.url ? `:${c.lineNumber + 1}` : ''}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, t] of timeIn) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += t;
      continue;
    }
    busy += t;
    self.set(label(frame), (self.get(label(frame)) ?? 0) + t);
    const seen = new Set<string>();
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
      const l = label(byId.get(c)!.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + t);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, opts.top ?? 40)
      .map(([k, v]) => `${((v / busy) * 100).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return [
    `busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s${opts.lastSeconds ? ` (last ${opts.lastSeconds} s)` : ''}`,
    '',
    'self time',
    top(self),
    '',
    'inclusive time',
    top(inclusive),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { last: { type: 'string' }, top: { type: 'string' } } });
  if (!positionals[0]) {
    console.error('usage: npx tsx bench/lib/profile.ts FILE.cpuprofile [--last SECONDS] [--top N]');
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as CpuProfile;
  console.log(summariseProfile(profile, { lastSeconds: values.last ? Number(values.last) : undefined, top: values.top ? Number(values.top) : undefined }));
}
