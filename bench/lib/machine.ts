import os from 'node:os';

/** One line saying where a figure was measured: figures from different machines do not compare. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  return `${model}, ${cpus.length} cores (${os.availableParallelism()} available), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The 1-minute load average against the core count: above the core count, figures are noisy. */
export function loadLine(): string {
  const [one] = os.loadavg();
  return `load average ${one.toFixed(1)} on ${os.cpus().length} cores`;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
