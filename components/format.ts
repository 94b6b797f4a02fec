export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export function formatCost(usd: number): string {
  if (usd === 0) return "Free";
  // Model calls cost fractions of a cent: show enough digits that a single still does not read "$0.00".
  return usd < 0.1 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(2)}`;
}

export function formatRelativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
}

/** "Next in line" / "3 jobs ahead": where a job waits while every worker slot is busy. */
export function formatQueuePosition(position: number): string {
  const ahead = position - 1;
  if (ahead === 0) return "Next in line for a free worker";
  return `Waiting for a free worker · ${ahead} ${ahead === 1 ? "job" : "jobs"} ahead`;
}

/** "312 KB", "4.2 MB", "120 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
