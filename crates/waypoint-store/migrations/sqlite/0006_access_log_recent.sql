-- New access-log entries land here first: a plain rowid table with no
-- index, so a group commit appends to one page instead of dirtying a
-- random leaf in each of access_log's indexes (ordered by student and by
-- actor) for every row. The writer moves them into access_log in large
-- sorted batches (Store::settle_access), and every read of the access log
-- settles first. PostgreSQL writes straight into access_log.
CREATE TABLE access_log_recent (
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
