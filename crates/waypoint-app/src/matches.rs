//! Career matches: the occupations whose interest profile fits the student's, and why.
//!
//! The student's profile is their **latest finished interest inventory** (six 0–100 RIASEC
//! scores, [`App::latest_interest_attempt`]) and, when they have finished one, their latest
//! **work-values sort**. Every occupation of the careers catalog that O*NET rates on all six
//! interests is a candidate; [`waypoint_domain::matching::rank`] orders them by the correlation
//! of the two profiles and says why (the student's top types, the occupation's, the ones they
//! share). Work values count where both sides have them: the sort's scales are matched to
//! O*NET's work values **by name** ([`WORK_VALUE_SCALES`]), since the instrument lists them in
//! another order than O*NET does.
//!
//! A match list is part of the student's record (it is computed from their answers): it is
//! opened through [`App::open_student`] with `View`, so the student, their family and the
//! staff who may see the record see it, and every view is in the access log. Saving a match
//! goes through the saved-careers use case (`SaveCareers`, the student only).

use crate::access::Origin;
use crate::assessments::{LatestAttempt, WORK_VALUES};
use crate::careers::{Catalog, OccupationSummary};
use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use std::collections::HashSet;
use std::sync::Arc;
use waypoint_domain::UserId;
use waypoint_domain::assessment::{Kind, Scores};
use waypoint_domain::authz::StudentAction;
use waypoint_domain::careers::{EntryEducation, JOB_ZONES};
use waypoint_domain::matching::{Candidate, Match, MatchError, Profile, TYPES, rank};
use waypoint_domain::validate::FieldErrors;

/// Matches shown at first, and how many more each "show more" adds.
pub const STEP: usize = 25;
/// The most matches one page lists, however many are asked for.
pub const MAX_SHOWN: usize = 2_000;

/// The student's work-values scales in the order of O*NET's work-value elements
/// (`waypoint_domain::careers::WORK_VALUE_ELEMENTS`: Achievement, Working Conditions,
/// Recognition, Relationships, Support, Independence), which is the order the catalog's
/// [`OccupationSummary::work_values`] are in. The instrument lists the same six scales
/// ([`waypoint_domain::assessment::WORK_VALUES`]) alphabetically.
pub const WORK_VALUE_SCALES: [&str; 6] = [
    "achievement",
    "working_conditions",
    "recognition",
    "relationships",
    "support",
    "independence",
];

/// The filter form as sent: every field text, unchecked.
#[derive(Clone, Debug, Default)]
pub struct MatchForm {
    pub education: Option<String>,
    pub job_zone: Option<String>,
    /// How many matches to list.
    pub show: Option<String>,
}

/// The filters as understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchFilter {
    /// At most this much education needed for entry (as the career search's filter).
    pub education: Option<EntryEducation>,
    pub job_zone: Option<u8>,
    /// How many matches to list: [`STEP`] or more.
    pub show: usize,
}

impl Default for MatchFilter {
    fn default() -> Self {
        MatchFilter {
            education: None,
            job_zone: None,
            show: STEP,
        }
    }
}

impl MatchFilter {
    /// Whether a filter narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.education.is_some() || self.job_zone.is_some()
    }

    fn keeps(&self, o: &OccupationSummary) -> bool {
        self.education.is_none_or(|max| o.education.is_some_and(|e| e <= max))
            && self.job_zone.is_none_or(|z| o.job_zone == Some(z))
    }
}

/// Reads the filter form. A filter that cannot be understood is left out, with a message for
/// its field (the career search's messages); a count that is not one is the first [`STEP`].
pub fn parse_filter(f: &MatchForm) -> (MatchFilter, FieldErrors) {
    let mut errors = FieldErrors::new();
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let education = given(&f.education).and_then(|e| {
        let level = EntryEducation::from_key(&e);
        if level.is_none() {
            errors.add("education", "careers-error-education");
        }
        level
    });
    let job_zone = given(&f.job_zone).and_then(|z| {
        let zone = z.parse::<u8>().ok().filter(|z| JOB_ZONES.contains(z));
        if zone.is_none() {
            errors.add("job_zone", "careers-error-job-zone");
        }
        zone
    });
    let show = given(&f.show)
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(STEP)
        .clamp(STEP, MAX_SHOWN);
    (
        MatchFilter {
            education,
            job_zone,
            show,
        },
        errors,
    )
}

