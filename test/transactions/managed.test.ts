import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Transaction, TransactionError, UniqueConstraintError, UsageError } from '../../src/index';
import { forEachDriver } from '../support/harness';

forEachDriver('transactions: managed and unmanaged', (t) => {
  /** Registered for the server only (PGlite has one connection): never a vacuous pass on PGlite. */
  const onServer = (name: string, fn: () => Promise<void>) => {
    if (t.driver === 'pg') it(name, fn);
  };
  const define = () => t.db.define('Account', {
    email: { type: DataTypes.STRING, unique: true },
    balance: { type: DataTypes.INTEGER, defaultValue: 0 },
  });

  const rows = async () => (await t.db.query<{ email: string; balance: number }>('SELECT email, balance FROM "Accounts" ORDER BY email', { transaction: null }));

  it('a managed transaction commits on return; model calls inside join it on their own', async () => {
    const Account = define();
    await Account.sync({ force: true });
    t.log.length = 0;
    const out = await t.db.transaction(async (tx) => {
      assert.ok(tx instanceof Transaction);
      const a = await Account.create({ email: 'a@x' });
      await a.increment('balance', { by: 5, transaction: tx });
      // Inside: the uncommitted row is seen (on PGlite this would wait forever if count ran outside).
      assert.equal(await Account.count(), 1);
      assert.equal((await Account.findAll()).length, 1);
      return 'done';
    });
    assert.equal(out, 'done', 'returns the callback value');
    assert.equal(t.log[0].startsWith('BEGIN'), true);
    assert.equal(t.log[t.log.length - 1], 'COMMIT');
    assert.deepEqual(await rows(), [{ email: 'a@x', balance: 5 }]);
  });

  it('a throw rolls back and rethrows the original error; zero rows remain', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const boom = new Error('boom');
    const err = await t.db.transaction(async () => {
      await Account.create({ email: 'b@x' });
      await Account.bulkCreate([{ email: 'c@x' }, { email: 'd@x' }]);
      await Account.update({ balance: 3 }, { where: { email: 'b@x' } });
      throw boom;
    }).catch((e) => e);
    assert.equal(err, boom, 'the very error thrown inside');
    assert.equal(t.log[t.log.length - 1], 'ROLLBACK');
    assert.deepEqual(await rows(), []);
  });

  it('a unique violation inside rolls back everything written before it', async () => {
    const Account = define();
    await Account.sync({ force: true });
    await Account.create({ email: 'taken@x' });
    await assert.rejects(t.db.transaction(async () => {
      await Account.create({ email: 'new@x' });
      await Account.create({ email: 'taken@x' });
    }), UniqueConstraintError);
    assert.deepEqual((await rows()).map((r) => r.email), ['taken@x']);
  });

  // Server only: PGlite has one connection: there is no "other" to look from
  onServer('commit is visible to another connection only after COMMIT', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const other = t.connect();
    try {
      const tx = await t.db.transaction();
      await Account.create({ email: 'e@x' }, { transaction: tx });
      assert.deepEqual(await other.query('SELECT count(*)::int AS n FROM "Accounts"'), [{ n: 0 }], 'not visible before commit');
      assert.equal(await Account.count({ transaction: tx }), 1, 'visible inside');
      assert.equal(await Account.count({ transaction: null }), 0, 'transaction: null runs outside it');
      await tx.commit();
      assert.deepEqual(await other.query('SELECT count(*)::int AS n FROM "Accounts"'), [{ n: 1 }]);
    } finally {
      await other.close();
    }
  });

  it('unmanaged: commit and rollback; a finished transaction is a TransactionError everywhere', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const t1 = await t.db.transaction();
    await Account.create({ email: 'f@x' }, { transaction: t1 });
    await t1.commit();
    assert.equal(t1.finished, true);
    assert.equal(t1.state, 'committed');
    await assert.rejects(t1.commit(), TransactionError);
    await assert.rejects(t1.rollback(), TransactionError);
    await assert.rejects(Account.create({ email: 'g@x' }, { transaction: t1 }), TransactionError);
    await assert.rejects(Account.findAll({ transaction: t1 }), TransactionError);
    await assert.rejects(t.db.query('SELECT 1', { transaction: t1 }), TransactionError);
    assert.throws(() => t1.afterCommit(() => undefined), TransactionError);

    const t2 = await t.db.transaction();
    await Account.create({ email: 'h@x' }, { transaction: t2 });
    await t2.rollback();
    assert.equal(t2.state, 'rolled back');
    await assert.rejects(t2.rollback(), TransactionError);
    assert.deepEqual((await rows()).map((r) => r.email), ['f@x']);
  });

  it('committing twice at once runs COMMIT once and never releases the connection twice', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const tx = await t.db.transaction();
    await Account.create({ email: 'twice@x' }, { transaction: tx });
    t.log.length = 0;
    const results = await Promise.allSettled([tx.commit(), tx.commit(), tx.rollback()]);
    assert.equal(results[0].status, 'fulfilled');
    assert.ok(results.slice(1).every((r) => r.status === 'rejected' && r.reason instanceof TransactionError));
    assert.deepEqual(t.log.filter((s) => /^(COMMIT|ROLLBACK)/.test(s)), ['COMMIT']);
    // The pool still works for many callers (a double release would break it).
    await Promise.all(Array.from({ length: 20 }, () => Account.count()));
    assert.deepEqual((await rows()).map((r) => r.email), ['twice@x']);
  });

  it('nested db.transaction is a SAVEPOINT: an inner rollback keeps the outer work', async () => {
    const Account = define();
    await Account.sync({ force: true });
    t.log.length = 0;
    await t.db.transaction(async (outer) => {
      await Account.create({ email: 'outer@x' });
      await t.db.transaction(async (inner) => {
        assert.equal(inner.parent, outer);
        await Account.create({ email: 'inner-kept@x' });
      });
      await assert.rejects(t.db.transaction(async () => {
        await Account.create({ email: 'inner-lost@x' });
        throw new Error('inner fails');
      }), /inner fails/);
      // Even a failed statement inside a savepoint leaves the outer transaction usable.
      await assert.rejects(t.db.transaction(() => Account.create({ email: 'outer@x' })), UniqueConstraintError);
      assert.equal(await Account.count(), 2);
    });
    assert.deepEqual((await rows()).map((r) => r.email), ['inner-kept@x', 'outer@x']);
    const control = t.log.filter((s) => /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/.test(s));
    assert.deepEqual(control, [
      'BEGIN', 'SAVEPOINT inscribe_sp_0', 'RELEASE SAVEPOINT inscribe_sp_0', 'SAVEPOINT inscribe_sp_1', 'ROLLBACK TO SAVEPOINT inscribe_sp_1',
      'SAVEPOINT inscribe_sp_2', 'ROLLBACK TO SAVEPOINT inscribe_sp_2', 'COMMIT',
    ]);
  });

  it('nested savepoints started at once run one after another on the shared connection', async () => {
    const Account = define();
    await Account.sync({ force: true });
    await t.db.transaction(async () => {
      await Promise.all(['p@x', 'q@x', 'r@x'].map((email, i) => t.db.transaction(async () => {
        await Account.create({ email });
        if (i === 1) throw new Error('only q fails');
      }).catch(() => undefined)));
    });
    assert.deepEqual((await rows()).map((r) => r.email), ['p@x', 'r@x']);
  });

  it('afterCommit runs after COMMIT only; a rolled-back savepoint drops its callbacks', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const seen: string[] = [];
    await t.db.transaction(async (tx) => {
      tx.afterCommit(async () => {
        seen.push(`outer sees ${await Account.count()}`); // runs after COMMIT, outside the transaction
      });
      await Account.create({ email: 'ac@x' });
      await t.db.transaction(async (sp) => sp.afterCommit(() => seen.push('kept savepoint')));
      await t.db.transaction(async (sp) => {
        sp.afterCommit(() => seen.push('rolled-back savepoint'));
        throw new Error('x');
      }).catch(() => undefined);
      assert.deepEqual(seen, [], 'nothing runs before the commit');
    });
    assert.deepEqual(seen, ['outer sees 1', 'kept savepoint']);
    await t.db.transaction(async (tx) => {
      tx.afterCommit(() => seen.push('never'));
      throw new Error('rollback');
    }).catch(() => undefined);
    assert.deepEqual(seen, ['outer sees 1', 'kept savepoint']);
  });

  it('isolationLevel and readOnly reach the server', async () => {
    const levels = await t.db.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE, readOnly: true }, async () => t.db.query<{ transaction_isolation: string }>('SHOW transaction_isolation'));
    assert.deepEqual(levels, [{ transaction_isolation: 'serializable' }]);
    const Account = define();
    await Account.sync({ force: true });
    await assert.rejects(t.db.transaction({ readOnly: true }, () => Account.create({ email: 'ro@x' })), (e: Error & { code?: string }) => e.code === '25006');
    assert.deepEqual(await rows(), []);
  });

  it('bad options are refused before BEGIN', async () => {
    t.log.length = 0;
    await assert.rejects(t.db.transaction({ isolationLevel: 'SNAPSHOT' } as never, async () => 1), UsageError);
    await assert.rejects(t.db.transaction({ timeout: -1 }, async () => 1), UsageError);
    await assert.rejects(t.db.transaction({ retry: { max: 0 } }, async () => 1), UsageError);
    await assert.rejects(t.db.transaction({ isolation: 'x' } as never, async () => 1), /unknown option "isolation"/);
    await assert.rejects(t.db.transaction({ retry: { max: 2 } }), /needs one/);
    await assert.rejects(t.db.transaction(async () => t.db.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE }, async () => 1)), /nested/);
    assert.deepEqual(t.log.filter((s) => s !== 'BEGIN' && s !== 'ROLLBACK'), []);
  });

  it('a transaction of another Database is refused', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const other = t.connect(); // on PGlite, another Database on the same instance
    try {
      const foreign = await other.transaction();
      await assert.rejects(Account.count({ transaction: foreign }), /belongs to another Database/);
      await foreign.rollback();
    } finally {
      await other.close();
    }
  });

  it('lock outside a transaction, and contradictory lock options, are refused before any SQL', async () => {
    const Account = define();
    await Account.sync({ force: true });
    t.log.length = 0;
    await assert.rejects(Account.findAll({ lock: true }), /lock needs a transaction/);
    await assert.rejects(t.db.transaction(() => Account.findAll({ lock: true, skipLocked: true, noWait: true })), /cannot be used together/);
    await assert.rejects(t.db.transaction(() => Account.findAll({ lock: 'EXCLUSIVE' as never })), /Transaction.LOCK/);
    await assert.rejects(t.db.transaction(() => Account.findAll({ skipLocked: true })), /go with a lock/);
    assert.deepEqual(t.log.filter((s) => !/^(BEGIN|ROLLBACK)/.test(s)), []);
  });

  it('finders send FOR UPDATE / FOR SHARE / SKIP LOCKED / NOWAIT inside a transaction', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const a = await Account.create({ email: 'l@x' });
    t.log.length = 0;
    await t.db.transaction(async () => {
      await Account.findByPk(a.id, { lock: true });
      await Account.findOne({ where: { email: 'l@x' }, lock: Transaction.LOCK.SHARE, skipLocked: true });
      await Account.findAll({ lock: Transaction.LOCK.NO_KEY_UPDATE, noWait: true });
      await Account.findAll({ lock: Transaction.LOCK.KEY_SHARE });
    });
    const selects = t.log.filter((s) => s.startsWith('SELECT'));
    assert.match(selects[0], / FOR UPDATE$/);
    assert.match(selects[1], / LIMIT \$2 FOR SHARE SKIP LOCKED$/);
    assert.match(selects[2], / FOR NO KEY UPDATE NOWAIT$/);
    assert.match(selects[3], / FOR KEY SHARE$/);
  });

  it('findOrCreate inside a transaction: a failed INSERT (savepoint) leaves the transaction usable', async () => {
    const Model = t.db.define('Handle', { email: { type: DataTypes.STRING, unique: true }, nick: { type: DataTypes.STRING, unique: true } });
    await Model.sync({ force: true });
    await Model.create({ email: 'one@x', nick: 'taken' });
    await t.db.transaction(async () => {
      await assert.rejects(Model.findOrCreate({ where: { email: 'two@x' }, defaults: { nick: 'taken' } }), UniqueConstraintError);
      const [found, created] = await Model.findOrCreate({ where: { email: 'one@x' } });
      assert.equal(created, false);
      assert.equal(found.nick, 'taken');
      const [made, createdNow] = await Model.findOrCreate({ where: { email: 'three@x' }, defaults: { nick: 'free' } });
      assert.equal(createdNow, true);
      assert.equal(made.isNewRecord, false);
    });
    assert.deepEqual(await t.db.query('SELECT email FROM "Handles" ORDER BY email'), [{ email: 'one@x' }, { email: 'three@x' }]);
  });

  it('{ transaction: t } reaches every call: nothing survives the rollback, and PGlite never waits on itself', async () => {
    const Account = define();
    await Account.sync({ force: true });
    const kept = await Account.create({ email: 'kept@x', balance: 1 });
    const t1 = await t.db.transaction();
    const o = { transaction: t1 };
    const a = await Account.create({ email: 'a@x' }, o);
    await a.update({ balance: 2 }, o);
    await a.increment('balance', o);
    await a.reload(o);
    await Account.bulkCreate([{ email: 'b@x' }, { email: 'c@x' }], o);
    await Account.upsert({ email: 'd@x', balance: 4 }, { ...o, conflictFields: ['email'] });
    await Account.findOrCreate({ where: { email: 'e@x' }, ...o });
    await Account.update({ balance: 9 }, { where: { email: 'b@x' }, ...o });
    await Account.increment('balance', { where: { email: 'kept@x' }, ...o });
    await Account.destroy({ where: { email: 'c@x' }, ...o });
    const k = (await Account.findByPk(kept.id, o))!;
    await k.destroy(o);
    assert.equal(await Account.count(o), 4, 'a, b, d, e: c and kept were destroyed');
    assert.equal((await Account.findAll(o)).length, 4);
    assert.equal((await Account.findOne({ where: { email: 'd@x' }, ...o }))!.balance, 4);
    assert.deepEqual(await t.db.query('SELECT count(*)::int AS n FROM "Accounts"', o), [{ n: 4 }]);
    await t1.rollback();
    assert.deepEqual(await rows(), [{ email: 'kept@x', balance: 1 }], 'every statement ran inside the rolled-back transaction');
  });

  it('sync and db.query take the transaction too (DDL rolls back with it)', async () => {
    const Temp = t.db.define('TxTemp', { name: DataTypes.STRING });
    await assert.rejects(t.db.transaction(async (tx) => {
      await Temp.sync({ transaction: tx });
      await t.db.query('INSERT INTO "TxTemps" (name, "createdAt", "updatedAt") VALUES ($1, now(), now())', { bind: ['x'] });
      assert.deepEqual(await t.db.query('SELECT name FROM "TxTemps"'), [{ name: 'x' }]);
      throw new Error('undo');
    }), /undo/);
    assert.deepEqual(await t.db.query(`SELECT to_regclass('"TxTemps"') AS t`), [{ t: null }], 'the table was rolled back too');
  });
});
