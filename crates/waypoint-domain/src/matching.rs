//! Explainable career matching: which occupations fit a student's interest
//! profile, and why.
//!
//! **Method.** A student's interest inventory gives six 0–100 scores, one
//! per RIASEC type (Realistic, Investigative, Artistic, Social, Enterprising,
//! Conventional). O*NET rates every occupation on the same six types (its
//! `OI` scale, 1–7). The fit of an occupation is the **Pearson correlation**
//! between the two six-number profiles: it compares their *shape* (which
//! types are high and which are low), not their level, so a student who
//! answers everything a little higher or lower gets the same matches. The
//! correlation runs from −1 (opposite shapes) to +1 (the same shape); it is
//! shown as a 0–100 "fit" (`50 × (r + 1)`, rounded). This is the
//! profile-correlation approach used by interest-inventory research and
//! careers tools; it needs no weights that someone would have to invent.
//!
//! When the student has also finished a work-values sort and the occupation
//! has O*NET work-value ratings (`EX`), the fit blends both:
//! `0.75 × r(interests) + 0.25 × r(values)`, interests weighing most because
//! they predict satisfaction with a field of work best.
//!
//! A profile whose six scores are all equal has no shape: there is nothing
//! to correlate, and [`rank`] says so ([`MatchError::FlatProfile`]) rather
//! than inventing an order. Occupations with a flat or missing profile are
//! left out.
//!
//! **Reasons.** Every match carries its explanation as data: the student's
//! top types, the occupation's top types, and the types they share, so that
//! a page can say "you scored highest on Investigative and Artistic; this
//! career is mostly Investigative and Artistic". Top types are the highest
//! type and every other type within [`TOP_MARGIN_STUDENT`] points of it
//! (students) or within [`TOP_MARGIN_OCCUPATION`] of it on O*NET's 1–7
//! scale and at least at its midpoint (occupations), at most three: close
//! scores are treated alike rather than split by noise.

/// RIASEC types in the order every profile here uses.
pub const TYPES: [&str; 6] = [
    "realistic",
    "investigative",
    "artistic",
    "social",
    "enterprising",
    "conventional",
];

/// Student types within this many points (0–100) of the highest are "top".
pub const TOP_MARGIN_STUDENT: f64 = 10.0;
/// Occupation types within this much (1–7) of the highest are "top".
pub const TOP_MARGIN_OCCUPATION: f64 = 1.0;
/// The middle of O*NET's 1–7 interest scale: a "top" type must reach it.
const OCCUPATION_MIDPOINT: f64 = 4.0;
/// Weight of interests when work values are blended in.
pub const INTEREST_WEIGHT: f64 = 0.75;

/// One occupation as matching sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// O*NET's six interest ratings (1–7) in [`TYPES`] order.
    pub interests: [f64; 6],
    /// O*NET's work-value extents (1–7) in the order of the student's values
    /// profile, when rated.
    pub values: Option<[f64; 6]>,
}

/// A student's profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// 0–100 scores in [`TYPES`] order.
    pub interests: [f64; 6],
    /// 0–100 work-values scores, in the same order as the candidates'
    /// values, when the student finished a work-values sort.
    pub values: Option<[f64; 6]>,
}

/// Why no ranking could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    #[error("the six interest scores are all the same, so they have no shape to compare")]
    FlatProfile,
}

/// One ranked occupation with its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// Index into the candidates given to [`rank`].
    pub index: usize,
    /// The correlation used for ranking (−1 to 1).
    pub r: f64,
    /// The fit shown to people, 0–100.
    pub fit: u8,
    /// Whether work values counted.
    pub used_values: bool,
    /// Indexes into [`TYPES`]: the student's top types, highest first.
    pub student_top: Vec<usize>,
    /// The occupation's top types, highest first.
    pub career_top: Vec<usize>,
    /// Types in both, in the occupation's order.
    pub shared: Vec<usize>,
}