/// One listed match, borrowed from the ranking it comes from.
#[derive(Clone, Copy, Debug)]
pub struct MatchItem<'a> {
    pub occupation: &'a OccupationSummary,
    /// The fit and its reasons.
    pub m: &'a Match,
    /// On the student's list of saved careers.
    pub saved: bool,
}

/// Matches made.
#[derive(Clone, Debug)]
pub struct Ranked {
    /// The student's top types (indexes into [`TYPES`]), highest first.
    pub student_top: Vec<usize>,
    /// Occupations ranked, before the filters.
    pub all: usize,
    /// Occupations the filters keep.
    pub total: usize,
    /// Work values counted for at least one occupation.
    pub used_values: bool,
    /// The kept ranking this comes from (catalog, interest attempt, values attempt), when
    /// it is one: the same key, filters and saved careers give the same list.
    pub ranking: Option<crate::careers::RankingKey>,
    /// The ranking the listed matches are in. Shared, not copied: cloning 25 occupations'
    /// `Arc`s and reasons per view cost more than the rest of the list, since every
    /// view's clones contend for the same reference counts.
    source: Arc<CatalogRanking>,
    /// The listed matches (the first [`MatchFilter::show`] the filters keep, best first):
    /// their places in the ranking, and whether each is saved.
    listed: Vec<(usize, bool)>,
}

impl Ranked {
    /// The listed matches, best first.
    pub fn items(&self) -> impl Iterator<Item = MatchItem<'_>> + '_ {
        let ranked = self.source.ranked.as_deref().unwrap_or_default();
        self.listed.iter().filter_map(move |&(at, saved)| {
            let m = ranked.get(at)?;
            Some(MatchItem {
                occupation: self.source.occupations.get(m.index)?,
                m,
                saved,
            })
        })
    }

    /// How many matches are listed.
    pub fn shown(&self) -> usize {
        self.listed.len()
    }
}

/// What could be made of the student's answers.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// No finished interest inventory.
    NoInventory,
    /// The latest inventory has an area without a score (too few answers).
    Incomplete,
    /// All six interest scores are the same: there is no shape to compare.
    Flat,
    /// No careers data with interest ratings is loaded.
    NoData,
    Ranked(Ranked),
}

/// The matches page's data.
#[derive(Clone, Debug)]
pub struct StudentMatches {
    pub student_id: UserId,
    pub student_name: String,
    pub is_self: bool,
    /// May save a career to the list (the policy's `SaveCareers`).
    pub may_save: bool,
    /// May take or retake a survey (the policy's `TakeAssessment`).
    pub may_take: bool,
    /// The interest inventory the matches come from.
    pub interests: Option<LatestAttempt>,
    /// The work-values sort that counted, when one is finished and scored.
    pub values: Option<LatestAttempt>,
    pub filter: MatchFilter,
    /// Filters that could not be understood (each was left out).
    pub errors: FieldErrors,
    pub outcome: Outcome,
    pub catalog: Arc<Catalog>,
}

/// Six scale scores in the order of `ids`, when every one is scored.
fn profile_of(scores: &Scores, ids: &[&str; 6]) -> Option<[f64; 6]> {
    let mut out = [0.0; 6];
    for (slot, id) in out.iter_mut().zip(ids) {
        *slot = f64::from(scores.scale(id)?.score()?);
    }
    Some(out)
}

/// Ranks the catalog's occupations for the interest scores `interests` and, when given, the
/// work-values scores `values`; keeps those `filter` keeps, the first `filter.show` of them.
/// Equal fits are in title order.
pub fn match_catalog(
    catalog: &Catalog,
    interests: &Scores,
    values: Option<&Scores>,
    filter: &MatchFilter,
    saved: &HashSet<&str>,
) -> Outcome {
    match rank_catalog(catalog, interests, values) {
        Some(ranking) => select(&Arc::new(ranking), None, filter, saved),
        None => Outcome::Incomplete,
    }
}

