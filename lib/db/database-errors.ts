/** The database cannot be used right now; the message says why and what to do, for a person at a terminal. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === "string" && code.startsWith("SQLITE_")) return code;
  return cause === undefined ? undefined : codeOf(cause);
};

// Prisma reports the adapter's SQLITE_BUSY as a timeout ("SocketTimeout", P1008) without the SQLite code.
const isPrismaTimeout = (error: unknown) =>
  error instanceof Error && (/SocketTimeout/.test(error.message) || (error as { code?: unknown }).code === "P1008");

/** A sentence for the failures a person can act on (busy, read-only, missing, damaged, full), else null. */
export function describeSqliteFailure(error: unknown, file: string): string | null {
  const code = codeOf(error) ?? (isPrismaTimeout(error) ? "SQLITE_BUSY" : undefined);
  if (!code) return null;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return (
      `The database ${file} is busy: another process kept it locked for longer than this command waits. ` +
      "Try again in a moment; if it stays busy, look for a stuck process with `fuser -v " +
      `${file}\` (a running Storyreel server or worker is fine and never holds it this long).`
    );
  }
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_PERM")) {
    return `The database ${file} cannot be written by this user: check the owner and permissions of it and of its folder.`;
  }
  if (code.startsWith("SQLITE_CANTOPEN")) {
    return `The database ${file} cannot be opened: check that its folder exists and that this user may write there (DATA_DIR).`;
  }
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") {
    return `The file ${file} is not a healthy SQLite database: restore it from a backup.`;
  }
  if (code.startsWith("SQLITE_FULL")) return `The disk holding ${file} is full: free some space and try again.`;
  return null;
}
