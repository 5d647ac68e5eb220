-- The portable record: what a record received from another Waypoint
-- instance brings that this instance has no rows of its own for.
--
-- Enrolments at schools this instance does not have are kept as history
-- lines with the school's and district's names and codes as the issuer
-- wrote them (`enrollments.school_id` stays NOT NULL and a real school).
-- Guardians and mentors named in the record are kept as names (and the
-- family's e-mail), never as accounts or links: a file gives nobody access.
-- Both tables hold a student's data, so student_id comes first in the key.

CREATE TABLE prior_enrollments (
    student_id    INTEGER NOT NULL REFERENCES students (student_id),
    line_id       INTEGER NOT NULL,
    school_name   TEXT NOT NULL,
    school_code   TEXT NOT NULL,
    district_name TEXT,
    district_code TEXT,
    school_year   TEXT NOT NULL,
    grade_level   INTEGER NOT NULL,
    entry_date    TEXT NOT NULL,
    exit_date     TEXT,
    issuer        TEXT NOT NULL,
    imported_at   INTEGER NOT NULL,
    PRIMARY KEY (student_id, line_id)
);

CREATE TABLE record_people (
    student_id   INTEGER NOT NULL REFERENCES students (student_id),
    line_id      INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('guardian', 'mentor')),
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    relationship TEXT NOT NULL DEFAULT '',
    email        TEXT,
    issuer       TEXT NOT NULL,
    imported_at  INTEGER NOT NULL,
    PRIMARY KEY (student_id, line_id)
);
