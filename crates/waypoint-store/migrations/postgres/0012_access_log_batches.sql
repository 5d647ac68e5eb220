-- SQLite only (access-log entries staged one row per group commit; see the
-- SQLite migration). PostgreSQL writes straight into access_log.
SELECT 1;
