/** One column of a set-based insert: bound as one array parameter, optionally cast per row. */
export interface UnnestColumn {
  /** The quoted target column. */
  readonly column: string;
  /** The array type the parameter is bound as, e.g. `INTEGER[]` or `text[]`. */
  readonly arrayType: string;
  /** A type each unnested element is cast to in the select list (for text-bound columns), e.g. `INTEGER[]`. */
  readonly cast?: string;
  /** Bound once, as one value of this type, for every row (e.g. the shared timestamp). */
  readonly constantType?: string;
}

/**
 * `INSERT INTO t ("a", "b") SELECT u."a", u."b"::T FROM unnest($1::A[], $2::text[]) AS u("a", "b") RETURNING …`:
 * one array parameter per column, so the text is the same whatever the number of rows.
 * A column bound once for every row (`constantType`) is selected as `$n::type`. With no
 * array columns the rows come from `generate_series(1, $last)`; with no columns at all,
 * `INSERT INTO t SELECT FROM generate_series(1, $1)` (every column takes its default).
 * `onConflict` (see onConflictText) goes before RETURNING.
 */
export function unnestInsertText(table: string, columns: readonly UnnestColumn[], returning?: string, onConflict = ''): string {
  const tail = `${onConflict}${returning ? ` RETURNING ${returning}` : ''}`;
  if (columns.length === 0) return `INSERT INTO ${table} SELECT FROM generate_series(1, $1)${tail}`;
  const targets: string[] = [];
  const select: string[] = [];
  const params: string[] = [];
  const aliases: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    targets.push(c.column);
    if (c.constantType !== undefined) {
      select.push(`$${i + 1}::${c.constantType}`);
      continue;
    }
    const alias = `"c${i}"`;
    aliases.push(alias);
    params.push(`$${i + 1}::${c.arrayType}`);
    select.push(c.cast ? `u.${alias}::${c.cast}` : `u.${alias}`);
  }
  if (params.length === 0) return `INSERT INTO ${table} (${targets.join(', ')}) SELECT ${select.join(', ')} FROM generate_series(1, $${columns.length + 1})${tail}`;
  return `INSERT INTO ${table} (${targets.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${params.join(', ')}) AS u(${aliases.join(', ')})${tail}`;
}

/**
 * The ON CONFLICT clause of a bulk insert, with its leading space: `DO NOTHING` for every
 * conflict (no target), or `(target) DO UPDATE SET "c" = EXCLUDED."c", …`.
 */
export function onConflictText(conflict: { readonly target?: readonly string[]; readonly set?: readonly string[] }): string {
  if (conflict.set === undefined || conflict.set.length === 0) return conflict.target ? ` ON CONFLICT (${conflict.target.join(', ')}) DO NOTHING` : ' ON CONFLICT DO NOTHING';
  return ` ON CONFLICT (${conflict.target!.join(', ')}) DO UPDATE SET ${conflict.set.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
}

/** `COPY t ("a", "b") FROM STDIN`, in COPY's text format (the default) or its binary format. */
export function copyInText(table: string, columns: readonly string[], binary = false): string {
  return `COPY ${table} (${columns.join(', ')}) FROM STDIN${binary ? ' WITH (FORMAT binary)' : ''}`;
}
