//! Organisations (state, districts, schools) and school years.

use crate::cache::Key;
use crate::{Row, Store, StoreError, now_ms, params};
use waypoint_domain::org::{OrgKind, OrgPlace};
use waypoint_domain::{OrgId, SchoolYearId};

/// An organisation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRecord {
    pub org_id: OrgId,
    pub kind: OrgKind,
    pub parent_id: Option<OrgId>,
    pub district_id: Option<OrgId>,
    pub state_id: OrgId,
    pub name: String,
    pub code: String,
    pub low_grade: Option<i64>,
    pub high_grade: Option<i64>,
}

impl OrgRecord {
    /// Where the organisation sits, for the policy.
    pub fn place(&self) -> OrgPlace {
        OrgPlace {
            org_id: self.org_id,
            kind: self.kind,
            district_id: self.district_id,
            state_id: self.state_id,
        }
    }
}

fn org_from(r: &Row) -> Result<OrgRecord, StoreError> {
    Ok(OrgRecord {
        org_id: OrgId(r.i64(0)?),
        kind: OrgKind::parse(&r.text(1)?).ok_or_else(|| StoreError::Other("bad org kind".into()))?,
        parent_id: r.opt_i64(2)?.map(OrgId),
        district_id: r.opt_i64(3)?.map(OrgId),
        state_id: OrgId(r.i64(4)?),
        name: r.text(5)?,
        code: r.text(6)?,
        low_grade: r.opt_i64(7)?,
        high_grade: r.opt_i64(8)?,
    })
}

/// A school year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchoolYearRecord {
    pub school_year_id: SchoolYearId,
    pub org_id: OrgId,
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    pub is_current: bool,
}

macro_rules! org_select {
    ($rest:literal) => {
        concat!(
            "SELECT org_id, kind, parent_id, district_id, state_id, name, code, low_grade, high_grade FROM orgs ",
            $rest
        )
    };
}