/// Every occupation of a catalog ranked for one profile, before filters: what
/// [`match_catalog`] computes once and the filters then pick from.
#[derive(Debug)]
pub struct CatalogRanking {
    /// The occupations with interest ratings, in title order (`Match::index` is into it).
    occupations: Vec<Arc<OccupationSummary>>,
    ranked: Result<Vec<Match>, MatchError>,
    /// Work values counted for at least one occupation.
    used_values: bool,
}

/// Ranks the whole catalog; `None` when the interest scores lack a scale.
pub fn rank_catalog(catalog: &Catalog, interests: &Scores, values: Option<&Scores>) -> Option<CatalogRanking> {
    let profile = Profile {
        interests: profile_of(interests, &TYPES)?,
        values: values.and_then(|v| profile_of(v, &WORK_VALUE_SCALES)),
    };
    let (occupations, candidates): (Vec<Arc<OccupationSummary>>, Vec<Candidate>) = catalog
        .interest_profiles_by_title()
        .map(|(o, interests)| {
            (
                o.clone(),
                Candidate {
                    interests,
                    values: o.work_values,
                },
            )
        })
        .unzip();
    let ranked = rank(&profile, &candidates);
    let used_values = ranked.as_ref().is_ok_and(|r| r.iter().any(|m| m.used_values));
    Some(CatalogRanking {
        ranked,
        occupations,
        used_values,
    })
}

/// The first `filter.show` of a ranking that `filter` keeps; `key` names the ranking when it
/// is a kept one.
pub fn select(
    ranking: &Arc<CatalogRanking>,
    key: Option<crate::careers::RankingKey>,
    filter: &MatchFilter,
    saved: &HashSet<&str>,
) -> Outcome {
    let ranked = match &ranking.ranked {
        Ok(r) => r,
        Err(MatchError::FlatProfile) => return Outcome::Flat,
    };
    if ranked.is_empty() {
        return Outcome::NoData;
    }
    let occupations = &ranking.occupations;
    let all = ranked.len();
    let student_top = ranked.first().map(|m| m.student_top.clone()).unwrap_or_default();
    let mut total = 0;
    let mut listed = Vec::with_capacity(filter.show.min(all));
    for (at, m) in ranked.iter().enumerate() {
        let Some(o) = occupations.get(m.index).filter(|o| filter.keeps(o)) else {
            continue;
        };
        total += 1;
        if listed.len() < filter.show {
            listed.push((at, saved.contains(o.code.as_str())));
        } else if !filter.is_filtered() {
            // Every ranked occupation is listed (rank_catalog only ranks the catalog's):
            // no need to walk the rest to count them.
            total = all;
            break;
        }
    }
    Outcome::Ranked(Ranked {
        student_top,
        all,
        total,
        used_values: ranking.used_values,
        ranking: key,
        source: ranking.clone(),
        listed,
    })
}

/// Rankings kept at once. One is about 140 KB with the full O*NET catalog (900-odd
/// occupations, each a `Match` with three small lists), so 256 hold about 36 MB; a miss
/// costs one ranking (well under a millisecond).
const RANKINGS_KEPT: usize = 256;

impl App {
    /// The student's latest finished work-values sort (the shipped one or an operator's),
    /// with its scores. Takes the proof that the caller opened the student's record.
    pub async fn latest_values_attempt(&self, opened: &crate::access::Opened) -> AppResult<Option<LatestAttempt>> {
        let latest = self.store.latest_finished_attempts(opened.facts.student_id).await?;
        Ok(LatestAttempt::find(latest, |a| {
            match self.instruments().get(&a.instrument_id) {
                Some(i) => i.def().kind == Kind::WorkValues,
                None => a.instrument_id == WORK_VALUES,
            }
        }))
    }

