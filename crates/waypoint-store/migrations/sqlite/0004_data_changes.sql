-- A counter that every write moves on after it commits, so that each
-- process over this database can tell when its read cache is stale.
CREATE TABLE data_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO data_changes (id, seq) VALUES (1, 0);
