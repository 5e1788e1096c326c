import { bindingOf } from '../instance/binding';
import { Op } from '../query/operators';
import { andWhere, ownKey } from './accessor-support';
import { JUNCTION } from './registry';
import type { AnyInstance, AnyModel } from './accessor-support';
import type { Association } from './types';

/**
 * `getTags(options)` / `countTags(options)` of a belongsToMany association: the junction
 * rows of this instance (filtered by `through.where`), then the targets they point at.
 * Each target carries its junction row under the through model's name, as in Sequelize
 * (`tag.PostTag.addedBy`); `joinTableAttributes` (or `through.attributes`) limits it.
 */
export async function loadThrough(a: Association, self: AnyInstance, options: Record<string, any>, what: string, counting: boolean): Promise<unknown> {
  const through = a.through as AnyModel;
  const target = a.target as AnyModel;
  const { through: t = {}, joinTableAttributes, ...rest } = options;
  // The junction read runs where the target read does: the same transaction, the same useMaster.
  const tx = { ...(rest.transaction === undefined ? {} : { transaction: rest.transaction }), ...(rest.useMaster === undefined ? {} : { useMaster: rest.useMaster }) };
  const junctionName = bindingOf(a.through!).definition.modelName;
  const attrs: string[] | undefined = joinTableAttributes ?? t.attributes;
  // The junction row attached reads only the attributes asked for (plus the pair, which matches rows).
  const junctionAttrs = attrs === undefined || counting ? undefined : [...new Set([...attrs, a.foreignKey, a.otherKey!])];
  const rows: AnyInstance[] = await through.findAll({ ...tx, ...(junctionAttrs === undefined ? {} : { attributes: junctionAttrs }), where: andWhere(t.where, { [a.foreignKey]: ownKey(self, a.sourceKey, what) }) });
  const keys = rows.map((r) => r[a.otherKey!]);
  if (counting) return keys.length === 0 ? 0 : target.count({ ...tx, where: andWhere(rest.where, { [a.targetKey]: { [Op.in]: keys } }) });
  if (keys.length === 0) return [];
  const found: AnyInstance[] = await target.findAll({ ...rest, where: andWhere(rest.where, { [a.targetKey]: { [Op.in]: keys } }) });
  if (attrs !== undefined && attrs.length === 0) return found;
  const byKey = new Map(rows.map((r) => [String(r[a.otherKey!]), r]));
  for (const f of found) {
    f[junctionName] = byKey.get(String(f[a.targetKey]));
    f[JUNCTION as unknown as string] = junctionName;
  }
  return found;
}
