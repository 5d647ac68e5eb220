//! Scoring: answers → scale scores, bands and the code.

use super::def::{Form, Instrument, Method, ResponseKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A student's answers: item id → response value (a point's `value`, or a
/// pile's for a sort). Items left out are unanswered.
pub type Answers = BTreeMap<String, i32>;

/// Something wrong with a set of answers.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerProblem {
    #[error("item {item:?} is not on this form")]
    UnknownItem { item: String },
    #[error("item {item:?}: {value} is not a point of the response scale")]
    NotOnScale { item: String, value: i32 },
    #[error("pile {value} holds {count} items, more than its capacity of {capacity}")]
    OverCapacity { value: i32, count: u32, capacity: u32 },
}

/// Why answers could not be scored.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("the instrument has no form {0:?}")]
    UnknownForm(String),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Answers(Vec<AnswerProblem>),
}

/// The result of scoring one set of answers on one form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub instrument_id: String,
    pub instrument_version: String,
    pub form_id: String,
    /// Every item on the form was answered.
    pub complete: bool,
    /// One per scale, in the instrument's order.
    pub scales: Vec<ScaleScore>,
    /// The top scales, ties shown as ties; `None` when the instrument has
    /// no code or a scale had too few answers.
    pub code: Option<Code>,
}

impl Scores {
    /// The score of the scale with this id.
    pub fn scale(&self, id: &str) -> Option<&ScaleScore> {
        self.scales.iter().find(|s| s.scale == id)
    }

    /// The scales that could not be scored for want of answers.
    pub fn incomplete_scales(&self) -> impl Iterator<Item = &ScaleScore> {
        self.scales
            .iter()
            .filter(|s| s.outcome == ScaleOutcome::NotEnoughAnswers)
    }
}

/// One scale's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleScore {
    pub scale: String,
    /// Items on the form that score this scale.
    pub items: u32,
    /// Of those, how many were answered.
    pub answered: u32,
    /// Answers needed for a score.
    pub needed: u32,
    pub outcome: ScaleOutcome,
}

impl ScaleScore {
    /// The 0–100 score, when scored.
    pub fn score(&self) -> Option<u8> {
        match self.outcome {
            ScaleOutcome::Scored { score, .. } => Some(score),
            ScaleOutcome::NotEnoughAnswers => None,
        }
    }

    /// The band id, when scored.
    pub fn band(&self) -> Option<&str> {
        match &self.outcome {
            ScaleOutcome::Scored { band, .. } => Some(band),
            ScaleOutcome::NotEnoughAnswers => None,
        }
    }
}

/// A scale's score, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ScaleOutcome {
    Scored {
        /// The sum or mean of the answered items' scores (`scoring.method`).
        raw: f64,
        /// 0–100: where the mean item score lies between the lowest and
        /// highest point of the response scale.
        score: u8,
        /// The id of the interpretation band the score falls in.
        band: String,
    },
    /// Fewer answers than the form needs for this scale.
    NotEnoughAnswers,
}

/// The top scales by score, with ties kept as ties.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    /// For reading: `IAS`, or with ties `I/A-S`, `I-A/S/E` (see the module
    /// documentation).
    pub text: String,
    /// Groups of equal score, highest first.
    pub groups: Vec<CodeGroup>,
}

/// Scales with the same score, which share places in the code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeGroup {
    /// Scale ids, in the instrument's order (not a ranking).
    pub scales: Vec<String>,
    /// Their letters (the scale's `code`, else its id), in the same order.
    pub letters: Vec<String>,
    /// Their common 0–100 score.
    pub score: u8,
    /// How many places of the code the group fills: all its scales, except
    /// in the last group, where a tie may hold more scales than places.
    pub places: u8,
}

impl Code {
    /// True when some places are shared by tied scales.
    pub fn is_tied(&self) -> bool {
        self.groups.iter().any(|g| g.letters.len() > 1)
    }

    /// Every plain code (one letter a place) the scores allow, in order, at
    /// most `limit` of them. Without ties, just the one.
    pub fn alternatives(&self, limit: usize) -> Vec<String> {
        let single = self
            .groups
            .iter()
            .flat_map(|g| &g.letters)
            .all(|l| l.chars().count() == 1);
        let mut g = Alternatives {
            sep: if single { "" } else { "-" },
            limit,
            current: Vec::new(),
            out: Vec::new(),
        };
        g.groups(&self.groups);
        g.out
    }
}

struct Alternatives<'a> {
    sep: &'static str,
    limit: usize,
    current: Vec<&'a str>,
    out: Vec<String>,
}

impl<'a> Alternatives<'a> {
    fn groups(&mut self, groups: &'a [CodeGroup]) {
        match groups.split_first() {
            None => {
                if self.out.len() < self.limit {
                    self.out.push(self.current.join(self.sep));
                }
            }
            Some((group, rest)) => {
                let mut used = vec![false; group.letters.len()];
                self.pick(group, group.places as usize, rest, &mut used);
            }
        }
    }

    /// Fills `left` more places from `group`'s unused letters, then goes on
    /// to the groups in `rest`.
    fn pick(&mut self, group: &'a CodeGroup, left: usize, rest: &'a [CodeGroup], used: &mut [bool]) {
        if left == 0 {
            self.groups(rest);
            return;
        }
        for i in 0..group.letters.len() {
            if used[i] || self.out.len() >= self.limit {
                continue;
            }
            used[i] = true;
            self.current.push(&group.letters[i]);
            self.pick(group, left - 1, rest, used);
            self.current.pop();
            used[i] = false;
        }
    }
}

