//! The instrument file format and its validation.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// The value of `format` in every instrument file.
pub const FORMAT: &str = "waypoint-instrument";
/// The version of the file format this code reads (`format_version`).
pub const FORMAT_VERSION: u32 = 1;
/// The id of the form every instrument has: all its items, in file order.
pub const FULL_FORM: &str = "full";
/// Languages every text must have.
pub const REQUIRED_LANGUAGES: [&str; 2] = ["en", "es"];
/// The scales of an interest inventory, with their letters, in the usual
/// (hexagon) order.
pub const RIASEC: [(&str, &str); 6] = [
    ("realistic", "R"),
    ("investigative", "I"),
    ("artistic", "A"),
    ("social", "S"),
    ("enterprising", "E"),
    ("conventional", "C"),
];
/// The scales of a work-values sort: O*NET's six work values, so that a
/// student's values can be compared with occupations'.
pub const WORK_VALUES: [&str; 6] = [
    "achievement",
    "independence",
    "recognition",
    "relationships",
    "support",
    "working_conditions",
];

const MAX_ITEMS: usize = 1000;
const MAX_SCALES: usize = 50;
const MAX_POINTS: usize = 11;
const MAX_CODE_LENGTH: u32 = 6;
const MAX_VALUE: i32 = 1000;
const MAX_SHORT_TEXT: usize = 200;
const MAX_ITEM_TEXT: usize = 500;
const MAX_LONG_TEXT: usize = 4000;

/// Text in each of an instrument's languages: language tag → text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else in English, else empty.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// What an instrument measures. The kind fixes the scales an inventory or a
/// values sort must have, so that results compare with occupations' data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// RIASEC interests: exactly the six scales of [`RIASEC`].
    InterestInventory,
    /// Work values: exactly the six scales of [`WORK_VALUES`].
    WorkValues,
    /// Confidence in skills: any scales.
    SkillsSelfRating,
}

/// A range of grade levels, both ends included (6–12, 13 for alumni).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeRange {
    pub min: i64,
    pub max: i64,
}

impl GradeRange {
    /// True when `grade` is in the range.
    pub fn contains(&self, grade: i64) -> bool {
        (self.min..=self.max).contains(&grade)
    }
}

/// How a student answers an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseKind {
    /// One point of a rating scale per item (e.g. 1–5, "strongly dislike" to
    /// "strongly like").
    Likert,
    /// A card sort: each item goes into one pile; a pile with a `capacity`
    /// holds at most that many items. A ranking is a sort whose piles each
    /// hold one item.
    Sort,
}

/// The response scale: its kind and its points (piles for a sort).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    #[serde(rename = "type")]
    pub kind: ResponseKind,
    pub points: Vec<Point>,
}

/// One point of the response scale, or one pile of a sort.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The value an answer records and scoring adds up.
    pub value: i32,
    pub label: Text,
    /// Sorts only: at most this many items in the pile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// How a scale's raw score is made from its items' scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Sum,
    Mean,
}

/// Scoring rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub method: Method,
    /// Fewest answered items for a scale to be scored on the full form
    /// (forms may set their own).
    pub min_answered: u32,
    /// Places in the result's code (3 for RIASEC); 0 for no code.
    #[serde(default)]
    pub code_length: u32,
    /// Interpretation bands over the 0–100 score, lowest first, covering
    /// 0–100 without gaps or overlaps. Each scale says what each band means.
    pub bands: Vec<BandDef>,
}

/// An interpretation band: a range of 0–100 scores and its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandDef {
    pub id: String,
    pub from: u8,
    pub to: u8,
    pub label: Text,
}

/// A scale: what a group of items measures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    pub id: String,
    /// Its letter or short name in the code ("R" for realistic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub name: Text,
    /// What the scale is about, in a sentence or two.
    pub description: Text,
    /// Band id → what a score in that band means, in plain language.
    pub meaning: BTreeMap<String, Text>,
}

/// An item: one statement or activity the student responds to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    /// The scales it counts towards (usually one).
    pub scales: Vec<String>,
    /// Scored as `lowest + highest − value`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reverse: bool,
    /// A note for reviewers, e.g. "grade 4 (Flesch-Kincaid)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading_level: Option<String>,
    pub text: Text,
}

/// A form as written in the file: a subset of the items for some grades.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    pub id: String,
    pub name: Text,
    pub grades: GradeRange,
    /// Item ids, in the order they are asked.
    pub items: Vec<String>,
    /// Overrides `scoring.min_answered` on this form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_answered: Option<u32>,
}

