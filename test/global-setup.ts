import { chromiumAvailable, isCI, javaAvailable, postgresAvailable, CHROMIUM, PG_ADMIN_URL } from './environment.ts';
import { nginxBinary } from './cluster.ts';

function banner(lines: string[]) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join('\n')}\n${bar}\n`);
}

/** Says loudly which suites cannot run here; in CI a missing suite is a failure. */
export default async function setup() {
  const missing: string[] = [];
  const hasPg = await postgresAvailable();
  if (!hasPg) missing.push(`PostgreSQL is not reachable at ${PG_ADMIN_URL}: the PostgreSQL half of every database test is SKIPPED.`);
  if (!chromiumAvailable()) missing.push(`Chromium is not at ${CHROMIUM}: the browser tests in e2e/ are SKIPPED.`);
  if (!javaAvailable()) missing.push('Java is not installed (apt-get install default-jre-headless): the HTML validity suite (Nu checker) in e2e/ is SKIPPED.');
  if (!nginxBinary()) missing.push('nginx is not installed (apt-get install nginx-light): the load-balancer test (test/cluster.test.ts) is SKIPPED.');
  process.env.PALABRE_TEST_PG = hasPg ? '1' : '0';
  if (missing.length) {
    banner(['SUITES SKIPPED', ...missing, isCI ? 'CI=true: this run FAILS.' : 'Install them to run the whole suite (see README).']);
    if (isCI) throw new Error(`Test suites skipped in CI:\n${missing.join('\n')}`);
  }
}
