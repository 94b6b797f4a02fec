/**
 * The entry a table has under this key, if the table itself has it. A plain `key in table` or `table[key]` also
 * finds what every object inherits ("toString", "constructor", "__proto__"...), so a request naming one of those
 * would pass the check and then fail far from it: every lookup keyed by what a person sent goes through here.
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export const hasOwnEntry = (table: Readonly<Record<string, unknown>>, key: string): boolean => Object.hasOwn(table, key);
