import {
  ConnectionError, DatabaseError, DeadlockError, ForeignKeyConstraintError, InscribeError,
  SerializationError, TimeoutError, UniqueConstraintError, ValidationError,
} from './inscribe-error';

/** The fields node-postgres and PGlite put on a server error. */
interface PgErrorLike {
  message?: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** Maps an attribute's column back to its name, for messages; supplied by the caller. */
export type ColumnNamer = (column: string) => string | undefined;

/**
 * SQLSTATEs of a statement that mean the session is gone or was never usable: class 08
 * (connection exception), class 28 (invalid authorization), 53300 (too many connections),
 * 57P01–57P05 (terminated by an administrator, crash, startup/shutdown, database dropped,
 * idle-session timeout) and 25P03 (idle-in-transaction timeout, which ends the session).
 * 3D000 (no such database) is a ConnectionError when connecting, but a DatabaseError from a
 * statement such as DROP DATABASE of a missing one. Any error while connecting, whatever
 * its code, is a ConnectionError (see `connectionFailure`).
 */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '57P04', '57P05', '53300', '25P03']);
const CONNECTION_CLASSES = new Set(['08', '28']);
/** pg's own messages for a connection that broke or never opened (these errors have no code). */
const CONNECTION_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|connection error|not queryable|ECONNREFUSED|ECONNRESET/i;
/** Node socket errors (errno codes, never SQLSTATEs even when five capital letters, like EPIPE). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The SQLSTATE of an error the server sent, or undefined. Node's system errors also put
 * a `code` on the error (EPIPE is five capital letters too); they carry `syscall`/`errno`.
 */
export function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; errno?: unknown } | null;
  if (e === null || typeof e !== 'object' || typeof e.code !== 'string') return undefined;
  if (typeof e.syscall === 'string' || typeof e.errno === 'number' || SOCKET_ERRORS.has(e.code)) return undefined;
  return SQLSTATE.test(e.code) ? e.code : undefined;
}

/** Hints for the usual reasons a connection cannot be opened, by SQLSTATE or Node errno code. */
const CONNECT_HINTS: Record<string, string> = {
  '28P01': 'Check the user name and password.',
  '28000': 'Check the user name, and that pg_hba.conf lets it connect from here.',
  '3D000': 'Create the database, or fix its name.',
  '53300': 'The server has no connection slot left: lower pool.max, or raise max_connections (or the role\'s CONNECTION LIMIT).',
  '57P03': 'The server is starting up, shutting down or in recovery: retry shortly.',
  ECONNREFUSED: 'Is PostgreSQL running and listening on that host and port?',
  ENOTFOUND: 'The host name does not resolve: check the host.',
  EAI_AGAIN: 'The host name could not be resolved right now: check DNS and the host.',
};

/**
 * A failure to open (or take) a connection, whatever the driver said: a ConnectionError
 * naming the target (never the password), the reason, the SQLSTATE when the server sent
 * one, and what to check. `target` is the password-free display form of the connection.
 */
export function connectionFailure(err: unknown, target: string, timeoutMillis?: number): ConnectionError {
  if (err instanceof ConnectionError) return err;
  const e = (err ?? {}) as { message?: unknown; code?: unknown };
  const code = sqlStateOf(err);
  const errno = typeof e.code === 'string' && code === undefined ? e.code : undefined;
  let reason = typeof e.message === 'string' ? e.message : String(err);
  let hint = CONNECT_HINTS[code ?? errno ?? ''] ?? '';
  if (/connection timeout|timeout expired/i.test(reason)) {
    reason = `no answer within ${timeoutMillis ?? '?'} ms (pool.acquireTimeoutMillis)`;
    hint = 'Check the host, the port and the network: a firewall that drops packets looks like this.';
  }
  const out = new ConnectionError(`Cannot connect to ${target}: ${reason}${code ? ` (SQLSTATE ${code})` : ''}.${hint ? ' ' + hint : ''}`, { cause: err });
  out.code = code ?? errno;
  return out;
}

/**
 * The one place a driver error becomes an Inscribe error. Created inside the awaiting
 * async function, so the stack leads back through the caller's frames.
 */
