-- Staged access-log entries as one row per group commit (a batch of
-- entries encoded together; see the store's access_batch module) rather
-- than one row per entry: a commit inserts one row however many page views
-- it records. Under load the per-entry inserts into access_log_recent were
-- what doubled the student page's slowest 1 % (BENCHMARKS.md). Batch ids are
-- never reused (AUTOINCREMENT), for the same reason staged ids were not: a
-- settle removes exactly the batches it read. `entries` is how many entries
-- a batch holds, so a settle can plan its passes without reading the
-- batches.
CREATE TABLE access_log_batches (
    batch_id INTEGER PRIMARY KEY AUTOINCREMENT,
    entries  INTEGER NOT NULL,
    batch    BLOB NOT NULL
);
-- What the old stage still held goes straight into the log.
INSERT OR IGNORE INTO access_log
        (student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id)
    SELECT student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id
    FROM access_log_recent ORDER BY student_id, log_id;
DROP TABLE access_log_recent;
DELETE FROM sqlite_sequence WHERE name = 'access_log_recent';
