//! The instruments this Waypoint offers: the three it ships, compiled in,
//! plus any an operator loads from a directory at start-up.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use waypoint_domain::assessment::{Form, Instrument, Kind, LoadError};

/// The id of the interest inventory Waypoint ships.
pub const INTERESTS: &str = "waypoint-interests";
/// The id of the work-values sort Waypoint ships.
pub const WORK_VALUES: &str = "waypoint-work-values";
/// The id of the skills self-rating Waypoint ships.
pub const SKILLS: &str = "waypoint-skills";

/// The shipped instrument files, in the order pages list them.
const BUILT_IN: [(&str, &str); 3] = [
    (
        "content/instruments/interests.toml",
        include_str!("../../../../content/instruments/interests.toml"),
    ),
    (
        "content/instruments/work-values.toml",
        include_str!("../../../../content/instruments/work-values.toml"),
    ),
    (
        "content/instruments/skills.toml",
        include_str!("../../../../content/instruments/skills.toml"),
    ),
];

/// Where an instrument came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Shipped with Waypoint.
    BuiltIn,
    /// Loaded from the operator's instruments directory.
    File(PathBuf),
}

/// The instruments on offer, each by its id. Cheap to share.
#[derive(Debug)]
pub struct Instruments {
    list: Vec<(Arc<Instrument>, Source)>,
}

/// Why the operator's instruments could not be loaded; start-up stops.
#[derive(Debug, thiserror::Error)]
pub enum InstrumentsError {
    #[error("cannot read the instruments directory {}: {error}", dir.display())]
    Dir { dir: PathBuf, error: std::io::Error },
    #[error("cannot read instrument file {}: {error}", file.display())]
    Read { file: PathBuf, error: std::io::Error },
    #[error("instrument file {} is not valid:\n{}", file.display(), indent(error))]
    Invalid { file: PathBuf, error: LoadError },
    #[error(
        "instrument files {} and {} both define the instrument {id:?}; give one another id",
        first.display(),
        second.display()
    )]
    Duplicate {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
}

