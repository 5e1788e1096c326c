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

const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node socket errors that mean the server could not be reached or went away. */
const CONNECTION_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|connection error|not queryable|ECONNREFUSED|ECONNRESET/i;
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/**
 * The one place a driver error becomes an Inscribe error. Created inside the awaiting
 * async function, so the stack leads back through the caller's frames.
 */
export function convertError(err: unknown, sql: string, parameters: readonly unknown[], modelName?: string, columnName?: ColumnNamer): InscribeError {
  if (err instanceof InscribeError) return err;
  const e = (err ?? {}) as PgErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(err);
  let out: InscribeError;
  const isSqlState = code !== undefined && /^[0-9A-Z]{5}$/.test(code);
  if (!isSqlState) {
    const lost = (code !== undefined && SOCKET_ERRORS.has(code)) || CONNECTION_MESSAGE.test(message);
    out = lost ? new ConnectionError(`Connection error: ${message}`, { cause: err }) : new DatabaseError(message, { cause: err });
  } else if (code!.startsWith('08') || CONNECTION_CODES.has(code!)) {
    out = new ConnectionError(`Connection lost (SQLSTATE ${code}): ${message}`, { cause: err });
  } else if (code === '23505') {
    out = fill(new UniqueConstraintError(withDetail(message, e), { cause: err }), e);
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
  } else {
    out = fill(new DatabaseError(message, { cause: err }), e);
  }
  out.sql = sql;
  out.parameters = parameters;
  out.code = code;
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