/// An instrument file as written, before validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDef {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`FORMAT_VERSION`].
    pub format_version: u32,
    pub id: String,
    /// Changes whenever items, scales or scoring change; attempts keep it.
    pub version: String,
    pub kind: Kind,
    /// The languages every text is in; must include en and es.
    pub languages: Vec<String>,
    pub grades: GradeRange,
    pub title: Text,
    pub instructions: Text,
    /// Items shown on one page (default 6).
    #[serde(default = "default_items_per_page")]
    pub items_per_page: u32,
    /// A note on reading level, for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Credit to show with the instrument, when its terms ask for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    pub response: Response,
    pub scoring: Scoring,
    pub scales: Vec<ScaleDef>,
    pub items: Vec<ItemDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<FormDef>,
}

fn default_items_per_page() -> u32 {
    6
}

/// One problem with an instrument definition: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field, e.g. `items[4] (id "r05").text.es`.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why an instrument could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// Not TOML, or not the shape of an instrument (unknown or missing
    /// field, wrong type).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but breaks the rules: every problem found.
    #[error("{}", .0.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// A validated form: its items (indexes into the instrument's items).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub id: String,
    pub name: Text,
    pub grades: GradeRange,
    pub min_answered: u32,
    pub(crate) items: Vec<usize>,
}

impl Form {
    /// Number of items on the form.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when the form has no items (never, once validated).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A validated instrument, ready to score. Built only by
/// [`Instrument::from_toml_str`] or [`Instrument::from_def`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instrument {
    def: InstrumentDef,
    forms: Vec<Form>,
    item_index: HashMap<String, usize>,
    /// Per item, the indexes of the scales it scores.
    pub(crate) item_scales: Vec<Vec<usize>>,
    pub(crate) lowest: i32,
    pub(crate) highest: i32,
}

impl Instrument {
    /// Reads and validates an instrument from TOML.
    pub fn from_toml_str(source: &str) -> Result<Self, LoadError> {
        let def: InstrumentDef = toml::from_str(source).map_err(|e| {
            let (line, column) = e.span().map(|s| line_column(source, s.start)).unwrap_or((1, 1));
            LoadError::Syntax {
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        Self::from_def(def).map_err(LoadError::Invalid)
    }

    /// Validates a definition, listing every problem.
    pub fn from_def(def: InstrumentDef) -> Result<Self, Vec<Problem>> {
        let mut v = Validator::default();
        v.instrument(&def);
        if !v.problems.is_empty() {
            return Err(v.problems);
        }
        let scale_index: HashMap<&str, usize> =
            def.scales.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let item_index: HashMap<String, usize> =
            def.items.iter().enumerate().map(|(i, it)| (it.id.clone(), i)).collect();
        let item_scales = def
            .items
            .iter()
            .map(|it| it.scales.iter().map(|s| scale_index[s.as_str()]).collect())
            .collect();
        let mut forms = vec![Form {
            id: FULL_FORM.to_string(),
            name: def.title.clone(),
            grades: def.grades,
            min_answered: def.scoring.min_answered,
            items: (0..def.items.len()).collect(),
        }];
        for f in &def.forms {
            forms.push(Form {
                id: f.id.clone(),
                name: f.name.clone(),
                grades: f.grades,
                min_answered: f.min_answered.unwrap_or(def.scoring.min_answered),
                items: f.items.iter().map(|id| item_index[id]).collect(),
            });
        }
        let lowest = def.response.points.iter().map(|p| p.value).min().unwrap_or(0);
        let highest = def.response.points.iter().map(|p| p.value).max().unwrap_or(0);
        Ok(Instrument {
            def,
            forms,
            item_index,
            item_scales,
            lowest,
            highest,
        })
    }

    /// The definition as read.
    pub fn def(&self) -> &InstrumentDef {
        &self.def
    }

    pub fn id(&self) -> &str {
        &self.def.id
    }

    pub fn version(&self) -> &str {
        &self.def.version
    }

    /// The forms: the full form first, then the file's forms in order.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// The form with this id.
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// The form to offer a student in `grade`: of the forms whose grades
    /// include it, the one with the narrowest grade range (the earlier one in
    /// [`Instrument::forms`] when two are as narrow). So a short form for
    /// grade 6 is offered in grade 6 and the full form from grade 7.
    pub fn form_for_grade(&self, grade: i64) -> Option<&Form> {
        self.forms
            .iter()
            .filter(|f| f.grades.contains(grade))
            .min_by_key(|f| f.grades.max - f.grades.min)
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemDef> {
        self.item_index.get(id).map(|&i| &self.def.items[i])
    }

    pub(crate) fn item_position(&self, id: &str) -> Option<usize> {
        self.item_index.get(id).copied()
    }

    /// The items of `form`, in the order they are asked.
    pub fn items_of<'a>(&'a self, form: &'a Form) -> impl Iterator<Item = &'a ItemDef> + 'a {
        form.items.iter().map(|&i| &self.def.items[i])
    }

    /// How many pages `form` takes at `items_per_page` items a page.
    pub fn page_count(&self, form: &Form) -> usize {
        form.items.len().div_ceil(self.items_per_page())
    }

    /// The items on page `index` (from 0) of `form`; empty past the end.
    pub fn page<'a>(&'a self, form: &'a Form, index: usize) -> Vec<&'a ItemDef> {
        let per = self.items_per_page();
        form.items
            .iter()
            .skip(index.saturating_mul(per))
            .take(per)
            .map(|&i| &self.def.items[i])
            .collect()
    }

    pub(crate) fn items_per_page(&self) -> usize {
        self.def.items_per_page.max(1) as usize
    }

    /// The response point with this value.
    pub fn point(&self, value: i32) -> Option<&Point> {
        self.def.response.points.iter().find(|p| p.value == value)
    }

    /// The lowest and highest values of the response scale.
    pub fn value_range(&self) -> (i32, i32) {
        (self.lowest, self.highest)
    }
}

/// 1-based line and column of byte `offset` in `source`.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= 64
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
}

fn valid_version(s: &str) -> bool {
    let mut chars = s.chars();
    s.len() <= 32
        && chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
}

fn valid_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

const ID_RULE: &str =
    "must be 1–64 characters: lowercase letters, digits, '_', '-' or '.', starting with a letter or digit";

fn item_at(i: usize, id: &str) -> String {
    format!("items[{i}] (id {id:?})")
}

fn scale_at(i: usize, id: &str) -> String {
    format!("scales[{i}] (id {id:?})")
}

fn form_at(i: usize, id: &str) -> String {
    format!("forms[{i}] (id {id:?})")
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    languages: Vec<String>,
}

impl Validator {
    fn add(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            at: at.into(),
            message: message.into(),
        });
    }

