import validator from 'validator';

/**
 * Sequelize's attribute validators by name. Most are validator.js functions called with
 * the value as a string (as Sequelize calls them); the few Sequelize adds on top of
 * validator.js (`notEmpty`, `len`, `is`/`not`, `notIn`, `min`/`max`, `contains`, …) are
 * written here on validator.js's own functions where one exists.
 *
 * Each takes `(text, ...args)` and says whether the value passes.
 */
export type BuiltinValidator = (text: string, ...args: any[]) => boolean;

function regex(text: string, pattern: unknown, flags?: string): boolean {
  const re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern), flags);
  // A global or sticky regex keeps lastIndex between calls: test a copy without them.
  const safe = re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
  return safe.test(text);
}

const EXTRAS: Record<string, BuiltinValidator> = {
  notEmpty: (s) => !/^[\s\t\r\n]*$/.test(s),
  len: (s, min?: number, max?: number) => validator.isLength(s, { min, max }),
  isUrl: (s) => validator.isURL(s),
  isIPv4: (s) => validator.isIP(s, 4),
  isIPv6: (s) => validator.isIP(s, 6),
  isIn: (s, values: unknown[]) => Array.isArray(values) && values.some((v) => String(v) === s),
  notIn: (s, values: unknown[]) => !(Array.isArray(values) && values.some((v) => String(v) === s)),
  is: (s, pattern, flags) => regex(s, pattern, flags),
  regex: (s, pattern, flags) => regex(s, pattern, flags),
  not: (s, pattern, flags) => !regex(s, pattern, flags),
  notRegex: (s, pattern, flags) => !regex(s, pattern, flags),
  isDecimal: (s) => s !== '' && /^(?:-?(?:[0-9]+))?(?:\.[0-9]*)?(?:[eE][+-]?(?:[0-9]+))?$/.test(s),
  // As in Sequelize: a value that is not a number is left to the type check.
  min: (s, min: number) => {
    const n = parseFloat(s);
    return Number.isNaN(n) || n >= min;
  },
  max: (s, max: number) => {
    const n = parseFloat(s);
    return Number.isNaN(n) || n <= max;
  },
  contains: (s, part: string) => !!part && s.includes(part),
  notContains: (s, part: string) => !(!!part && s.includes(part)),
  isNull: (s) => validator.isEmpty(s),
  isDate: (s) => !Number.isNaN(Date.parse(s)),
  equals: (s, other) => s === String(other),
};

/** The validator named `key`, or undefined when neither validator.js nor Sequelize has one. */
export function builtinValidator(key: string): BuiltinValidator | undefined {
  if (Object.prototype.hasOwnProperty.call(EXTRAS, key)) return EXTRAS[key];
  const fn = (validator as unknown as Record<string, unknown>)[key];
  if (typeof fn === 'function' && /^(is|contains|equals|matches)/.test(key)) return fn as BuiltinValidator;
  return undefined;
}

/**
 * The arguments a validator is called with, from what the model declared: `true` → none,
 * an array → its items (`len: [2, 10]`; `isIn: [['a', 'b']]`), anything else → itself
 * (`isIn` also takes the list directly, `is` a RegExp or `[pattern, flags]`).
 */
export function validatorArgs(key: string, test: unknown): unknown[] {
  if (test === true) return [];
  if (Array.isArray(test)) {
    if ((key === 'isIn' || key === 'notIn') && !Array.isArray(test[0])) return [test];
    return test.slice();
  }
  if (key === 'isIP' && typeof test !== 'number' && typeof test !== 'string') return [];
  return [test];
}
