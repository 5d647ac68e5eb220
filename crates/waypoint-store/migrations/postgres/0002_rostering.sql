-- Rostering: where records came from, classes, and import runs.
-- A "source" is the organisation whose feed is imported (a district, or
-- the state); sourcedIds are unique within a source.

CREATE TABLE roster_people (
    source_id  BIGINT NOT NULL REFERENCES orgs (org_id),
    sourced_id TEXT NOT NULL,
    user_id    BIGINT NOT NULL REFERENCES users (user_id),
    PRIMARY KEY (source_id, sourced_id)
);
CREATE INDEX roster_people_user ON roster_people (user_id);

CREATE TABLE roster_orgs (
    source_id  BIGINT NOT NULL REFERENCES orgs (org_id),
    sourced_id TEXT NOT NULL,
    org_id     BIGINT NOT NULL REFERENCES orgs (org_id),
    PRIMARY KEY (source_id, sourced_id)
);

CREATE TABLE classes (
    class_id    BIGINT PRIMARY KEY,
    source_id   BIGINT NOT NULL REFERENCES orgs (org_id),
    sourced_id  TEXT NOT NULL,
    school_id   BIGINT NOT NULL REFERENCES orgs (org_id),
    title       TEXT NOT NULL,
    class_code  TEXT,
    course_code TEXT,
    course_title TEXT,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (source_id, sourced_id)
);
CREATE INDEX classes_school ON classes (school_id);

CREATE TABLE class_staff (
    class_id BIGINT NOT NULL REFERENCES classes (class_id),
    staff_id BIGINT NOT NULL REFERENCES users (user_id),
    active   BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (class_id, staff_id)
);
CREATE INDEX class_staff_staff ON class_staff (staff_id);

CREATE TABLE class_students (
    student_id BIGINT NOT NULL REFERENCES students (student_id),
    class_id   BIGINT NOT NULL REFERENCES classes (class_id),
    begin_date TEXT,
    end_date   TEXT,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (student_id, class_id)
);
CREATE INDEX class_students_class ON class_students (class_id);

CREATE TABLE import_runs (
    import_id   BIGINT PRIMARY KEY,
    source_id   BIGINT REFERENCES orgs (org_id),
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    status      TEXT NOT NULL,
    progress    BIGINT NOT NULL DEFAULT 0,
    created_by  BIGINT,
    started_at  BIGINT NOT NULL,
    finished_at BIGINT,
    summary     TEXT NOT NULL DEFAULT '',
    report      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_runs_source ON import_runs (source_id, started_at);
