-- Careers reference data: O*NET occupations with their ratings and titles, BLS
-- employment projections, and career clusters. Not student data: no student id,
-- and small enough to be a reference table on every node when distributed.
--
-- Each dataset is replaced whole, in one transaction, by its importer
-- (waypoint-store/src/careers.rs); career_releases records what is loaded, for
-- attribution. Student data that names an occupation (saved careers, matches)
-- keeps the O*NET-SOC code as text without a foreign key: a newer release may
-- drop or renumber an occupation, and replacing a release must not touch it.

CREATE TABLE career_releases (
    dataset      TEXT PRIMARY KEY,      -- 'onet', 'bls_projections', 'clusters:<framework>'
    version      TEXT NOT NULL,         -- '29.3', '2024-34', ...
    title        TEXT NOT NULL,
    published    TEXT,                  -- 'May 2025'
    period_start INTEGER,               -- BLS: the base year
    period_end   INTEGER,               -- BLS: the projected year
    publisher    TEXT NOT NULL,
    license      TEXT NOT NULL,
    attribution  TEXT NOT NULL,
    row_count    INTEGER NOT NULL,
    loaded_at    INTEGER NOT NULL
);

CREATE TABLE onet_occupations (
    onet_code      TEXT PRIMARY KEY,    -- O*NET-SOC, '15-1252.00'
    soc_code       TEXT NOT NULL,       -- its 2018 SOC code, '15-1252'
    soc_broad_code TEXT NOT NULL,       -- its SOC broad group, '15-1250'
    title          TEXT NOT NULL,
    description    TEXT NOT NULL
);
CREATE INDEX onet_occupations_soc ON onet_occupations (soc_code);

-- Interests: RIASEC scores (scale OI, 1-7, elements 1.B.1.a-f) and high points
-- (scale IH, elements 1.B.1.g-i, value = RIASEC element number 1-6, 0 = none).
CREATE TABLE onet_interests (
    onet_code     TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    element_id    TEXT NOT NULL,
    element_name  TEXT NOT NULL,
    scale_id      TEXT NOT NULL,
    value         REAL NOT NULL,
    rated_on      TEXT,                 -- 'YYYY-MM'
    domain_source TEXT,
    PRIMARY KEY (onet_code, element_id, scale_id)
);

-- Work values: extent (scale EX, 1-7) and high points (VH).
CREATE TABLE onet_work_values (
    onet_code     TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    element_id    TEXT NOT NULL,
    element_name  TEXT NOT NULL,
    scale_id      TEXT NOT NULL,
    value         REAL NOT NULL,
    rated_on      TEXT,
    domain_source TEXT,
    PRIMARY KEY (onet_code, element_id, scale_id)
);

CREATE TABLE onet_job_zones (
    onet_code     TEXT PRIMARY KEY REFERENCES onet_occupations (onet_code),
    job_zone      INTEGER NOT NULL,
    rated_on      TEXT,
    domain_source TEXT
);

CREATE TABLE onet_job_zone_reference (
    job_zone     INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    experience   TEXT,
    education    TEXT,
    job_training TEXT,
    examples     TEXT,
    svp_range    TEXT
);

CREATE TABLE onet_education_categories (
    element_id   TEXT NOT NULL,
    element_name TEXT NOT NULL,
    scale_id     TEXT NOT NULL,
    category     INTEGER NOT NULL,
    description  TEXT NOT NULL,
    PRIMARY KEY (element_id, scale_id, category)
);

-- Education, training and experience: for category scales (RL, RW, PT, OJ) the
-- percentage of respondents per category; for IM an importance rating and no
-- category (so no primary key: the reader checks that keys are unique).
CREATE TABLE onet_education (
    onet_code          TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    element_id         TEXT NOT NULL,
    element_name       TEXT NOT NULL,
    scale_id           TEXT NOT NULL,
    category           INTEGER,
    value              REAL NOT NULL,
    n                  INTEGER,
    standard_error     REAL,
    lower_ci           REAL,
    upper_ci           REAL,
    recommend_suppress INTEGER,
    rated_on           TEXT,
    domain_source      TEXT
);
CREATE INDEX onet_education_occupation ON onet_education (onet_code, element_id, scale_id, category);

-- Titles are kept in file order (position): O*NET repeats a few alternate
-- titles, with and without a short title.
CREATE TABLE onet_alternate_titles (
    onet_code   TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    short_title TEXT,
    sources     TEXT,
    PRIMARY KEY (onet_code, position)
);

CREATE TABLE onet_reported_titles (
    onet_code             TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    position              INTEGER NOT NULL,
    title                 TEXT NOT NULL,
    shown_in_my_next_move INTEGER NOT NULL,
    PRIMARY KEY (onet_code, position)
);

CREATE TABLE onet_related_occupations (
    onet_code    TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    related_code TEXT NOT NULL REFERENCES onet_occupations (onet_code),
    tier         TEXT NOT NULL,
    rank         INTEGER NOT NULL,
    PRIMARY KEY (onet_code, related_code)
);
CREATE INDEX onet_related_occupations_related ON onet_related_occupations (related_code);

-- BLS Employment Projections, by National Employment Matrix (2018 SOC) code.
-- Employment, change and openings in jobs (BLS publishes thousands).
CREATE TABLE bls_projections (
    soc_code              TEXT PRIMARY KEY,
    title                 TEXT NOT NULL,
    depth                 INTEGER NOT NULL,
    occupation_type       TEXT NOT NULL,     -- 'line_item' or 'summary'
    employment            INTEGER,
    employment_projected  INTEGER,
    change                INTEGER,
    change_percent        REAL,
    self_employed_percent REAL,
    openings              INTEGER,            -- a year, on average
    median_wage           INTEGER,            -- dollars a year
    median_wage_top_coded INTEGER NOT NULL,  -- BLS's '>=$239,200'
    education             TEXT,
    work_experience       TEXT,
    training              TEXT
);

-- Career clusters and pathways (sub-clusters), per framework. pathway is ''
-- when the framework has none. code is a SOC code ('15-1252', every O*NET
-- occupation within it) or an O*NET-SOC code ('15-1252.00').
CREATE TABLE career_clusters (
    framework TEXT NOT NULL,
    cluster   TEXT NOT NULL,
    pathway   TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (framework, cluster, pathway)
);

CREATE TABLE career_cluster_occupations (
    framework TEXT NOT NULL,
    cluster   TEXT NOT NULL,
    pathway   TEXT NOT NULL,
    code      TEXT NOT NULL,
    title     TEXT,
    PRIMARY KEY (framework, cluster, pathway, code),
    FOREIGN KEY (framework, cluster, pathway) REFERENCES career_clusters (framework, cluster, pathway)
);
CREATE INDEX career_cluster_occupations_code ON career_cluster_occupations (code);