/// Pearson correlation of two profiles; `None` when either is flat.
pub fn correlation(a: &[f64; 6], b: &[f64; 6]) -> Option<f64> {
    let mean = |x: &[f64; 6]| x.iter().sum::<f64>() / 6.0;
    let (ma, mb) = (mean(a), mean(b));
    let (mut num, mut va, mut vb) = (0.0, 0.0, 0.0);
    for i in 0..6 {
        let (da, db) = (a[i] - ma, b[i] - mb);
        num += da * db;
        va += da * da;
        vb += db * db;
    }
    if va < 1e-12 || vb < 1e-12 || !num.is_finite() {
        return None;
    }
    Some((num / (va.sqrt() * vb.sqrt())).clamp(-1.0, 1.0))
}

/// Indexes of the highest values: the highest, then any within `margin` of
/// it and at least `floor`, highest first (ties in [`TYPES`] order), at most
/// three.
fn top(values: &[f64; 6], margin: f64, floor: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..6).collect();
    order.sort_by(|&x, &y| values[y].total_cmp(&values[x]).then(x.cmp(&y)));
    let best = values[order[0]];
    let mut out = vec![order[0]];
    for &i in &order[1..] {
        if out.len() == 3 {
            break;
        }
        if best - values[i] <= margin + 1e-9 && values[i] >= floor {
            out.push(i);
        }
    }
    out
}

/// The student's top types (see the module documentation).
pub fn student_top(p: &Profile) -> Vec<usize> {
    top(&p.interests, TOP_MARGIN_STUDENT, f64::MIN)
}

/// An occupation's top types (see the module documentation).
pub fn occupation_top(interests: &[f64; 6]) -> Vec<usize> {
    top(interests, TOP_MARGIN_OCCUPATION, OCCUPATION_MIDPOINT)
}

/// Ranks candidates by fit, best first (equal fits keep the candidates'
/// order, so the caller decides, e.g. by title). Candidates that cannot be
/// compared (flat profile) are left out.
pub fn rank(profile: &Profile, candidates: &[Candidate]) -> Result<Vec<Match>, MatchError> {
    if correlation(&profile.interests, &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0]).is_none() {
        return Err(MatchError::FlatProfile);
    }
    let student_top = student_top(profile);
    let mut out: Vec<Match> = candidates
        .iter()
        .enumerate()
        .filter_map(|(index, c)| {
            let ri = correlation(&profile.interests, &c.interests)?;
            let rv = match (&profile.values, &c.values) {
                (Some(pv), Some(cv)) => correlation(pv, cv),
                _ => None,
            };
            let r = match rv {
                Some(rv) => INTEREST_WEIGHT * ri + (1.0 - INTEREST_WEIGHT) * rv,
                None => ri,
            };
            let career_top = occupation_top(&c.interests);
            let shared = career_top.iter().copied().filter(|t| student_top.contains(t)).collect();
            Some(Match {
                index,
                r,
                fit: fit(r),
                used_values: rv.is_some(),
                student_top: student_top.clone(),
                career_top,
                shared,
            })
        })
        .collect();
    out.sort_by(|a, b| b.r.total_cmp(&a.r).then(a.index.cmp(&b.index)));
    Ok(out)
}

