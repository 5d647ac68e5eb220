-- A counter that every write moves on after it commits, so that each
-- process over this database can tell when its read cache is stale. A
-- sequence: moving it takes no row lock, so concurrent writers never
-- queue behind one another on it.
CREATE SEQUENCE data_changes_seq;
