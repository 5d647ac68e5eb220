-- Foundation: organisations, people, roles, sessions, logs.
-- Every table holding a student's data has student_id first in its key
-- (see ARCHITECTURE.md, "Distribution by student").

CREATE TABLE orgs (
    org_id      BIGINT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('state', 'district', 'school')),
    parent_id   BIGINT REFERENCES orgs (org_id),
    district_id BIGINT,
    state_id    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    code        TEXT NOT NULL,
    low_grade   BIGINT,
    high_grade  BIGINT,
    created_at  BIGINT NOT NULL,
    UNIQUE (kind, code)
);
CREATE INDEX orgs_parent ON orgs (parent_id);

CREATE TABLE school_years (
    school_year_id BIGINT PRIMARY KEY,
    org_id         BIGINT NOT NULL REFERENCES orgs (org_id),
    name           TEXT NOT NULL,
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL,
    is_current     BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (org_id, name)
);

CREATE TABLE users (
    user_id         BIGINT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('student', 'guardian', 'staff')),
    username        TEXT NOT NULL,
    email           TEXT,
    password_hash   TEXT,
    given_name      TEXT NOT NULL,
    family_name     TEXT NOT NULL,
    locale          TEXT NOT NULL DEFAULT 'en',
    disabled        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      BIGINT NOT NULL,
    last_sign_in_at BIGINT
);

-- Usernames are unique across the instance. Kept apart from users so that
-- a distributed deployment can shard this lookup by username.
CREATE TABLE user_logins (
    username TEXT PRIMARY KEY,
    user_id  BIGINT NOT NULL REFERENCES users (user_id)
);
CREATE INDEX user_logins_user ON user_logins (user_id);
CREATE TABLE user_emails (
    email   TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (user_id)
);

CREATE TABLE students (
    student_id       BIGINT PRIMARY KEY REFERENCES users (user_id),
    state_student_id TEXT NOT NULL,
    birth_date       TEXT,
    grade_level      BIGINT,
    school_id        BIGINT REFERENCES orgs (org_id),
    district_id      BIGINT REFERENCES orgs (org_id),
    state_id         BIGINT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'active',
    graduation_year  BIGINT,
    sort_name        TEXT NOT NULL,
    created_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX students_state_student_id ON students (state_student_id);
CREATE INDEX students_school ON students (school_id, sort_name);
CREATE INDEX students_district ON students (district_id, sort_name);

CREATE TABLE enrollments (
    student_id     BIGINT NOT NULL REFERENCES students (student_id),
    enrollment_id  BIGINT NOT NULL,
    school_id      BIGINT NOT NULL REFERENCES orgs (org_id),
    school_year    TEXT NOT NULL,
    grade_level    BIGINT NOT NULL,
    entry_date     TEXT NOT NULL,
    exit_date      TEXT,
    PRIMARY KEY (student_id, enrollment_id)
);

CREATE TABLE demographics (
    student_id         BIGINT PRIMARY KEY REFERENCES students (student_id),
    race_ethnicity     TEXT,
    gender             TEXT,
    low_income         BOOLEAN NOT NULL DEFAULT FALSE,
    english_learner    BOOLEAN NOT NULL DEFAULT FALSE,
    disability_iep     BOOLEAN NOT NULL DEFAULT FALSE,
    section_504        BOOLEAN NOT NULL DEFAULT FALSE,
    homeless           BOOLEAN NOT NULL DEFAULT FALSE,
    foster             BOOLEAN NOT NULL DEFAULT FALSE,
    military_connected BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE guardianships (
    student_id   BIGINT NOT NULL REFERENCES students (student_id),
    guardian_id  BIGINT NOT NULL REFERENCES users (user_id),
    relationship TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (student_id, guardian_id)
);
CREATE INDEX guardianships_guardian ON guardianships (guardian_id);

CREATE TABLE mentors (
    student_id  BIGINT NOT NULL REFERENCES students (student_id),
    staff_id    BIGINT NOT NULL REFERENCES users (user_id),
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (student_id, staff_id)
);
CREATE INDEX mentors_staff ON mentors (staff_id);

CREATE TABLE advisory_groups (
    group_id   BIGINT PRIMARY KEY,
    school_id  BIGINT NOT NULL REFERENCES orgs (org_id),
    staff_id   BIGINT NOT NULL REFERENCES users (user_id),
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX advisory_groups_school ON advisory_groups (school_id);
CREATE INDEX advisory_groups_staff ON advisory_groups (staff_id);

CREATE TABLE advisory_members (
    student_id BIGINT NOT NULL REFERENCES students (student_id),
    group_id   BIGINT NOT NULL REFERENCES advisory_groups (group_id),
    PRIMARY KEY (student_id, group_id)
);
CREATE INDEX advisory_members_group ON advisory_members (group_id);

CREATE TABLE alumni_grants (
    student_id BIGINT NOT NULL REFERENCES students (student_id),
    staff_id   BIGINT NOT NULL REFERENCES users (user_id),
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (student_id, staff_id)
);

CREATE TABLE role_grants (
    user_id    BIGINT NOT NULL REFERENCES users (user_id),
    org_id     BIGINT NOT NULL REFERENCES orgs (org_id),
    role       TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    granted_by BIGINT,
    PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX role_grants_org ON role_grants (org_id, role);

CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (user_id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    ip           TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('staff', 'guardian')),
    org_id     BIGINT REFERENCES orgs (org_id),
    role       TEXT,
    student_id BIGINT REFERENCES students (student_id),
    email      TEXT,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    used_by    BIGINT
);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (user_id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE access_log (
    student_id  BIGINT NOT NULL,
    log_id      BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    actor_id    BIGINT NOT NULL,
    actor_role  TEXT NOT NULL,
    basis       TEXT NOT NULL,
    action      TEXT NOT NULL,
    resource    TEXT NOT NULL,
    ip          TEXT,
    district_id BIGINT,
    PRIMARY KEY (student_id, log_id)
);
CREATE INDEX access_log_district ON access_log (district_id, at);
CREATE INDEX access_log_actor ON access_log (actor_id, at);

CREATE TABLE audit_log (
    audit_id BIGINT PRIMARY KEY,
    at       BIGINT NOT NULL,
    actor_id BIGINT,
    org_id   BIGINT,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_org ON audit_log (org_id, at);

CREATE TABLE mail_queue (
    mail_id    BIGINT PRIMARY KEY,
    to_addr    TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    send_after BIGINT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    sent_at    BIGINT,
    last_error TEXT
);
CREATE INDEX mail_queue_pending ON mail_queue (sent_at, send_after);
