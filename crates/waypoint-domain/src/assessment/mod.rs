//! Assessments whose instruments are data: interest inventories, work-values
//! sorts and skills self-ratings.
//!
//! An **instrument** is a TOML file (`content/instruments/*.toml`, format in
//! `docs/instruments.md` and `schemas/instrument-v1.schema.json`): its items,
//! response scale, scales, scoring, interpretation bands, forms and every
//! text in English, Spanish and any other language it lists.
//! [`Instrument::from_toml_str`] reads and validates one, reporting every
//! problem with the field and item it is in; nothing here reads files.
//!
//! **Scoring** ([`Instrument::score`]) is a pure function of an instrument, a
//! form and the answers (item id → response value):
//!
//! - an item's score is its response value, or `lowest + highest − value` when
//!   the item is reverse-keyed;
//! - a scale is scored only when at least `min_answered` of its items on the
//!   form were answered; otherwise it is [`ScaleOutcome::NotEnoughAnswers`];
//! - its raw score is the sum or the mean of its answered items' scores
//!   (`scoring.method`); its **0–100 score** is where the mean lies between the
//!   scale's lowest and highest point, `100 × (mean − lowest) / (highest −
//!   lowest)`, rounded to a whole number (halves up), computed in integers, so
//!   a skipped item never lowers a score;
//! - its band is the `scoring.bands` entry whose range holds the score.
//!
//! **The code and ties.** When `scoring.code_length` is above zero (3 for a
//! RIASEC inventory) and every scale is scored, the result has a [`Code`]:
//! scales in order of score, highest first. Scales whose 0–100 scores are
//! equal are **tied**, and tied scales share places: the code never puts one
//! of them ahead of another. A tie group is written with `/` between its
//! letters (in the instrument's scale order, which is not a ranking), and
//! when the code has a tie its groups are separated by `-`. So `IAS` has no
//! ties; `I/A-S` means Investigative and Artistic tie for first and second
//! place and Social is third; `I-A/S/E` means Investigative is first and two
//! of Artistic, Social and Enterprising — tied — fill the other two places.
//! [`Code::alternatives`] lists every plain code the scores allow. A scale
//! without enough answers leaves the code out altogether (its place cannot be
//! known).
//!
//! **Attempts** ([`Attempt`]) keep a student's answers, the instrument id and
//! version, the form, grade, language and times; they can be paused and
//! resumed ([`Attempt::record`], [`Attempt::progress`]) and when finished
//! keep their [`Scores`], so a result stays readable after the instrument
//! changes. Everything is serde-serialisable for the store.

mod attempt;
mod def;
mod score;

#[cfg(test)]
mod tests;

pub use attempt::{Attempt, AttemptError, PileCount, Progress, ScaleProgress};
pub use def::{
    BandDef, FORMAT, FORMAT_VERSION, FULL_FORM, Form, FormDef, GradeRange, Instrument, InstrumentDef, ItemDef, Kind,
    LoadError, Method, Point, Problem, REQUIRED_LANGUAGES, RIASEC, Response, ResponseKind, ScaleDef, Scoring, Text,
    WORK_VALUES,
};
pub use score::{AnswerProblem, Answers, Code, CodeGroup, ScaleOutcome, ScaleScore, ScoreError, Scores};