    fn id(&mut self, at: String, id: &str) {
        if !valid_id(id) {
            self.add(at, format!("{id:?} {ID_RULE}"));
        }
    }

    fn text(&mut self, at: &str, text: &Text, max: usize) {
        for lang in self.languages.clone() {
            match text.0.get(&lang) {
                None => self.add(
                    format!("{at}.{lang}"),
                    format!("missing: every text needs each of `languages` ({lang})"),
                ),
                Some(t) if t.trim().is_empty() => self.add(format!("{at}.{lang}"), "is blank"),
                Some(t) if t.chars().count() > max => {
                    self.add(format!("{at}.{lang}"), format!("is longer than {max} characters"))
                }
                Some(_) => {}
            }
        }
        for lang in text.0.keys() {
            if !self.languages.contains(lang) {
                self.add(
                    format!("{at}.{lang}"),
                    format!("language {lang:?} is not listed in `languages`"),
                );
            }
        }
    }

    fn note(&mut self, at: String, note: &Option<String>) {
        if let Some(n) = note {
            if n.trim().is_empty() {
                self.add(at, "is blank (leave it out instead)");
            } else if n.chars().count() > MAX_LONG_TEXT {
                self.add(at, format!("is longer than {MAX_LONG_TEXT} characters"));
            }
        }
    }

    fn grades(&mut self, at: &str, g: &GradeRange) {
        let ok = crate::people::valid_grade;
        if !ok(g.min) {
            self.add(
                format!("{at}.min"),
                format!("{} is not a grade Waypoint plans for (6–13)", g.min),
            );
        }
        if !ok(g.max) {
            self.add(
                format!("{at}.max"),
                format!("{} is not a grade Waypoint plans for (6–13)", g.max),
            );
        }
        if g.min > g.max {
            self.add(at.to_string(), format!("min ({}) is above max ({})", g.min, g.max));
        }
    }

