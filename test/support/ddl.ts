/**
 * The DDL one sync ran, collected through sync's `logging` option: `sync()` resolves to the
 * model or the Database (as in Sequelize), so tests that assert the statements read them here.
 */
export async function ddlOf(target: { sync(options?: any): Promise<unknown> }, options: Record<string, unknown> = {}): Promise<string[]> {
  const seen: string[] = [];
  await target.sync({ ...options, logging: (sql: string) => seen.push(sql) });
  return seen.filter((s) => !s.endsWith(' -- failed'));
}