    /// The ranking for `key` (catalog, interest attempt, values attempt), computed by `rank`
    /// when not kept: ranking and ordering every occupation was most of a matches page.
    /// At most [`RANKINGS_KEPT`] are kept; when full, the store starts over.
    fn ranking(
        &self,
        key: crate::careers::RankingKey,
        rank: impl FnOnce() -> Option<CatalogRanking>,
    ) -> Option<Arc<CatalogRanking>> {
        if let Some(r) = self
            .careers
            .rankings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Some(r.clone());
        }
        let r = Arc::new(rank()?);
        let mut kept = self.careers.rankings.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() >= RANKINGS_KEPT {
            kept.clear();
        }
        kept.insert(key, r.clone());
        Some(r)
    }

    /// The careers that match the student's latest interest inventory (and work values),
    /// best first, with the reasons; for everyone who may view the record.
    pub async fn career_matches(
        &self,
        actor: &Actor,
        student_id: UserId,
        form: &MatchForm,
        origin: &Origin,
    ) -> AppResult<StudentMatches> {
        let opened = self
            .open_student(actor, student_id, StudentAction::View, "career_matches", origin)
            .await?;
        let overview = self
            .store
            .student_overview(student_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let interests = self.latest_interest_attempt(&opened).await?;
        let values = self.latest_values_attempt(&opened).await?.filter(|a| {
            a.scores
                .as_ref()
                .and_then(|s| profile_of(s, &WORK_VALUE_SCALES))
                .is_some()
        });
        let list = self.store.saved_careers(student_id).await?;
        let catalog = self.careers_catalog().await?;
        let (filter, errors) = parse_filter(form);
        let saved: HashSet<&str> = list.iter().map(|s| s.onet_code.as_str()).collect();
        let outcome = match interests.as_ref().map(|a| a.scores.as_ref()) {
            None => Outcome::NoInventory,
            Some(None) => Outcome::Incomplete,
            Some(Some(scores)) => {
                let key = (
                    catalog.id(),
                    interests.as_ref().map_or(0, |a| a.id.0),
                    values.as_ref().map(|v| v.id.0),
                );
                match self.ranking(key, || {
                    rank_catalog(&catalog, scores, values.as_ref().and_then(|v| v.scores.as_ref()))
                }) {
                    Some(ranking) => select(&ranking, Some(key), &filter, &saved),
                    None => Outcome::Incomplete,
                }
            }
        };
        let f = &opened.facts;
        Ok(StudentMatches {
            student_id,
            student_name: overview.student.user.full_name(),
            is_self: actor.user_id == student_id,
            may_save: self.may(actor, StudentAction::SaveCareers, f),
            may_take: self.may(actor, StudentAction::TakeAssessment, f),
            interests,
            values,
            filter,
            errors,
            outcome,
            catalog,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waypoint_domain::assessment::{ScaleOutcome, ScaleScore};
    use waypoint_store::career_catalog::{CatalogOccupation, CatalogRows};
    use waypoint_store::careers::Projection;

    fn scores(ids: &[&str], values: [u8; 6]) -> Scores {
        Scores {
            instrument_id: "x".into(),
            instrument_version: "1".into(),
            form_id: "full".into(),
            complete: true,
            scales: ids
                .iter()
                .zip(values)
                .map(|(id, score)| ScaleScore {
                    scale: (*id).to_string(),
                    items: 8,
                    answered: 8,
                    needed: 6,
                    outcome: ScaleOutcome::Scored {
                        score,
                        raw: 0.0,
                        band: "middle".into(),
                    },
                })
                .collect(),
            code: None,
        }
    }

    fn riasec(values: [u8; 6]) -> Scores {
        scores(&TYPES, values)
    }

    fn catalog() -> Catalog {
        let occ = |code: &str, title: &str, zone: i64| CatalogOccupation {
            code: code.into(),
            soc_code: code[..7].into(),
            title: title.into(),
            description: String::new(),
            job_zone: Some(zone),
        };
        let mut r = CatalogRows {
            occupations: vec![
                occ("27-1024.00", "Graphic Designers", 4),
                occ("47-2111.00", "Electricians", 3),
                occ("15-1252.00", "Software Developers", 4),
                occ("21-1012.00", "School Counselors", 5),
                occ("47-2199.00", "Construction Trades Workers, All Other", 2),
            ],
            ..CatalogRows::default()
        };
        for (code, p) in [
            ("27-1024.00", [2.0, 3.0, 6.8, 2.3, 3.8, 3.3]),
            ("47-2111.00", [6.8, 3.8, 1.5, 1.9, 2.6, 3.9]),
            ("15-1252.00", [2.1, 6.3, 3.1, 1.9, 3.0, 4.3]),
            ("21-1012.00", [1.4, 3.1, 2.3, 6.8, 3.8, 3.9]),
        ] {
            for (e, v) in waypoint_domain::careers::INTEREST_ELEMENTS.iter().zip(p) {
                r.interests.push((code.into(), (*e).to_string(), v));
            }
        }
        // Software developers value achievement and independence; counselors relationships.
        // O*NET's order: achievement, working conditions, recognition, relationships,
        // support, independence.
        for (code, v) in [
            ("15-1252.00", [6.5, 4.0, 3.0, 2.0, 3.0, 6.5]),
            ("21-1012.00", [3.0, 4.0, 3.0, 6.8, 5.0, 2.0]),
        ] {
            for (e, x) in waypoint_domain::careers::WORK_VALUE_ELEMENTS.iter().zip(v) {
                r.work_values.push((code.into(), (*e).to_string(), x));
            }
        }
        let proj = |soc: &str, education: &str| Projection {
            soc_code: soc.into(),
            title: soc.into(),
            broad_group: false,
            employment: None,
            employment_projected: None,
            change: None,
            change_percent: None,
            openings: None,
            median_wage: None,
            median_wage_top_coded: false,
            education: Some(education.into()),
            work_experience: None,
            training: None,
        };
        r.projections = vec![
            ("27-1024.00".into(), proj("27-1024", "Bachelor's degree")),
            (
                "47-2111.00".into(),
                proj("47-2111", "High school diploma or equivalent"),
            ),
            ("15-1252.00".into(), proj("15-1252", "Bachelor's degree")),
            ("21-1012.00".into(), proj("21-1012", "Master's degree")),
        ];
        Catalog::build(r)
    }

    fn codes(o: &Outcome) -> Vec<&str> {
        match o {
            Outcome::Ranked(r) => r.items().map(|i| i.occupation.code.as_str()).collect(),
            other => panic!("not ranked: {other:?}"),
        }
    }

    #[test]
    fn the_work_value_scales_are_the_instruments_in_onets_order() {
        let mut ours = WORK_VALUE_SCALES.to_vec();
        ours.sort_unstable();
        let mut instrument = waypoint_domain::assessment::WORK_VALUES.to_vec();
        instrument.sort_unstable();
        assert_eq!(ours, instrument, "the same six scales");
        // O*NET's element names, in its order (the Work Values file's `Element Name`).
        let onet = [
            "Achievement",
            "Working Conditions",
            "Recognition",
            "Relationships",
            "Support",
            "Independence",
        ];
        for (scale, name) in WORK_VALUE_SCALES.iter().zip(onet) {
            assert_eq!(scale.replace('_', " "), name.to_lowercase());
        }
    }

    #[test]
    fn ranks_explains_filters_and_limits() {
        let c = catalog();
        let none = HashSet::new();
        // Artistic first, then Enterprising and Social.
        let student = riasec([10, 30, 95, 60, 70, 20]);
        let all = match_catalog(&c, &student, None, &MatchFilter::default(), &none);
        assert_eq!(
            codes(&all),
            ["27-1024.00", "21-1012.00", "15-1252.00", "47-2111.00"],
            "the occupation without six ratings is left out"
        );
        let Outcome::Ranked(r) = &all else { unreachable!() };
        assert_eq!(r.all, 4);
        assert_eq!(r.total, 4);
        assert_eq!(r.student_top, [2]);
        assert_eq!(r.items().next().unwrap().m.career_top, [2]);
        assert_eq!(r.items().next().unwrap().m.shared, [2]);
        assert!(!r.used_values);
        // At most a bachelor's degree; job zone 3.
        let f = MatchFilter {
            education: Some(EntryEducation::Bachelor),
            ..MatchFilter::default()
        };
        assert_eq!(
            codes(&match_catalog(&c, &student, None, &f, &none)),
            ["27-1024.00", "15-1252.00", "47-2111.00"]
        );
        let f = MatchFilter {
            job_zone: Some(3),
            ..MatchFilter::default()
        };
        let Outcome::Ranked(r) = match_catalog(&c, &student, None, &f, &none) else {
            unreachable!()
        };
        assert_eq!((r.all, r.total, r.shown()), (4, 1, 1));
        // Fewer shown than ranked: the count is still of all of them, filtered or not.
        let f = MatchFilter {
            show: 2,
            ..MatchFilter::default()
        };
        let Outcome::Ranked(r) = match_catalog(&c, &student, None, &f, &none) else {
            unreachable!()
        };
        assert_eq!((r.all, r.total, r.shown()), (4, 4, 2));
        let f = MatchFilter {
            education: Some(EntryEducation::Bachelor),
            show: 1,
            ..MatchFilter::default()
        };
        let Outcome::Ranked(r) = match_catalog(&c, &student, None, &f, &none) else {
            unreachable!()
        };
        assert_eq!((r.all, r.total, r.shown()), (4, 3, 1));
        // Saved careers are marked.
        let saved: HashSet<&str> = ["21-1012.00"].into_iter().collect();
        let Outcome::Ranked(r) = match_catalog(&c, &student, None, &MatchFilter::default(), &saved) else {
            unreachable!()
        };
        assert!(r.items().all(|i| i.saved == (i.occupation.code == "21-1012.00")));
    }

    #[test]
    fn a_flat_or_incomplete_profile_is_not_ranked() {
        let c = catalog();
        let none = HashSet::new();
        let f = MatchFilter::default();
        assert!(matches!(
            match_catalog(&c, &riasec([50; 6]), None, &f, &none),
            Outcome::Flat
        ));
        let mut partial = riasec([10, 20, 30, 40, 50, 60]);
        partial.scales[2].outcome = ScaleOutcome::NotEnoughAnswers;
        assert!(matches!(
            match_catalog(&c, &partial, None, &f, &none),
            Outcome::Incomplete
        ));
        assert!(matches!(
            match_catalog(&Catalog::default(), &riasec([10, 20, 30, 40, 50, 60]), None, &f, &none),
            Outcome::NoData
        ));
    }

    #[test]
    fn work_values_count_by_name() {
        let c = catalog();
        let none = HashSet::new();
        let f = MatchFilter::default();
        // Investigative and Social alike: developers and counselors are close on interests.
        let student = riasec([10, 90, 20, 85, 30, 40]);
        let plain = match_catalog(&c, &student, None, &f, &none);
        let plain = codes(&plain);
        // Values in the instrument's order: achievement, independence, recognition,
        // relationships, support, working conditions. Relationships and support first:
        // the counselor's values.
        let people = scores(&waypoint_domain::assessment::WORK_VALUES, [20, 10, 30, 95, 90, 40]);
        let with_people = match_catalog(&c, &student, Some(&people), &f, &none);
        // Achievement and independence first: the developer's values.
        let drive = scores(&waypoint_domain::assessment::WORK_VALUES, [95, 90, 40, 10, 20, 30]);
        let with_drive = match_catalog(&c, &student, Some(&drive), &f, &none);
        let (Outcome::Ranked(a), Outcome::Ranked(b)) = (&with_people, &with_drive) else {
            unreachable!()
        };
        assert!(a.used_values && b.used_values);
        assert_eq!(codes(&with_people)[0], "21-1012.00", "{plain:?}");
        assert_eq!(codes(&with_drive)[0], "15-1252.00", "{plain:?}");
        // Occupations without values are ranked by interests alone.
        assert!(a.items().any(|i| !i.m.used_values));
    }

    #[test]
    fn bad_filters_are_left_out_with_a_message() {
        let form = |e: &str, z: &str, s: &str| MatchForm {
            education: Some(e.into()),
            job_zone: Some(z.into()),
            show: Some(s.into()),
        };
        let (f, e) = parse_filter(&form("bachelor", "4", "50"));
        assert_eq!(
            f,
            MatchFilter {
                education: Some(EntryEducation::Bachelor),
                job_zone: Some(4),
                show: 50
            }
        );
        assert!(e.is_empty());
        let (f, e) = parse_filter(&form("phd", "9", "lots"));
        assert_eq!(f, MatchFilter::default());
        assert_eq!(e.for_field("education"), Some("careers-error-education"));
        assert_eq!(e.for_field("job_zone"), Some("careers-error-job-zone"));
        let (f, _) = parse_filter(&form("", "", "99999999999999999999999"));
        assert_eq!(f.show, STEP);
        let (f, _) = parse_filter(&form("", "", "1000000"));
        assert_eq!(f.show, MAX_SHOWN);
        let (f, _) = parse_filter(&form("", "", "0"));
        assert_eq!(f.show, STEP);
        assert_eq!(parse_filter(&MatchForm::default()).0, MatchFilter::default());
    }
}
