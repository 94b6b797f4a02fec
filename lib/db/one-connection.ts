import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

/** A first-come lock: `acquire` resolves with the function that lets the next one in. */
function createLock() {
  let tail = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const ready = tail.then(() => release);
      tail = tail.then(() => turn);
      return ready;
    },
  };
}

/**
 * The better-sqlite3 adapter has one connection per process and only keeps transactions apart from each other:
 * a query made outside a transaction while another request's transaction is open runs inside it, sees its
 * uncommitted rows, and is undone with it when it rolls back (a refused reservation would take a ledger write of
 * a running job along). Here every statement outside a transaction waits for the open one to end.
 */
function oneStatementAtATime(inner: SqlDriverAdapter): SqlDriverAdapter {
  const lock = createLock();
  const alone = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => alone(() => inner.queryRaw(query)),
    executeRaw: (query) => alone(() => inner.executeRaw(query)),
    executeScript: (script) => alone(() => inner.executeScript(script)),
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
    async startTransaction(isolationLevel): Promise<Transaction> {
      const release = await lock.acquire();
      try {
        const tx = await inner.startTransaction(isolationLevel);
        let open = true;
        const end = async (finish: () => Promise<void>) => {
          try {
            await finish();
          } finally {
            if (open) release();
            open = false;
          }
        };
        return {
          provider: tx.provider,
          adapterName: tx.adapterName,
          options: tx.options,
          queryRaw: (query) => tx.queryRaw(query),
          executeRaw: (query) => tx.executeRaw(query),
          commit: () => end(() => tx.commit()),
          rollback: () => end(() => tx.rollback()),
        };
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

export function withOneStatementAtATime(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => oneStatementAtATime(await factory.connect()),
    connectToShadowDb: async () => oneStatementAtATime(await factory.connectToShadowDb()),
  };
}