export function convertError(err: unknown, sql: string, parameters: readonly unknown[], modelName?: string, columnName?: ColumnNamer, uniqueMessage?: (constraint: string) => string | undefined): InscribeError {
  if (err instanceof InscribeError) {
    // Raised by a driver (pool exhausted, client-side timeout): give it the statement too.
    if (err.sql === undefined) {
      err.sql = sql;
      err.parameters = parameters;
    }
    return err;
  }
  const e = (err ?? {}) as PgErrorLike;
  const code = sqlStateOf(err);
  const otherCode = code === undefined && typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  let out: InscribeError;
  if (code === undefined) {
    const lost = (otherCode !== undefined && SOCKET_ERRORS.has(otherCode)) || CONNECTION_MESSAGE.test(message);
    out = lost ? new ConnectionError(`Connection error: ${message}`, { cause: err }) : new DatabaseError(message, { cause: err });
    out.sql = sql;
    out.parameters = parameters;
    out.code = otherCode;
    return out;
  }
  if (CONNECTION_CLASSES.has(code.slice(0, 2)) || CONNECTION_CODES.has(code)) {
    out = new ConnectionError(`Connection error (SQLSTATE ${code}): ${message}`, { cause: err });
  } else if (code === '23505') {
    out = uniqueViolation(message, e, err, modelName, uniqueMessage);
  } else if (code === '23503') {
    out = fill(new ForeignKeyConstraintError(withDetail(message, e), { cause: err }), e);
  } else if (code === '23502' || code === '22P02' || code === '22003' || code === '22021' || code === '22007' || code === '22008' || code === '22001') {
    const attribute = e.column ? (columnName?.(e.column) ?? e.column) : undefined;
    const where = attribute ? `${modelName ? modelName + '.' : ''}${attribute}: ` : '';
    out = new ValidationError(`${where}${message}`, [{ model: modelName, attribute, message }], { cause: err });
  } else if (code === '57014') {
    out = fill(new TimeoutError(message, { cause: err }), e);
  } else if (code === '40P01') {
    out = fill(new DeadlockError(message, { cause: err }), e);
    out.retryable = true;
  } else if (code === '40001') {
    out = fill(new SerializationError(message, { cause: err }), e);
    out.retryable = true;
  } else if (code === '42601' && parameters.length > 0 && /multiple commands/.test(message)) {
    out = fill(new DatabaseError(`${message}: bound parameters work with one statement per call. Run each statement in its own db.query.`, { cause: err }), e);
  } else {
    out = fill(new DatabaseError(message, { cause: err }), e);
  }
  out.sql = sql;
  out.parameters = parameters;
  out.code = code;
  return out;
}

/**
 * A UniqueConstraintError with Sequelize's `fields` and `errors`, parsed from PostgreSQL's
 * detail (`Key (a, b)=(1, x) already exists.`; values split on ", " as Sequelize does). The
 * message is the constraint's `unique: { msg }` when the model gave one.
 */
function uniqueViolation(message: string, e: PgErrorLike, err: unknown, modelName: string | undefined, uniqueMessage: ((constraint: string) => string | undefined) | undefined): UniqueConstraintError {
  const msg = e.constraint !== undefined ? uniqueMessage?.(e.constraint) : undefined;
  const out = fill(new UniqueConstraintError(msg ?? withDetail(message, e), { cause: err }), e);
  const match = e.detail?.replace(/"/g, '').match(/Key \((.*?)\)=\((.*)\) already exists/);
  if (match) {
    const columns = match[1].split(', ');
    const values = match[2].split(', ');
    columns.forEach((c, i) => {
      const value = columns.length === values.length ? values[i] : i === 0 ? match[2] : '';
      out.fields[c] = value;
      out.errors.push({ model: modelName, path: c, attribute: c, message: msg ?? `${c} must be unique`, value, type: 'unique violation', validatorKey: 'not_unique' });
    });
  }
  return out;
}

function withDetail(message: string, e: PgErrorLike): string {
  return e.detail ? `${message} (${e.detail})` : message;
}

function fill<T extends DatabaseError>(out: T, e: PgErrorLike): T {
  out.detail = e.detail;
  out.constraint = e.constraint;
  out.table = e.table;
  out.column = e.column;
  return out;
}
