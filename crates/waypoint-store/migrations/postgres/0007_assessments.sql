-- Assessments: a student's attempts at an instrument (interest inventory,
-- work values, skills self-rating). A retake is a new row; every attempt is
-- kept with its grade and dates, so change over the years stays visible.
--
-- The row holds a student's data, so student_id comes first in the key
-- (Citus distribution by student). Answers (item id -> value) and, once
-- finished, the scores are JSON text written by waypoint_domain's serde
-- types; the instrument id and version say how to read them.
-- updated_at only ever grows: a save names the value it read, so two saves
-- from the same starting point cannot both win.

CREATE TABLE assessment_attempts (
    student_id         BIGINT NOT NULL REFERENCES students (student_id),
    attempt_id         BIGINT NOT NULL,
    instrument_id      TEXT NOT NULL,
    instrument_version TEXT NOT NULL,
    form_id            TEXT NOT NULL,
    grade_level        BIGINT NOT NULL,
    language           TEXT NOT NULL,
    started_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    completed_at       BIGINT,
    answers            TEXT NOT NULL,
    scores             TEXT,
    PRIMARY KEY (student_id, attempt_id)
);

-- At most one unfinished attempt per student, instrument and version:
-- starting again resumes it, even when two starts race.
CREATE UNIQUE INDEX assessment_attempts_open
    ON assessment_attempts (student_id, instrument_id, instrument_version)
    WHERE completed_at IS NULL;
