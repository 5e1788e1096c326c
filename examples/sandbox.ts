/**
 * Where the examples put their tables. An example must never destroy data it did not
 * create, and both examples drop and recreate tables (`sync({ force: true })`, `drop()`):
 *
 * - On embedded PGlite (the default) the whole database is the example's own, in memory.
 * - On a server (DATABASE_URL set) the example creates a schema of its own, with a name no
 *   one else uses, puts every model in it (`define: { schema }`, so every statement names
 *   it: nothing falls through to a table of the same name in `public`), and drops that
 *   schema, and only that one, at the end, even when the example fails.
 *
 * `match` names the database the example connected to: the destructive calls say which
 * database they mean, as real code should (and as NODE_ENV=production requires).
 */
import { Database } from 'inscribe';

export interface Sandbox {
  readonly url: string;
  readonly embedded: boolean;
  /** Model defaults that put every model in the sandbox (empty on PGlite). */
  readonly define: { schema?: string };
  /** Matches exactly the database the example runs on. */
  readonly match: RegExp;
  /** Drops the sandbox schema (server only) and closes the admin connection. */
  close(): Promise<void>;
}

export async function openSandbox(url: string): Promise<Sandbox> {
  if (url.startsWith('pglite:')) {
    const db = new Database(url);
    const match = exactly(db.databaseName);
    await db.close();
    return { url, embedded: true, define: {}, match, close: async () => {} };
  }
  const admin = new Database(url);
  const schema = `inscribe_example_${process.pid}_${Date.now().toString(36)}`;
  // Plain CREATE SCHEMA (no IF NOT EXISTS): if the name were taken, this fails and the
  // example stops before touching anything, so the schema dropped at the end is ours.
  await admin.query(`CREATE SCHEMA "${schema}"`);
  return {
    url,
    embedded: false,
    define: { schema },
    match: exactly(admin.databaseName),
    close: async () => {
      try {
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      } finally {
        await admin.close();
      }
    },
  };
}

function exactly(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
