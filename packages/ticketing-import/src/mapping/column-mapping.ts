// A column mapping says which source column feeds which target field. It is plain JSON,
// validated with zod, so a tenant can save it as a preset and reuse it for the next file from
// the same ticketing system.
import { z } from "zod";
import { FILE_KINDS, TARGETS, type FileKind } from "./targets";

const ZDefaults = z
  .object({
    /** Country assumed when the file has no country column or the cell is empty (ISO alpha-2). */
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    /** Currency assumed when a price names none (ISO 4217). */
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    /** IANA zone for dates without an offset. */
    zone: z.string().min(1).optional(),
  })
  .strict();

const header = z.string().min(1);

const mappingFor = <K extends FileKind>(kind: K) =>
  z
    .object({
      version: z.literal(1),
      kind: z.literal(kind),
      // Keyed by target, so one target can never be fed by two columns.
      columns: z.partialRecord(z.enum(Object.keys(TARGETS[kind]) as [string, ...string[]]), header),
      defaults: ZDefaults.optional(),
    })
    .strict();

export const ZColumnMapping = z
  .discriminatedUnion("kind", [mappingFor("tickets"), mappingFor("performances"), mappingFor("spectators")])
  .superRefine((mapping, ctx) => {
    // …and one column never feeds two targets either: that is almost always a slip.
    const seen = new Map<string, string>();
    for (const [target, source] of Object.entries(mapping.columns)) {
      if (source === undefined) continue;
      const other = seen.get(source);
      if (other) ctx.addIssue({ code: "custom", path: ["columns", target], message: `column "${source}" is already mapped to ${other}` });
      seen.set(source, target);
    }
  });

export type TColumnMapping = z.infer<typeof ZColumnMapping>;
export type TColumnMappingOf<K extends FileKind> = Extract<TColumnMapping, { kind: K }>;

/** Parses a saved preset and checks it is for the expected kind of file (throws a ZodError otherwise). */
export function parseColumnMapping<K extends FileKind>(kind: K, value: unknown): TColumnMappingOf<K> {
  const mapping = ZColumnMapping.parse(value);
  if (mapping.kind !== kind) {
    throw new z.ZodError([{ code: "custom", path: ["kind"], message: `expected a ${kind} mapping, got ${mapping.kind}`, input: mapping.kind }]);
  }
  return mapping as TColumnMappingOf<K>;
}
export { FILE_KINDS };

/** Mapped targets whose column is not in the file's headers (a preset from another export). */
export function missingColumns(mapping: TColumnMapping, headers: readonly string[]): { target: string; header: string }[] {
  const present = new Set(headers);
  return Object.entries(mapping.columns)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && !present.has(entry[1]))
    .map(([target, h]) => ({ target, header: h }));
}

/** Picks the mapped cells out of a raw row: { orderDate: "31/01/2025", … }. */
export function applyMapping(mapping: TColumnMapping, raw: Readonly<Record<string, string>>): Record<string, string | undefined> {
  return createMapper(mapping)(raw);
}

/** The same, with the mapping's pairs computed once (it runs for every row of a file). */
export function createMapper(mapping: TColumnMapping): (raw: Readonly<Record<string, string>>) => Record<string, string | undefined> {
  const pairs = Object.entries(mapping.columns).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return (raw) => {
    const row: Record<string, string | undefined> = {};
    for (const [target, source] of pairs) row[target] = raw[source];
    return row;
  };
}
