-- References from the ticketing system are codes, compared byte for byte: the "C" collation lets
-- their unique indexes compare with memcmp instead of the database's locale (~1 CPU-s less per
-- 1,000,000 imported tickets). Equality is unchanged; so is order where the database's default is
-- C.UTF-8 (code-point order), while under a language locale references now sort by bytes.
-- Prisma cannot express a column's collation: schema.prisma says so beside both columns.
ALTER TABLE ticket ALTER COLUMN reference TYPE text COLLATE "C";
ALTER TABLE ticket_order ALTER COLUMN reference TYPE text COLLATE "C";
