//! Organisations: one state, its districts and their schools.

use crate::OrgId;
use serde::{Deserialize, Serialize};

/// The level of an organisation in the hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    State,
    District,
    School,
}

impl OrgKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::State => "state",
            OrgKind::District => "district",
            OrgKind::School => "school",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "state" => Some(OrgKind::State),
            "district" => Some(OrgKind::District),
            "school" => Some(OrgKind::School),
            _ => None,
        }
    }
}

/// Where an organisation sits: enough to decide whether a grant at one
/// organisation covers another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgPlace {
    pub org_id: OrgId,
    pub kind: OrgKind,
    /// The district the organisation belongs to (itself for a district).
    pub district_id: Option<OrgId>,
    pub state_id: OrgId,
}

impl OrgPlace {
    /// True when `self` is `other` or contains it.
    pub fn covers(&self, other: &OrgPlace) -> bool {
        match self.kind {
            OrgKind::State => self.org_id == other.state_id,
            OrgKind::District => other.district_id == Some(self.org_id),
            OrgKind::School => other.org_id == self.org_id,
        }
    }
}
