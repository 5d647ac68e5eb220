-- SQLite only (a staging table for new access-log entries; see the SQLite
-- migration). PostgreSQL writes straight into access_log.
SELECT 1;
