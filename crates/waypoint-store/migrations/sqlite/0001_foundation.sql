-- Foundation: organisations, people, roles, sessions, logs.
-- Every table holding a student's data has student_id first in its key
-- (see ARCHITECTURE.md, "Distribution by student").

CREATE TABLE orgs (
    org_id      INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('state', 'district', 'school')),
    parent_id   INTEGER REFERENCES orgs (org_id),
    district_id INTEGER,
    state_id    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT NOT NULL,
    low_grade   INTEGER,
    high_grade  INTEGER,
    created_at  INTEGER NOT NULL,
    UNIQUE (kind, code)
);
CREATE INDEX orgs_parent ON orgs (parent_id);

CREATE TABLE school_years (
    school_year_id INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs (org_id),
    name           TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL,
    is_current     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (org_id, name)
);

CREATE TABLE users (
    user_id         INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('student', 'guardian', 'staff')),
    username        TEXT NOT NULL,
    email           TEXT,
    password_hash   TEXT,
    given_name      TEXT NOT NULL,
    family_name     TEXT NOT NULL,
    locale          TEXT NOT NULL DEFAULT 'en',
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    last_sign_in_at INTEGER
);

-- Usernames are unique across the instance. Kept apart from users so that
-- a distributed deployment can shard this lookup by username.
CREATE TABLE user_logins (
    username TEXT PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users (user_id)
);
CREATE INDEX user_logins_user ON user_logins (user_id);
CREATE TABLE user_emails (
    email   TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (user_id)
);

CREATE TABLE students (
    student_id       INTEGER PRIMARY KEY REFERENCES users (user_id),
    state_student_id TEXT NOT NULL,
    birth_date       TEXT,
    grade_level      INTEGER,
    school_id        INTEGER REFERENCES orgs (org_id),
    district_id      INTEGER REFERENCES orgs (org_id),
    state_id         INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'active',
    graduation_year  INTEGER,
    sort_name        TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX students_state_student_id ON students (state_student_id);
CREATE INDEX students_school ON students (school_id, sort_name);
CREATE INDEX students_district ON students (district_id, sort_name);

CREATE TABLE enrollments (
    student_id     INTEGER NOT NULL REFERENCES students (student_id),
    enrollment_id  INTEGER NOT NULL,
    school_id      INTEGER NOT NULL REFERENCES orgs (org_id),
    school_year    TEXT NOT NULL,
    grade_level    INTEGER NOT NULL,
    entry_date     TEXT NOT NULL,
    exit_date      TEXT,
    PRIMARY KEY (student_id, enrollment_id)
);

CREATE TABLE demographics (
    student_id         INTEGER PRIMARY KEY REFERENCES students (student_id),
    race_ethnicity     TEXT,
    gender             TEXT,
    low_income         INTEGER NOT NULL DEFAULT 0,
    english_learner    INTEGER NOT NULL DEFAULT 0,
    disability_iep     INTEGER NOT NULL DEFAULT 0,
    section_504        INTEGER NOT NULL DEFAULT 0,
    homeless           INTEGER NOT NULL DEFAULT 0,
    foster             INTEGER NOT NULL DEFAULT 0,
    military_connected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE guardianships (
    student_id   INTEGER NOT NULL REFERENCES students (student_id),
    guardian_id  INTEGER NOT NULL REFERENCES users (user_id),
    relationship TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (student_id, guardian_id)
);
CREATE INDEX guardianships_guardian ON guardianships (guardian_id);

CREATE TABLE mentors (
    student_id  INTEGER NOT NULL REFERENCES students (student_id),
    staff_id    INTEGER NOT NULL REFERENCES users (user_id),
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (student_id, staff_id)
);
CREATE INDEX mentors_staff ON mentors (staff_id);

CREATE TABLE advisory_groups (
    group_id   INTEGER PRIMARY KEY,
    school_id  INTEGER NOT NULL REFERENCES orgs (org_id),
    staff_id   INTEGER NOT NULL REFERENCES users (user_id),
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX advisory_groups_school ON advisory_groups (school_id);
CREATE INDEX advisory_groups_staff ON advisory_groups (staff_id);

CREATE TABLE advisory_members (
    student_id INTEGER NOT NULL REFERENCES students (student_id),
    group_id   INTEGER NOT NULL REFERENCES advisory_groups (group_id),
    PRIMARY KEY (student_id, group_id)
);
CREATE INDEX advisory_members_group ON advisory_members (group_id);

CREATE TABLE alumni_grants (
    student_id INTEGER NOT NULL REFERENCES students (student_id),
    staff_id   INTEGER NOT NULL REFERENCES users (user_id),
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (student_id, staff_id)
);

CREATE TABLE role_grants (
    user_id    INTEGER NOT NULL REFERENCES users (user_id),
    org_id     INTEGER NOT NULL REFERENCES orgs (org_id),
    role       TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    granted_by INTEGER,
    PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX role_grants_org ON role_grants (org_id, role);

CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (user_id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ip           TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('staff', 'guardian')),
    org_id     INTEGER REFERENCES orgs (org_id),
    role       TEXT,
    student_id INTEGER REFERENCES students (student_id),
    email      TEXT,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    used_by    INTEGER
);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (user_id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE TABLE access_log (
    student_id  INTEGER NOT NULL,
    log_id      INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_role  TEXT NOT NULL,
    basis       TEXT NOT NULL,
    action      TEXT NOT NULL,
    resource    TEXT NOT NULL,
    ip          TEXT,
    district_id INTEGER,
    PRIMARY KEY (student_id, log_id)
);
CREATE INDEX access_log_district ON access_log (district_id, at);
CREATE INDEX access_log_actor ON access_log (actor_id, at);

CREATE TABLE audit_log (
    audit_id INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor_id INTEGER,
    org_id   INTEGER,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_org ON audit_log (org_id, at);

CREATE TABLE mail_queue (
    mail_id    INTEGER PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    send_after INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    sent_at    INTEGER,
    last_error TEXT
);
CREATE INDEX mail_queue_pending ON mail_queue (sent_at, send_after);