    fn instrument(&mut self, def: &InstrumentDef) {
        if def.format != FORMAT {
            self.add("format", format!("must be {FORMAT:?}, not {:?}", def.format));
        }
        if def.format_version != FORMAT_VERSION {
            self.add(
                "format_version",
                format!(
                    "this Waypoint reads version {FORMAT_VERSION}, not {}",
                    def.format_version
                ),
            );
        }
        self.id("id".into(), &def.id);
        if !valid_version(&def.version) {
            self.add(
                "version",
                format!(
                    "{:?} must be 1–32 characters: letters, digits, '.', '-' or '+', starting with a letter or digit",
                    def.version
                ),
            );
        }
        self.languages(&def.languages);
        self.grades("grades", &def.grades);
        self.text("title", &def.title, MAX_SHORT_TEXT);
        self.text("instructions", &def.instructions, MAX_LONG_TEXT);
        if !(1..=100).contains(&def.items_per_page) {
            self.add("items_per_page", "must be 1–100");
        }
        self.note("reading_level".into(), &def.reading_level);
        self.note("license".into(), &def.license);
        self.note("attribution".into(), &def.attribution);
        self.response(def);
        self.bands(&def.scoring);
        self.scales(def);
        self.items(def);
        self.forms(def);
    }

    fn languages(&mut self, languages: &[String]) {
        let mut seen = HashSet::new();
        for (i, lang) in languages.iter().enumerate() {
            if !valid_language(lang) {
                self.add(
                    format!("languages[{i}]"),
                    format!("{lang:?} is not a language tag like \"en\" or \"es-MX\""),
                );
            }
            if !seen.insert(lang.as_str()) {
                self.add(format!("languages[{i}]"), format!("{lang:?} is listed twice"));
            }
        }
        for required in REQUIRED_LANGUAGES {
            if !languages.iter().any(|l| l == required) {
                self.add("languages", format!("must include {required:?}"));
            }
        }
        // Check texts against the listed languages plus the required ones,
        // so a missing "es" in `languages` does not hide missing texts.
        let mut langs: Vec<String> = languages.iter().filter(|l| valid_language(l)).cloned().collect();
        for required in REQUIRED_LANGUAGES {
            if !langs.iter().any(|l| l == required) {
                langs.push(required.to_string());
            }
        }
        langs.sort();
        langs.dedup();
        self.languages = langs;
    }

    fn response(&mut self, def: &InstrumentDef) {
        let r = &def.response;
        if !(2..=MAX_POINTS).contains(&r.points.len()) {
            self.add(
                "response.points",
                format!("must have 2–{MAX_POINTS} points, not {}", r.points.len()),
            );
        }
        let mut seen = HashSet::new();
        for (i, p) in r.points.iter().enumerate() {
            let at = format!("response.points[{i}]");
            if !(-MAX_VALUE..=MAX_VALUE).contains(&p.value) {
                self.add(
                    format!("{at}.value"),
                    format!("must be between -{MAX_VALUE} and {MAX_VALUE}"),
                );
            }
            if !seen.insert(p.value) {
                self.add(
                    format!("{at}.value"),
                    format!("{} is used by an earlier point", p.value),
                );
            }
            self.text(&format!("{at}.label"), &p.label, MAX_SHORT_TEXT);
            match (r.kind, p.capacity) {
                (ResponseKind::Likert, Some(_)) => {
                    self.add(format!("{at}.capacity"), "only a sort's piles have a capacity")
                }
                (ResponseKind::Sort, Some(0)) => self.add(format!("{at}.capacity"), "must be at least 1"),
                _ => {}
            }
        }
        if r.kind == ResponseKind::Sort && r.points.iter().all(|p| p.capacity.is_none()) {
            self.add(
                "response.points",
                "a sort needs a capacity on at least one pile (without one it is a likert scale)",
            );
        }
    }

    fn bands(&mut self, scoring: &Scoring) {
        if scoring.min_answered == 0 {
            self.add("scoring.min_answered", "must be at least 1");
        }
        if scoring.code_length > MAX_CODE_LENGTH {
            self.add("scoring.code_length", format!("must be 0–{MAX_CODE_LENGTH}"));
        }
        if scoring.bands.is_empty() {
            self.add("scoring.bands", "needs at least one band covering 0–100");
        }
        let mut seen = HashSet::new();
        let mut expected_from: u32 = 0;
        for (i, b) in scoring.bands.iter().enumerate() {
            let at = format!("scoring.bands[{i}] (id {:?})", b.id);
            self.id(format!("{at}.id"), &b.id);
            if !seen.insert(b.id.as_str()) {
                self.add(format!("{at}.id"), "is used by an earlier band");
            }
            self.text(&format!("{at}.label"), &b.label, MAX_SHORT_TEXT);
            if u32::from(b.from) != expected_from {
                self.add(
                    format!("{at}.from"),
                    format!(
                        "must be {expected_from} (bands go lowest first and cover 0–100 without gaps or overlaps), not {}",
                        b.from
                    ),
                );
            }
            if b.to < b.from || b.to > 100 {
                self.add(
                    format!("{at}.to"),
                    format!("must be from {} to 100, not {}", b.from, b.to),
                );
            }
            expected_from = u32::from(b.to) + 1;
        }
        if !scoring.bands.is_empty() && expected_from != 101 {
            self.add(
                format!("scoring.bands[{}].to", scoring.bands.len() - 1),
                "the last band must end at 100",
            );
        }
    }

