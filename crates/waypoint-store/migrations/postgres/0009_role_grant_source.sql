-- Which roster source granted a role: the organisation whose OneRoster
-- import created the grant, or NULL for a role given by hand (an admin page,
-- `waypoint user`). A bulk roles file is the whole truth for its source, so
-- the roles that source granted and the file no longer lists end; roles
-- given by hand are never ended by an import, even when a roster lists them
-- too.
ALTER TABLE role_grants ADD COLUMN source_id BIGINT;
CREATE INDEX role_grants_source ON role_grants (source_id) WHERE source_id IS NOT NULL;
