import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** `host:pid:random`: who holds a lease or reports a breaker. The pid lets a restarted process on the same host see the owner is gone. */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Whether an owner id names a process on this host that no longer runs (killed, crashed). */
export function isDeadLocalOwner(owner: string | null): boolean {
  const [host, pidText] = (owner ?? "").split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}
