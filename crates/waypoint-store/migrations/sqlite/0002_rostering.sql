-- Rostering: where records came from, classes, and import runs.
-- A "source" is the organisation whose feed is imported (a district, or
-- the state); sourcedIds are unique within a source.

CREATE TABLE roster_people (
    source_id  INTEGER NOT NULL REFERENCES orgs (org_id),
    sourced_id TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (user_id),
    PRIMARY KEY (source_id, sourced_id)
);
CREATE INDEX roster_people_user ON roster_people (user_id);

CREATE TABLE roster_orgs (
    source_id  INTEGER NOT NULL REFERENCES orgs (org_id),
    sourced_id TEXT NOT NULL,
    org_id     INTEGER NOT NULL REFERENCES orgs (org_id),
    PRIMARY KEY (source_id, sourced_id)
);

CREATE TABLE classes (
    class_id    INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES orgs (org_id),
    sourced_id  TEXT NOT NULL,
    school_id   INTEGER NOT NULL REFERENCES orgs (org_id),
    title       TEXT NOT NULL,
    class_code  TEXT,
    course_code TEXT,
    course_title TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source_id, sourced_id)
);
CREATE INDEX classes_school ON classes (school_id);

CREATE TABLE class_staff (
    class_id INTEGER NOT NULL REFERENCES classes (class_id),
    staff_id INTEGER NOT NULL REFERENCES users (user_id),
    active   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (class_id, staff_id)
);
CREATE INDEX class_staff_staff ON class_staff (staff_id);

CREATE TABLE class_students (
    student_id INTEGER NOT NULL REFERENCES students (student_id),
    class_id   INTEGER NOT NULL REFERENCES classes (class_id),
    begin_date TEXT,
    end_date   TEXT,
    active     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (student_id, class_id)
);
CREATE INDEX class_students_class ON class_students (class_id);

CREATE TABLE import_runs (
    import_id   INTEGER PRIMARY KEY,
    source_id   INTEGER REFERENCES orgs (org_id),
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    status      TEXT NOT NULL,
    progress    INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    summary     TEXT NOT NULL DEFAULT '',
    report      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_runs_source ON import_runs (source_id, started_at);