    fn scales(&mut self, def: &InstrumentDef) {
        if def.scales.is_empty() || def.scales.len() > MAX_SCALES {
            self.add("scales", format!("must have 1–{MAX_SCALES} scales"));
        }
        let mut ids = HashSet::new();
        let mut codes = HashSet::new();
        for (i, s) in def.scales.iter().enumerate() {
            let at = scale_at(i, &s.id);
            self.id(format!("{at}.id"), &s.id);
            if !ids.insert(s.id.as_str()) {
                self.add(format!("{at}.id"), "is used by an earlier scale");
            }
            if let Some(code) = &s.code {
                let n = code.chars().count();
                if n == 0 || n > 16 || code.trim() != code || code.contains(['/', '-']) {
                    self.add(
                        format!("{at}.code"),
                        "must be 1–16 characters without spaces at the ends, '/' or '-'",
                    );
                }
                if !codes.insert(code.as_str()) {
                    self.add(format!("{at}.code"), "is used by an earlier scale");
                }
            }
            self.text(&format!("{at}.name"), &s.name, MAX_SHORT_TEXT);
            self.text(&format!("{at}.description"), &s.description, MAX_LONG_TEXT);
            for b in &def.scoring.bands {
                match s.meaning.get(&b.id) {
                    Some(t) => self.text(&format!("{at}.meaning.{}", b.id), t, MAX_LONG_TEXT),
                    None => self.add(
                        format!("{at}.meaning.{}", b.id),
                        "missing: each scale says what each band means",
                    ),
                }
            }
            for band in s.meaning.keys() {
                if !def.scoring.bands.iter().any(|b| &b.id == band) {
                    self.add(
                        format!("{at}.meaning.{band}"),
                        format!("no band {band:?} in scoring.bands"),
                    );
                }
            }
        }
        let required: Option<Vec<(&str, Option<&str>)>> = match def.kind {
            Kind::InterestInventory => Some(RIASEC.iter().map(|&(id, letter)| (id, Some(letter))).collect()),
            Kind::WorkValues => Some(WORK_VALUES.iter().map(|&id| (id, None)).collect()),
            Kind::SkillsSelfRating => None,
        };
        if let Some(required) = required {
            let kind = match def.kind {
                Kind::InterestInventory => "an interest_inventory",
                _ => "a work_values instrument",
            };
            let names = required.iter().map(|(id, _)| *id).collect::<Vec<_>>().join(", ");
            for (id, letter) in &required {
                match def.scales.iter().position(|s| s.id == *id) {
                    None => self.add(
                        "scales",
                        format!("{kind} has exactly the scales {names}: {id:?} is missing"),
                    ),
                    Some(i) => {
                        if let Some(letter) = letter
                            && def.scales[i].code.as_deref() != Some(*letter)
                        {
                            self.add(format!("{}.code", scale_at(i, id)), format!("must be {letter:?}"));
                        }
                    }
                }
            }
            for (i, s) in def.scales.iter().enumerate() {
                if !required.iter().any(|(id, _)| *id == s.id) {
                    self.add(
                        format!("{}.id", scale_at(i, &s.id)),
                        format!("{kind} has exactly the scales {names}"),
                    );
                }
            }
        }
        if def.scoring.code_length as usize > def.scales.len() {
            self.add(
                "scoring.code_length",
                format!("is more than the {} scales", def.scales.len()),
            );
        }
    }

