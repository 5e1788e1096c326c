/**
 * The root of every error Inscribe throws. Errors that come from a statement carry the
 * statement (`sql`), its bound `parameters`, the PostgreSQL SQLSTATE `code` and the
 * driver error as `cause`, so a failure can be reproduced from the error alone.
 */
export class InscribeError extends Error {
  sql?: string;
  parameters?: readonly unknown[];
  code?: string;
  /** True when retrying the same work may succeed (deadlock, serialization failure). */
  retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database could not be reached, the connection was lost, or the Database is closed. */
export class ConnectionError extends InscribeError {}

/**
 * Every pooled connection stayed busy for acquireTimeoutMillis, so the server was never
 * asked. Distinct from "cannot connect" (a plain ConnectionError: the server did not answer).
 */
export class PoolExhaustedError extends ConnectionError {
  constructor(readonly max: number, readonly waiting: number, readonly waitedMillis: number, cause?: unknown) {
    super(
      `The connection pool is exhausted: all ${max} connection${max === 1 ? '' : 's'} (pool.max) stayed busy for ${waitedMillis} ms (pool.acquireTimeoutMillis) ` +
        `and ${waiting} other call${waiting === 1 ? ' is' : 's are'} still waiting. The server was not asked. Release held connections ` +
        '(finish or roll back transactions), raise pool.max, or raise pool.acquireTimeoutMillis.',
      { cause },
    );
  }
}

/** A call on a Database (or one of its models) after `db.close()`. */
export class DatabaseClosedError extends ConnectionError {
  constructor() {
    super('This Database is closed: db.close() was called. Create a new Database to connect again.');
  }
}

/** A model or decorator definition that cannot work (raised when the model is registered). */
export class DefinitionError extends InscribeError {}

/** A call with an option or argument that makes no sense (caught before any SQL is sent). */
export class UsageError extends InscribeError {}

/**
 * A destructive schema call (`sync({ force })`, `sync({ alter: { drop: true } })`, `drop()`)
 * refused because NODE_ENV is `production` and it has no `match` guard (nor the explicit
 * `allowInProduction: true`). Nothing was sent to the database.
 */
export class ProductionGuardError extends UsageError {}

/** A statement failed in PostgreSQL. */
export class DatabaseError extends InscribeError {
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/**
 * SQLSTATE 23505. As Sequelize gives them: `fields` maps each column of the violated key to
 * the value PostgreSQL reported (`{ email: 'a@x.io' }`), and `errors` has one item per
 * column (`type: 'unique violation'`, `validatorKey: 'not_unique'`, `path` the column), whose
 * message is the attribute's `unique: { msg }` or "<column> must be unique".
 */
export class UniqueConstraintError extends DatabaseError {
  fields: Record<string, string> = {};
  errors: ValidationErrorItem[] = [];
}
export class ForeignKeyConstraintError extends DatabaseError {}
/**
 * `statement_timeout` or a cancelled query (SQLSTATE 57014, the connection is kept), or
 * no answer within the client-side `queryTimeout` (no code; that connection is destroyed).
 */
export class TimeoutError extends DatabaseError {}
/** SQLSTATE 40P01; retryable. */
export class DeadlockError extends DatabaseError {}
/** SQLSTATE 40001; retryable. */
export class SerializationError extends DatabaseError {}

/**
 * A transaction used wrongly: a statement, commit or rollback after it ended (committed,
 * rolled back or timed out), or a transaction of another Database.
 */
export class TransactionError extends InscribeError {}

/** A query that must find a row (`rejectOnEmpty`, `reload()`) found none. */
export class EmptyResultError extends InscribeError {}

/**
 * One bad value: which model and attribute, what was wrong, and which check refused it.
 * The fields are Sequelize's (`message`, `type`, `path`, `value`, `validatorKey`,
 * `instance`); `attribute` is the same as `path`, kept for code written before `path`.
 */
export interface ValidationErrorItem {
  model?: string;
  /** The attribute's name. */
  path?: string;
  /** Same as `path`. */
  attribute?: string;
  message: string;
  value?: unknown;
  /** Sequelize's kind: 'notNull Violation', 'Validation error', 'unique violation', 'string violation'. */
  type?: string;
  /** The validator that refused the value: `isEmail`, `len`, `notNull`, a custom function's name, `type`. */
  validatorKey?: string;
  /** The instance being validated, when there is one. */
  instance?: unknown;
}

/**
 * A value was refused: a validator, the wrong JS type for its column, null into NOT NULL,
 * an unknown attribute, or PostgreSQL rejecting the value (SQLSTATE 22xxx / 23502).
 * Nothing was sent when the refusal came from Inscribe itself.
 */
export class ValidationError extends InscribeError {
  readonly errors: ValidationErrorItem[];
  constructor(message: string, errors: ValidationErrorItem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    // One place keeps `path` and its older name `attribute` in step.
    for (const e of errors) {
      if (e.path === undefined && e.attribute !== undefined) e.path = e.attribute;
      else if (e.attribute === undefined && e.path !== undefined) e.attribute = e.path;
    }
    this.errors = errors;
  }
  /** The first offending attribute, when known. */
  get attribute(): string | undefined {
    return this.errors[0]?.path;
  }
  get model(): string | undefined {
    return this.errors[0]?.model;
  }
  /** Sequelize's `get(path)`: the items about one attribute. */
  get(path: string): ValidationErrorItem[] {
    return this.errors.filter((e) => e.path === path);
  }
}

/** A key that the model does not have, in values, `where`, `order` or `attributes`. */
export class UnknownAttributeError extends ValidationError {}
