/** One line of progress for a terminal: a bar, the percentage, the stage and the time left when known. */
export function progressLine(job: { percent: number; stage: string; etaSeconds: number | null }, width = 24): string {
  const percent = Math.max(0, Math.min(100, Math.round(job.percent)));
  const filled = Math.round((percent / 100) * width);
  const left = job.etaSeconds != null && job.etaSeconds > 0 ? ` · about ${formatSeconds(job.etaSeconds)} left` : "";
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}%  ${job.stage}${left}`;
}

function formatSeconds(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/** Dollars as a person reads them: cents, or a tenth of a cent below one cent. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  return usd < 0.01 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(2)}`;
}
