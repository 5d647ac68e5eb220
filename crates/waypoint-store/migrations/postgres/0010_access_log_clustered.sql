-- SQLite only (the access log clustered by its key, and staged ids that are
-- never reused; see the SQLite migration). PostgreSQL writes straight into
-- access_log, whose heap and key index are unchanged.
SELECT 1;
