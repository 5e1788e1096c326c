/**
 * Quickstart: decorated models, create, dirty tracking, increment.
 * Runs on embedded PostgreSQL (PGlite) unless DATABASE_URL points at a server; there it
 * works in a schema of its own and drops only that (see sandbox.ts).
 *
 *   npm run example
 */
import { Column, DataTypes, Database, Default, Model, PrimaryKey, Table } from 'inscribe';
import { openSandbox } from './sandbox';

@Table
class User extends Model {
  @PrimaryKey @Default(DataTypes.UUIDV4) @Column(DataTypes.UUID) declare id: string;
  @Column({ allowNull: false }) declare firstName: string;
  @Column declare lastName: string;
  @Default(0) @Column declare age: number;
  @Column(DataTypes.JSONB) declare settings: { theme: string; tags: string[] };
  // Managed by the runtime (timestamps are on by default); declared only for TypeScript.
  declare createdAt: Date;

  getFullName(): string {
    return [this.firstName, this.lastName].join(' ');
  }
}

async function main(): Promise<void> {
  const sandbox = await openSandbox(process.env.DATABASE_URL ?? 'pglite://memory');
  const db = new Database(sandbox.url, { define: sandbox.define, models: [User], logging: (sql) => console.log(`  sql> ${sql}`) });
  try {
    console.log(`Connected to ${sandbox.embedded ? 'embedded PGlite' : `the PostgreSQL server, in the schema "${sandbox.define.schema}"`}`);
    await db.authenticate();
    await run(sandbox.match);
  } finally {
    await db.close();
    await sandbox.close();
  }
}

async function run(match: RegExp): Promise<void> {
  await User.sync({ force: true, match });

  const jane = await User.create({ firstName: 'Jane', lastName: 'Doe', settings: { theme: 'dark', tags: [] } });
  console.log(`Created ${jane.getFullName()} (id ${jane.id}, age ${jane.age}, createdAt ${jane.createdAt.toISOString()})`);

  jane.lastName = 'Austen';
  jane.settings.tags.push('author');
  console.log('Changed:', jane.changed());
  await jane.save();
  console.log('After save, changed:', jane.changed());

  await jane.increment({ age: 2 });
  console.log(`Age after increment: ${jane.age}`);

  await jane.save();
  console.log('A save with nothing changed sent no query.');

  await User.drop({ match });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