    fn items(&mut self, def: &InstrumentDef) {
        if def.items.is_empty() || def.items.len() > MAX_ITEMS {
            self.add("items", format!("must have 1–{MAX_ITEMS} items"));
        }
        let mut ids = HashSet::new();
        let scale_ids: HashSet<&str> = def.scales.iter().map(|s| s.id.as_str()).collect();
        for (i, it) in def.items.iter().enumerate() {
            let at = item_at(i, &it.id);
            self.id(format!("{at}.id"), &it.id);
            if !ids.insert(it.id.as_str()) {
                self.add(format!("{at}.id"), "is used by an earlier item");
            }
            if it.scales.is_empty() {
                self.add(format!("{at}.scales"), "must name at least one scale");
            }
            let mut seen = HashSet::new();
            for (j, s) in it.scales.iter().enumerate() {
                if !scale_ids.contains(s.as_str()) {
                    self.add(format!("{at}.scales[{j}]"), format!("no scale {s:?}"));
                }
                if !seen.insert(s.as_str()) {
                    self.add(format!("{at}.scales[{j}]"), format!("{s:?} is listed twice"));
                }
            }
            self.text(&format!("{at}.text"), &it.text, MAX_ITEM_TEXT);
            self.note(format!("{at}.reading_level"), &it.reading_level);
        }
        for (i, s) in def.scales.iter().enumerate() {
            if !def.items.iter().any(|it| it.scales.contains(&s.id)) {
                self.add(scale_at(i, &s.id), "no item scores this scale");
            }
        }
    }

    fn forms(&mut self, def: &InstrumentDef) {
        // The full form: every item.
        let all: Vec<&str> = def.items.iter().map(|it| it.id.as_str()).collect();
        self.form_coverage(
            def,
            "scoring.min_answered",
            "the full form",
            &all,
            def.scoring.min_answered,
        );
        let mut ids = HashSet::new();
        for (i, f) in def.forms.iter().enumerate() {
            let at = form_at(i, &f.id);
            self.id(format!("{at}.id"), &f.id);
            if f.id == FULL_FORM {
                self.add(
                    format!("{at}.id"),
                    format!("{FULL_FORM:?} is the form of all items, which every instrument has"),
                );
            }
            if !ids.insert(f.id.as_str()) {
                self.add(format!("{at}.id"), "is used by an earlier form");
            }
            self.text(&format!("{at}.name"), &f.name, MAX_SHORT_TEXT);
            self.grades(&format!("{at}.grades"), &f.grades);
            if f.grades.min < def.grades.min || f.grades.max > def.grades.max {
                self.add(format!("{at}.grades"), "must lie within the instrument's grades");
            }
            if f.items.is_empty() {
                self.add(format!("{at}.items"), "must list at least one item");
            }
            let mut seen = HashSet::new();
            for (j, id) in f.items.iter().enumerate() {
                if !all.contains(&id.as_str()) {
                    self.add(format!("{at}.items[{j}]"), format!("no item {id:?}"));
                }
                if !seen.insert(id.as_str()) {
                    self.add(format!("{at}.items[{j}]"), format!("{id:?} is listed twice"));
                }
            }
            let min = f.min_answered.unwrap_or(def.scoring.min_answered);
            if f.min_answered == Some(0) {
                self.add(format!("{at}.min_answered"), "must be at least 1");
            }
            let items: Vec<&str> = f.items.iter().map(String::as_str).collect();
            let field = if f.min_answered.is_some() {
                format!("{at}.min_answered")
            } else {
                format!("{at}.items")
            };
            self.form_coverage(def, &field, &format!("form {:?}", f.id), &items, min);
        }
    }

    /// Every scale has at least `min` items on the form, and a sort's
    /// piles can hold the whole form.
    fn form_coverage(&mut self, def: &InstrumentDef, at: &str, form: &str, items: &[&str], min: u32) {
        for s in &def.scales {
            let n = def
                .items
                .iter()
                .filter(|it| items.contains(&it.id.as_str()) && it.scales.contains(&s.id))
                .count();
            if n > 0 && (n as u32) < min {
                self.add(
                    at.to_string(),
                    format!(
                        "{form} has {n} item{} on scale {:?}, fewer than the {min} answers it needs",
                        if n == 1 { "" } else { "s" },
                        s.id
                    ),
                );
            } else if n == 0 && !items.is_empty() && def.items.iter().any(|it| it.scales.contains(&s.id)) {
                self.add(at.to_string(), format!("{form} has no item on scale {:?}", s.id));
            }
        }
        let r = &def.response;
        if r.kind == ResponseKind::Sort && r.points.iter().all(|p| p.capacity.is_some()) {
            let room: u64 = r.points.iter().map(|p| u64::from(p.capacity.unwrap_or(0))).sum();
            if room < items.len() as u64 {
                self.add(
                    "response.points",
                    format!(
                        "the piles hold {room} items in all, fewer than the {} on {form}",
                        items.len()
                    ),
                );
            }
        }
    }
}
