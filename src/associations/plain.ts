import { extrasOf } from '../instance/extras';
import { JUNCTION, associationsOf } from './registry';

type Plain = Record<string, unknown>;

/**
 * Adds the included associations an instance holds to its plain values (`get({ plain })`
 * and `toJSON`), as Sequelize does: each as the target's own plain object, or list of them.
 * `deep` calls `get({ plain: true })`, otherwise `toJSON()`.
 */
export function withIncluded(inst: object, out: Plain, deep: boolean): Plain {
  const assocs = associationsOf(inst.constructor);
  const self = inst as Record<string | symbol, unknown>;
  const junction = self[JUNCTION] as string | undefined;
  const extras = extrasOf(inst);
  if (extras !== undefined) Object.assign(out, extras);
  if (junction !== undefined && self[junction] !== undefined) out[junction] = plainOf(self[junction], deep);
  if (assocs.size === 0) return out;
  for (const as of assocs.keys()) {
    const v = self[as];
    if (v === undefined) continue;
    out[as] = Array.isArray(v) ? v.map((x) => plainOf(x, deep)) : plainOf(v, deep);
  }
  return out;
}

function plainOf(v: unknown, deep: boolean): unknown {
  if (v === null || typeof v !== 'object') return v;
  const o = v as { get?: (o: object) => unknown; toJSON?: () => unknown };
  if (deep && typeof o.get === 'function') return o.get({ plain: true });
  return typeof o.toJSON === 'function' ? o.toJSON() : v;
}
