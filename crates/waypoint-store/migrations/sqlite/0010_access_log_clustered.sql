-- The access log stored in its key's order (student, then log id) instead
-- of in a rowid table with the key as a separate index: one B-tree fewer
-- to write for every entry a settle moves, and a student's entries (the
-- FERPA record of access a guardian reads) sit together. About a third less
-- CPU per settled entry (BENCHMARKS.md).
CREATE TABLE access_log_clustered (
    student_id  INTEGER NOT NULL,
    log_id      INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_role  TEXT NOT NULL,
    basis       TEXT NOT NULL,
    action      TEXT NOT NULL,
    resource    TEXT NOT NULL,
    ip          TEXT,
    district_id INTEGER,
    PRIMARY KEY (student_id, log_id)
) WITHOUT ROWID;
INSERT INTO access_log_clustered
    SELECT student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id
    FROM access_log ORDER BY student_id, log_id;
DROP TABLE access_log;
ALTER TABLE access_log_clustered RENAME TO access_log;
CREATE INDEX access_log_district ON access_log (district_id, at);
CREATE INDEX access_log_actor ON access_log (actor_id, at);

-- Staged entries get ids that are never reused (AUTOINCREMENT), so a
-- settle may remove exactly the staged ids up to the last one it saw: every
-- one of them was moved, by it or by a settle running at the same time,
-- and an entry staged later always has a larger id, even after another
-- settle emptied the table. Before, SQLite could hand out a removed row id
-- again, and each settle had to check every staged row against the log
-- before removing it.
CREATE TABLE access_log_staged (
    staged_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id  INTEGER NOT NULL,
    log_id      INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_role  TEXT NOT NULL,
    basis       TEXT NOT NULL,
    action      TEXT NOT NULL,
    resource    TEXT NOT NULL,
    ip          TEXT,
    district_id INTEGER
);
INSERT INTO access_log_staged
        (student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id)
    SELECT student_id, log_id, at, actor_id, actor_role, basis, action, resource, ip, district_id
    FROM access_log_recent ORDER BY rowid;
DROP TABLE access_log_recent;
ALTER TABLE access_log_staged RENAME TO access_log_recent;
