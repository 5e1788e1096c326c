/**
 * The benchmark schema, its seed data, and the values every check expects. The harness
 * owns the DDL (written by hand, not by any entry's sync) so every entry reads the same
 * tables: `users` (seeded once, never written) and `scratch` (reset before each write run).
 */
import { Pool } from 'pg';
import type { BenchRow, NewRow } from './entry';
import { createRelations } from './relations';

/** createdAt of seeded row i is BASE_TIME + i seconds (and updatedAt the same). */
export const BASE_TIME = Date.UTC(2024, 0, 1);

const columns = `
  "id" SERIAL PRIMARY KEY,
  "name" VARCHAR(255) NOT NULL,
  "email" VARCHAR(255) NOT NULL,
  "age" INTEGER NOT NULL,
  "score" DOUBLE PRECISION NOT NULL,
  "active" BOOLEAN NOT NULL,
  "createdAt" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "updatedAt" TIMESTAMPTZ NOT NULL DEFAULT now()`;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The values seeded row `i` (its id) holds. */
export function expectedUser(i: number): BenchRow {
  const t = new Date(BASE_TIME + i * 1000);
  return { id: i, name: `user-${i}`, email: `user${i}@example.com`, age: i % 90, score: i * 0.5, active: i % 2 === 0, createdAt: t, updatedAt: t };
}

/** Values for the k-th new row of a write workload. */
export function newRow(k: number): NewRow {
  return { name: `new-${k}`, email: `new${k}@example.com`, age: k % 70, score: k * 0.25, active: k % 3 === 0 };
}

/** Creates the schema and both tables and seeds `users` with `userCount` rows. */
export async function createSchema(admin: Pool, schema: string, userCount: number): Promise<void> {
  const s = quoteIdent(schema);
  await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await admin.query(`CREATE SCHEMA ${s}`);
  await admin.query(`CREATE TABLE ${s}."users" (${columns})`);
  await admin.query(`CREATE TABLE ${s}."scratch" (${columns})`);
  await admin.query(
    `INSERT INTO ${s}."users" ("name", "email", "age", "score", "active", "createdAt", "updatedAt")
     SELECT 'user-' || i, 'user' || i || '@example.com', i % 90, i * 0.5, i % 2 = 0,
            to_timestamp(${BASE_TIME / 1000} + i), to_timestamp(${BASE_TIME / 1000} + i)
     FROM generate_series(1, $1::int) AS i`,
    [userCount],
  );
  await admin.query(`ANALYZE ${s}."users"`);
  await createRelations(admin, schema);
}

/** Empties `scratch` and restarts its ids (not timed). */
export async function resetScratch(admin: Pool, schema: string): Promise<void> {
  await admin.query(`TRUNCATE ${quoteIdent(schema)}."scratch" RESTART IDENTITY`);
}

/**
 * Empties `scratch` and fills it with `count` rows (ids 1…count, age 10, score 0, dated
 * BASE_TIME) for the update, increment and destroy workloads. Returns the ids.
 */
export async function seedScratch(admin: Pool, schema: string, count: number): Promise<number[]> {
  await resetScratch(admin, schema);
  await admin.query(
    `INSERT INTO ${quoteIdent(schema)}."scratch" ("name", "email", "age", "score", "active", "createdAt", "updatedAt")
     SELECT 'scratch-' || i, 'scratch' || i || '@example.com', 10, 0, true, to_timestamp(${BASE_TIME / 1000}), to_timestamp(${BASE_TIME / 1000})
     FROM generate_series(1, $1::int) AS i`,
    [count],
  );
  await admin.query(`ANALYZE ${quoteIdent(schema)}."scratch"`);
  return Array.from({ length: count }, (_, i) => i + 1);
}

export async function dropSchema(admin: Pool, schema: string): Promise<void> {
  await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
}
