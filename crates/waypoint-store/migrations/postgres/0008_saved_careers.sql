-- Saved careers: the occupations a student keeps on their list, with a note.
--
-- The row holds a student's data, so student_id comes first in the key (Citus
-- distribution by student). The occupation is named by its O*NET-SOC code as
-- text, with no foreign key to onet_occupations: a newer O*NET release may drop
-- or renumber a code, and replacing a release must neither fail nor take a
-- student's list with it (see 0005). The title is kept as it was when saved, so
-- the list can still name a code the current release no longer has.

CREATE TABLE saved_careers (
    student_id BIGINT NOT NULL REFERENCES students (student_id),
    onet_code  TEXT NOT NULL,
    title      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    saved_at   BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (student_id, onet_code)
);