impl Store {
    /// Creates an organisation. The district and state ids are derived from
    /// the parent, so callers cannot get the hierarchy wrong.
    pub async fn create_org(
        &self,
        kind: OrgKind,
        parent: Option<&OrgRecord>,
        name: &str,
        code: &str,
        grades: Option<(i64, i64)>,
    ) -> Result<OrgRecord, StoreError> {
        let org_id = OrgId::generate();
        let (district_id, state_id) = match (kind, parent) {
            (OrgKind::State, _) => (None, org_id),
            (OrgKind::District, Some(p)) => (Some(org_id), p.state_id),
            (OrgKind::School, Some(p)) => (p.district_id, p.state_id),
            (_, None) => return Err(StoreError::Other("a district or school needs a parent".into())),
        };
        let rec = OrgRecord {
            org_id,
            kind,
            parent_id: parent.map(|p| p.org_id),
            district_id,
            state_id,
            name: name.to_string(),
            code: code.to_string(),
            low_grade: grades.map(|g| g.0),
            high_grade: grades.map(|g| g.1),
        };
        self.db
            .execute(
                "INSERT INTO orgs (org_id, kind, parent_id, district_id, state_id, name, code, low_grade, high_grade, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                params![
                    rec.org_id, kind.as_str(), rec.parent_id, rec.district_id, rec.state_id,
                    name, code, rec.low_grade, rec.high_grade, now_ms()
                ],
            )
            .await?;
        Ok(rec)
    }

    /// Changes an organisation's name, code and grade span.
    pub async fn update_org(
        &self,
        org_id: OrgId,
        name: &str,
        code: &str,
        grades: Option<(i64, i64)>,
    ) -> Result<(), StoreError> {
        let n = self
            .db
            .execute(
                "UPDATE orgs SET name = $2, code = $3, low_grade = $4, high_grade = $5 WHERE org_id = $1",
                params![org_id, name, code, grades.map(|g| g.0), grades.map(|g| g.1)],
            )
            .await?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// One organisation.
    pub async fn org(&self, org_id: OrgId) -> Result<Option<OrgRecord>, StoreError> {
        self.cached(Key::Org(org_id), async {
            self.db
                .query_opt(org_select!("WHERE org_id = $1"), params![org_id])
                .await?
                .map(|r| org_from(&r))
                .transpose()
        })
        .await
    }

    /// An organisation by its kind and code.
    pub async fn org_by_code(&self, kind: OrgKind, code: &str) -> Result<Option<OrgRecord>, StoreError> {
        self.db
            .query_opt(
                org_select!("WHERE kind = $1 AND code = $2"),
                params![kind.as_str(), code],
            )
            .await?
            .map(|r| org_from(&r))
            .transpose()
    }

    /// The organisations directly below `parent`, by name.
    pub async fn child_orgs(&self, parent: OrgId) -> Result<Vec<OrgRecord>, StoreError> {
        self.db
            .query(org_select!("WHERE parent_id = $1 ORDER BY name"), params![parent])
            .await?
            .iter()
            .map(org_from)
            .collect()
    }

    /// Every organisation of one kind, by name.
    pub async fn orgs_of_kind(&self, kind: OrgKind) -> Result<Vec<OrgRecord>, StoreError> {
        self.db
            .query(org_select!("WHERE kind = $1 ORDER BY name"), params![kind.as_str()])
            .await?
            .iter()
            .map(org_from)
            .collect()
    }

    /// The schools of a district, or the school itself, or every school of
    /// the state: the schools an organisation covers.
    pub async fn schools_under(&self, place: &OrgPlace) -> Result<Vec<OrgRecord>, StoreError> {
        let rows = match place.kind {
            OrgKind::State => {
                self.db
                    .query(
                        org_select!("WHERE kind = 'school' AND state_id = $1 ORDER BY name"),
                        params![place.org_id],
                    )
                    .await?
            }
            OrgKind::District => {
                self.db
                    .query(
                        org_select!("WHERE kind = 'school' AND district_id = $1 ORDER BY name"),
                        params![place.org_id],
                    )
                    .await?
            }
            OrgKind::School => {
                self.db
                    .query(org_select!("WHERE org_id = $1"), params![place.org_id])
                    .await?
            }
        };
        rows.iter().map(org_from).collect()
    }

    /// Creates a school year at a state or district.
    pub async fn create_school_year(
        &self,
        org_id: OrgId,
        name: &str,
        starts_on: &str,
        ends_on: &str,
    ) -> Result<SchoolYearRecord, StoreError> {
        let id = SchoolYearId::generate();
        self.db
            .execute(
                "INSERT INTO school_years (school_year_id, org_id, name, starts_on, ends_on, is_current)
                 VALUES ($1, $2, $3, $4, $5, FALSE)",
                params![id, org_id, name, starts_on, ends_on],
            )
            .await?;
        Ok(SchoolYearRecord {
            school_year_id: id,
            org_id,
            name: name.into(),
            starts_on: starts_on.into(),
            ends_on: ends_on.into(),
            is_current: false,
        })
    }

    /// Makes one school year the current one for its organisation. A year
    /// that is not the organisation's is `NotFound` and changes nothing.
    pub async fn set_current_school_year(&self, org_id: OrgId, id: SchoolYearId) -> Result<(), StoreError> {
        // One statement: unsetting the old year and setting the new one
        // happen together or (for an unknown year) not at all.
        let n = self
            .db
            .execute(
                "UPDATE school_years SET is_current = (school_year_id = $2)
                 WHERE org_id = $1
                   AND EXISTS (SELECT 1 FROM school_years y WHERE y.org_id = $1 AND y.school_year_id = $2)",
                params![org_id, id],
            )
            .await?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The school years of an organisation, newest first.
    pub async fn school_years(&self, org_id: OrgId) -> Result<Vec<SchoolYearRecord>, StoreError> {
        self.db
            .query(
                "SELECT school_year_id, org_id, name, starts_on, ends_on, is_current
                 FROM school_years WHERE org_id = $1 ORDER BY starts_on DESC",
                params![org_id],
            )
            .await?
            .iter()
            .map(|r| {
                Ok(SchoolYearRecord {
                    school_year_id: SchoolYearId(r.i64(0)?),
                    org_id: OrgId(r.i64(1)?),
                    name: r.text(2)?,
                    starts_on: r.text(3)?,
                    ends_on: r.text(4)?,
                    is_current: r.bool(5)?,
                })
            })
            .collect()
    }
}
