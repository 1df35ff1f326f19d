-- References from the ticketing system are codes, compared byte for byte: the "C" collation lets
-- their unique indexes compare with memcmp instead of the database's locale.
ALTER TABLE ticket ALTER COLUMN reference TYPE text COLLATE "C";
ALTER TABLE ticket_order ALTER COLUMN reference TYPE text COLLATE "C";
