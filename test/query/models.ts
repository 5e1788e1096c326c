// Models shared by the query tests. A Database that is never queried opens no connection,
// so the pure compiler tests use these definitions without a server.
import { DataTypes, Database } from '../../src/index';
import type { DefinedModel } from '../../src/index';

/** A model with one attribute of each kind the where compiler treats differently. */
export function definePerson(db: Database): DefinedModel {
  return db.define('Person', {
    name: { type: DataTypes.STRING, allowNull: false },
    bio: DataTypes.TEXT,
    age: DataTypes.INTEGER,
    score: DataTypes.FLOAT,
    balance: DataTypes.DECIMAL(10, 2),
    big: DataTypes.BIGINT,
    active: DataTypes.BOOLEAN,
    born: DataTypes.DATEONLY,
    seen: DataTypes.DATE,
    token: DataTypes.UUID,
    meta: DataTypes.JSONB,
    raw: DataTypes.JSON,
    mood: DataTypes.ENUM('happy', 'sad', "it's; complicated"),
    tags: DataTypes.ARRAY(DataTypes.TEXT),
    firstName: { type: DataTypes.STRING, field: 'first_name' },
  }, { timestamps: true });
}

/** A detached definition (no connection is ever opened). */
export function personDefinition() {
  const db = new Database('pglite://memory');
  return definePerson(db).definition;
}