/// Rounds `num / den` to the nearest whole number, halves up (`num ≥ 0`,
/// `den > 0`).
fn round_ratio(num: i64, den: i64) -> i64 {
    (2 * num + den) / (2 * den)
}

impl Instrument {
    /// Checks answers against a form: every item is on the form, every value
    /// is a point of the scale, no pile of a sort is over capacity. Partial
    /// answers are fine.
    pub fn check_answers(&self, form: &Form, answers: &Answers) -> Result<(), Vec<AnswerProblem>> {
        let mut problems = Vec::new();
        for (item, &value) in answers {
            let on_form = self.item_position(item).is_some_and(|i| form.items.contains(&i));
            if !on_form {
                problems.push(AnswerProblem::UnknownItem { item: item.clone() });
            } else if self.point(value).is_none() {
                problems.push(AnswerProblem::NotOnScale {
                    item: item.clone(),
                    value,
                });
            }
        }
        if self.def().response.kind == ResponseKind::Sort {
            for p in &self.def().response.points {
                let Some(capacity) = p.capacity else { continue };
                let count = answers.values().filter(|&&v| v == p.value).count() as u32;
                if count > capacity {
                    problems.push(AnswerProblem::OverCapacity {
                        value: p.value,
                        count,
                        capacity,
                    });
                }
            }
        }
        if problems.is_empty() { Ok(()) } else { Err(problems) }
    }

    /// Scores `answers` on the form `form_id` (see the module documentation
    /// for the rules). Answers that fail [`Instrument::check_answers`] are an
    /// error; missing answers are not.
    pub fn score(&self, form_id: &str, answers: &Answers) -> Result<Scores, ScoreError> {
        let form = self
            .form(form_id)
            .ok_or_else(|| ScoreError::UnknownForm(form_id.to_string()))?;
        self.check_answers(form, answers).map_err(ScoreError::Answers)?;
        let def = self.def();
        let (lo, hi) = (i64::from(self.lowest), i64::from(self.highest));
        let n = def.scales.len();
        let mut items = vec![0u32; n];
        let mut answered = vec![0u32; n];
        let mut sums = vec![0i64; n];
        for &i in &form.items {
            let answer = answers.get(&def.items[i].id);
            let item_score = answer.map(|&v| {
                let v = i64::from(v);
                if def.items[i].reverse { lo + hi - v } else { v }
            });
            for &s in &self.item_scales[i] {
                items[s] += 1;
                if let Some(x) = item_score {
                    answered[s] += 1;
                    sums[s] += x;
                }
            }
        }
        let scales: Vec<ScaleScore> = def
            .scales
            .iter()
            .enumerate()
            .map(|(s, scale)| {
                let needed = form.min_answered.min(items[s]).max(1);
                let outcome = if answered[s] < needed {
                    ScaleOutcome::NotEnoughAnswers
                } else {
                    let a = i64::from(answered[s]);
                    let score = round_ratio(100 * (sums[s] - a * lo), a * (hi - lo)).clamp(0, 100) as u8;
                    let band = def
                        .scoring
                        .bands
                        .iter()
                        .find(|b| (b.from..=b.to).contains(&score))
                        .map(|b| b.id.clone())
                        .unwrap_or_default();
                    let raw = match def.scoring.method {
                        Method::Sum => sums[s] as f64,
                        Method::Mean => sums[s] as f64 / a as f64,
                    };
                    ScaleOutcome::Scored { raw, score, band }
                };
                ScaleScore {
                    scale: scale.id.clone(),
                    items: items[s],
                    answered: answered[s],
                    needed,
                    outcome,
                }
            })
            .collect();
        let complete = form.items.iter().all(|&i| answers.contains_key(&def.items[i].id));
        let code = self.code(&scales);
        Ok(Scores {
            instrument_id: def.id.clone(),
            instrument_version: def.version.clone(),
            form_id: form.id.clone(),
            complete,
            scales,
            code,
        })
    }

    /// The code: the first `code_length` places by score, ties kept.
    fn code(&self, scales: &[ScaleScore]) -> Option<Code> {
        let def = self.def();
        let length = def.scoring.code_length as usize;
        if length == 0 {
            return None;
        }
        let mut scored: Vec<(usize, u8)> = Vec::with_capacity(scales.len());
        for (i, s) in scales.iter().enumerate() {
            scored.push((i, s.score()?));
        }
        // Stable: equal scores keep the instrument's order.
        scored.sort_by_key(|x| std::cmp::Reverse(x.1));
        let mut groups: Vec<CodeGroup> = Vec::new();
        let mut remaining = length;
        let mut k = 0;
        while remaining > 0 && k < scored.len() {
            let score = scored[k].1;
            let members: Vec<usize> = scored[k..].iter().take_while(|x| x.1 == score).map(|x| x.0).collect();
            k += members.len();
            let places = members.len().min(remaining);
            remaining -= places;
            groups.push(CodeGroup {
                scales: members.iter().map(|&i| def.scales[i].id.clone()).collect(),
                letters: members
                    .iter()
                    .map(|&i| def.scales[i].code.clone().unwrap_or_else(|| def.scales[i].id.clone()))
                    .collect(),
                score,
                places: places as u8,
            });
        }
        let tied = groups.iter().any(|g| g.letters.len() > 1);
        let single = groups.iter().flat_map(|g| &g.letters).all(|l| l.chars().count() == 1);
        let sep = if tied || !single { "-" } else { "" };
        let text = groups.iter().map(|g| g.letters.join("/")).collect::<Vec<_>>().join(sep);
        Some(Code { text, groups })
    }
}