/// A correlation as a 0–100 fit.
pub fn fit(r: f64) -> u8 {
    (50.0 * (r.clamp(-1.0, 1.0) + 1.0)).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(i: [f64; 6]) -> Candidate {
        Candidate {
            interests: i,
            values: None,
        }
    }

    #[test]
    fn correlation_is_about_shape_not_level() {
        let a = [10.0, 90.0, 80.0, 30.0, 20.0, 10.0];
        let higher = a.map(|x| x / 2.0 + 40.0);
        assert!((correlation(&a, &higher).unwrap() - 1.0).abs() < 1e-9);
        let opposite = a.map(|x| 100.0 - x);
        assert!((correlation(&a, &opposite).unwrap() + 1.0).abs() < 1e-9);
        assert_eq!(correlation(&a, &[4.0; 6]), None);
        // A hand-worked value: x = 1..6, y = (1, 3, 2, 5, 4, 6):
        // Σdxdy = 15.5, Σdx² = Σdy² = 17.5, r = 0.885714…
        let r = correlation(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[1.0, 3.0, 2.0, 5.0, 4.0, 6.0]).unwrap();
        assert!((r - 15.5 / 17.5).abs() < 1e-12, "{r}");
    }

    #[test]
    fn ranks_by_fit_and_explains() {
        let student = Profile {
            interests: [20.0, 90.0, 85.0, 40.0, 30.0, 10.0],
            values: None,
        };
        let cands = [
            // Mostly Realistic and Conventional: a poor fit.
            cand([6.5, 3.0, 1.5, 2.0, 3.0, 6.0]),
            // Investigative and Artistic: the best fit.
            cand([2.0, 6.8, 6.2, 3.5, 2.5, 1.5]),
            // Investigative, Social.
            cand([2.5, 6.5, 3.0, 5.9, 3.0, 2.0]),
        ];
        let m = rank(&student, &cands).unwrap();
        assert_eq!(m.iter().map(|m| m.index).collect::<Vec<_>>(), [1, 2, 0]);
        assert_eq!(m[0].student_top, [1, 2]);
        assert_eq!(m[0].career_top, [1, 2]);
        assert_eq!(m[0].shared, [1, 2]);
        assert!(m[0].fit > 90, "{}", m[0].fit);
        assert_eq!(m[1].career_top, [1, 3]);
        assert_eq!(m[1].shared, [1]);
        assert!(m[2].r < 0.0 && m[2].fit < 50);
        assert!(m[2].shared.is_empty());
    }

    #[test]
    fn a_flat_profile_is_not_ranked_and_flat_occupations_are_left_out() {
        let flat = Profile {
            interests: [50.0; 6],
            values: None,
        };
        assert_eq!(
            rank(&flat, &[cand([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])]),
            Err(MatchError::FlatProfile)
        );
        let p = Profile {
            interests: [10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
            values: None,
        };
        let m = rank(&p, &[cand([3.0; 6]), cand([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])]).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].index, 1);
        assert_eq!(m[0].fit, 100);
    }

    #[test]
    fn a_retake_that_changes_the_profile_changes_the_matches() {
        let cands = [
            cand([6.5, 2.0, 1.5, 2.0, 3.0, 5.0]),
            cand([1.5, 3.0, 6.5, 5.5, 3.0, 1.5]),
        ];
        let before = Profile {
            interests: [90.0, 30.0, 10.0, 20.0, 40.0, 70.0],
            values: None,
        };
        let after = Profile {
            interests: [10.0, 40.0, 95.0, 80.0, 30.0, 10.0],
            values: None,
        };
        assert_eq!(rank(&before, &cands).unwrap()[0].index, 0);
        assert_eq!(rank(&after, &cands).unwrap()[0].index, 1);
    }

    #[test]
    fn top_types_treat_close_scores_alike_and_stop_at_three() {
        let p = Profile {
            interests: [55.0, 60.0, 52.0, 51.0, 20.0, 58.0],
            values: None,
        };
        // Highest I (60); within 10: C 58, R 55, A 52, S 51 — at most three.
        assert_eq!(student_top(&p), [1, 5, 0]);
        // Occupations: within 1.0 of the highest and at least the midpoint.
        assert_eq!(occupation_top(&[3.9, 4.2, 3.95, 1.0, 1.0, 1.0]), [1]);
        assert_eq!(occupation_top(&[5.0, 4.5, 4.0, 3.9, 1.0, 1.0]), [0, 1, 2]);
    }

    #[test]
    fn work_values_blend_in_when_both_sides_have_them() {
        let interests = [20.0, 90.0, 85.0, 40.0, 30.0, 10.0];
        let occ = [2.0, 6.8, 6.2, 3.5, 2.5, 1.5];
        let student = Profile {
            interests,
            values: Some([90.0, 80.0, 20.0, 30.0, 40.0, 10.0]),
        };
        let with = Candidate {
            interests: occ,
            values: Some([1.0, 2.0, 6.0, 6.0, 5.0, 6.5]),
        };
        let m = rank(&student, &[with, cand(occ)]).unwrap();
        // The same interests; opposite values pull the first one down.
        assert_eq!(m[0].index, 1);
        assert!(!m[0].used_values);
        assert!(m[1].used_values);
        let ri = correlation(&interests, &occ).unwrap();
        assert!(m[1].r < ri);
    }
}