fn indent(e: &LoadError) -> String {
    e.to_string()
        .lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Instruments {
    /// The instruments Waypoint ships, read once per process.
    pub fn built_in() -> Arc<Instruments> {
        static BUILT: OnceLock<Arc<Instruments>> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                let list = BUILT_IN
                    .iter()
                    .map(|(file, src)| {
                        // Not user input: the files are compiled in and
                        // checked by waypoint-domain's `instruments` test.
                        let i = Instrument::from_toml_str(src)
                            .unwrap_or_else(|e| panic!("built-in instrument {file} is invalid:\n{e}"));
                        (Arc::new(i), Source::BuiltIn)
                    })
                    .collect();
                Arc::new(Instruments { list })
            })
            .clone()
    }

    /// The built-in instruments plus every `*.toml` file in `dir` (not its
    /// subdirectories), in file-name order. A file whose instrument id is a
    /// built-in's replaces that one in place; others follow the built-ins.
    /// Every file is checked; the first bad one is the error, naming the
    /// file and each problem (field and item).
    pub fn load(dir: &Path) -> Result<Instruments, InstrumentsError> {
        let entries = std::fs::read_dir(dir).map_err(|error| InstrumentsError::Dir {
            dir: dir.to_path_buf(),
            error,
        })?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|error| InstrumentsError::Dir {
                    dir: dir.to_path_buf(),
                    error,
                })?
                .path();
            if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
        files.sort();
        let mut list = Instruments::built_in().list.clone();
        for file in files {
            let src = std::fs::read_to_string(&file).map_err(|error| InstrumentsError::Read {
                file: file.clone(),
                error,
            })?;
            let instrument = Instrument::from_toml_str(&src).map_err(|error| InstrumentsError::Invalid {
                file: file.clone(),
                error,
            })?;
            let instrument = Arc::new(instrument);
            match list.iter_mut().find(|(i, _)| i.id() == instrument.id()) {
                Some((_, Source::File(first))) => {
                    return Err(InstrumentsError::Duplicate {
                        id: instrument.id().to_string(),
                        first: first.clone(),
                        second: file,
                    });
                }
                Some(slot) => {
                    tracing::info!(id = instrument.id(), file = %file.display(), "instrument replaces the built-in one");
                    *slot = (instrument, Source::File(file));
                }
                None => {
                    tracing::info!(id = instrument.id(), file = %file.display(), "instrument loaded");
                    list.push((instrument, Source::File(file)));
                }
            }
        }
        Ok(Instruments { list })
    }

    /// The instrument with this id.
    pub fn get(&self, id: &str) -> Option<&Arc<Instrument>> {
        self.list.iter().find(|(i, _)| i.id() == id).map(|(i, _)| i)
    }

    /// Every instrument, in the order pages list them.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Instrument>> {
        self.list.iter().map(|(i, _)| i)
    }

    /// Where the instrument with this id came from.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.list.iter().find(|(i, _)| i.id() == id).map(|(_, s)| s)
    }

    /// The instruments a student in `grade` can take, each with the form
    /// for that grade.
    pub fn for_grade(&self, grade: i64) -> Vec<(&Arc<Instrument>, &Form)> {
        self.all()
            .filter_map(|i| i.form_for_grade(grade).map(|f| (i, f)))
            .collect()
    }

    /// True when the instrument with this id is an interest inventory.
    pub fn is_interest_inventory(&self, id: &str) -> bool {
        self.get(id).is_some_and(|i| i.def().kind == Kind::InterestInventory)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INTERESTS_TOML: &str = include_str!("../../../../content/instruments/interests.toml");

    /// A fresh directory holding `files`.
    fn dir_with(files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("waypoint-registry-{:016x}", rand::random::<u64>()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn the_built_in_instruments_load_in_order() {
        let b = Instruments::built_in();
        let ids: Vec<&str> = b.all().map(|i| i.id()).collect();
        assert_eq!(ids, vec![INTERESTS, WORK_VALUES, SKILLS]);
        assert!(b.is_interest_inventory(INTERESTS));
        assert!(!b.is_interest_inventory(SKILLS));
        assert_eq!(b.source(INTERESTS), Some(&Source::BuiltIn));
        // Grade 6 gets the interest inventory's short form.
        let g6: Vec<(&str, &str)> = b.for_grade(6).iter().map(|(i, f)| (i.id(), f.id.as_str())).collect();
        assert_eq!(g6[0], (INTERESTS, "short"));
        assert!(b.for_grade(13).is_empty(), "alumni are past every instrument's grades");
    }

    #[test]
    fn an_operator_file_adds_or_replaces_instruments() {
        let replaced = INTERESTS_TOML.replace("version = \"1.0\"", "version = \"1.1-district\"");
        let added = INTERESTS_TOML.replace("id = \"waypoint-interests\"", "id = \"district-interests\"");
        let dir = dir_with(&[
            ("a-replaces.toml", &replaced),
            ("b-adds.toml", &added),
            ("notes.txt", "not an instrument"),
        ]);
        std::fs::create_dir_all(dir.join("old.toml")).unwrap();
        let loaded = Instruments::load(&dir).unwrap();
        let ids: Vec<(&str, &str)> = loaded.all().map(|i| (i.id(), i.version())).collect();
        assert_eq!(
            ids,
            vec![
                (INTERESTS, "1.1-district"),
                (WORK_VALUES, "1.0"),
                (SKILLS, "1.0"),
                ("district-interests", "1.0"),
            ]
        );
        assert_eq!(
            loaded.source(INTERESTS),
            Some(&Source::File(dir.join("a-replaces.toml")))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_bad_file_names_the_file_and_every_problem() {
        let broken = INTERESTS_TOML
            .replace("id = \"waypoint-interests\"", "id = \"district-interests\"")
            .replace("text.es = \"Arreglar la llanta ponchada de una bicicleta\"\n", "")
            .replace("code = \"R\"", "code = \"Q\"");
        let dir = dir_with(&[("good.toml", INTERESTS_TOML), ("x-broken.toml", &broken)]);
        let e = Instruments::load(&dir).unwrap_err().to_string();
        assert!(e.contains("x-broken.toml is not valid"), "{e}");
        assert!(e.contains("items[0] (id \"r01\").text.es: missing"), "{e}");
        assert!(e.contains("scales[0] (id \"realistic\").code: must be \"R\""), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();

        let dir = dir_with(&[("syntax.toml", "format = \"waypoint-instrument\"\nformat_version = \n")]);
        let e = Instruments::load(&dir).unwrap_err().to_string();
        assert!(e.contains("syntax.toml is not valid") && e.contains("line 2"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();

        let twice = INTERESTS_TOML.replace("id = \"waypoint-interests\"", "id = \"district-interests\"");
        let dir = dir_with(&[("one.toml", &twice), ("two.toml", &twice)]);
        let e = Instruments::load(&dir).unwrap_err().to_string();
        assert!(
            e.contains("one.toml") && e.contains("two.toml") && e.contains("\"district-interests\""),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();

        let e = Instruments::load(Path::new("/no/such/dir/for/waypoint"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("cannot read the instruments directory /no/such/dir/for/waypoint"),
            "{e}"
        );
    }
}
