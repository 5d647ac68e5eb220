//! Translations with Project Fluent.
//!
//! Every user-facing string lives in `locales/<lang>/main.ftl`. The files
//! are compiled into the binary so a deployment cannot lose them; tests
//! check that both languages define the same keys and that every key the
//! templates and code use exists.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// A language Waypoint speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    /// Every supported language, in menu order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag, as stored and as put in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's own name, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// Parses a tag such as `es`, `es-MX` or `EN`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The best supported language in an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("");
            let q = it
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok()))
                .unwrap_or(1.0);
            if let Some(l) = Lang::parse(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l)
    }
}

const EN: &str = include_str!("../locales/en/main.ftl");
const ES: &str = include_str!("../locales/es/main.ftl");

/// The source text of a language's translation file.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Es => ES,
    }
}

/// The parsed translation files, shared by every thread.
fn resources() -> &'static [FluentResource] {
    static RESOURCES: OnceLock<Vec<FluentResource>> = OnceLock::new();
    RESOURCES.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|l| {
                FluentResource::try_new(source(*l).to_string())
                    .unwrap_or_else(|(_, errs)| panic!("{} translations do not parse: {errs:?}", l.code()))
            })
            .collect()
    })
}

type Bundle = FluentBundle<&'static FluentResource>;

thread_local! {
    /// One bundle per language and thread. Fluent's thread-safe bundle
    /// keeps its plural rules behind a mutex that every message with a
    /// number locks; under load the server's threads queued on it (seven
    /// futex calls per caseload page). A bundle per thread needs no lock.
    static BUNDLES: Vec<Bundle> = Lang::ALL
        .iter()
        .zip(resources())
        .map(|(l, res)| {
            let langid: unic_langid::LanguageIdentifier = l.code().parse().expect("valid tag");
            let mut b = FluentBundle::new(vec![langid]);
            // No bidi isolation marks: the pages are left-to-right and
            // the marks would end up in form values and tests.
            b.set_use_isolating(false);
            b.add_resource(res).expect("no duplicate keys");
            b
        })
        .collect();
}

/// Runs `f` with this thread's bundle for `lang`.
fn with_bundle<T>(lang: Lang, f: impl FnOnce(&Bundle) -> T) -> T {
    BUNDLES.with(|all| f(&all[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]))
}

/// The messages that take no arguments, formatted once per language: a
/// page uses dozens of them, and formatting each on every request cost
/// more than the page's database work once reads are cached.
fn plain(lang: Lang) -> &'static HashMap<String, String> {
    static PLAIN: OnceLock<Vec<HashMap<String, String>>> = OnceLock::new();
    let all = PLAIN.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|l| {
                with_bundle(*l, |b| {
                    let mut out = HashMap::new();
                    for line in source(*l).lines() {
                        let Some((id, _)) = line.split_once(" =") else { continue };
                        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                            continue;
                        }
                        if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                            let mut errors = vec![];
                            let text = b.format_pattern(pattern, None, &mut errors);
                            // A message that needs arguments reports them
                            // missing: it is formatted per use instead.
                            if errors.is_empty() {
                                out.insert(id.to_string(), text.into_owned());
                            }
                        }
                    }
                    out
                })
            })
            .collect()
    });
    &all[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// [`plain`] messages escaped for HTML, once per language, for [`Tr::h`].
fn plain_html(lang: Lang) -> &'static HashMap<String, String> {
    static HTML: OnceLock<Vec<HashMap<String, String>>> = OnceLock::new();
    let all = HTML.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|l| plain(*l).iter().map(|(k, v)| (k.clone(), escape_html(v))).collect())
            .collect()
    });
    &all[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// `text` escaped exactly as askama escapes a value in a template.
fn escape_html(text: &str) -> String {
    match askama::filters::escape(text, askama::filters::Html) {
        Ok(e) => e.to_string(),
        Err(never) => match never {},
    }
}

/// Translates `key` in `lang` with named arguments. A missing key falls
/// back to English, then to the key itself (and is logged).
pub fn translate(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    if args.is_empty()
        && let Some(text) = plain(lang).get(key)
    {
        return text.clone();
    }
    // Messages with arguments: the same key and arguments (a reason on a
    // matches page, "signed in as" a name) come back again and again, and
    // formatting through Fluent costs far more than a lookup.
    let memo_key = {
        // Each part after its length, so no two calls share a key.
        use std::fmt::Write as _;
        let mut k = String::with_capacity(key.len() + 48);
        for part in [lang.code(), key]
            .into_iter()
            .chain(args.iter().flat_map(|(n, v)| [*n, *v]))
        {
            let _ = write!(k, "{}:{part}", part.len());
        }
        k
    };
    if let Some(hit) = FORMATTED.with(|m| m.borrow().get(&memo_key).cloned()) {
        return hit;
    }
    let out = format_message(lang, key, args);
    FORMATTED.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= FORMATTED_MAX {
            m.clear();
        }
        m.insert(memo_key, out.clone());
    });
    out
}

/// Formatted messages with arguments, per thread (no lock), by language, key and
/// arguments; cleared when full.
const FORMATTED_MAX: usize = 8_192;
thread_local! {
    static FORMATTED: std::cell::RefCell<HashMap<String, String>> = std::cell::RefCell::new(HashMap::new());
}

/// [`translate`] without the memo.
fn format_message(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    for l in [lang, Lang::En] {
        let found = with_bundle(l, |b| {
            let pattern = b.get_message(key)?.value()?;
            let mut fa = FluentArgs::new();
            for (k, v) in args {
                // Numbers stay numbers so plural rules work.
                match v.parse::<f64>() {
                    Ok(n) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => fa.set(*k, FluentValue::from(n)),
                    _ => fa.set(*k, FluentValue::from(v.to_string())),
                }
            }
            let mut errors = vec![];
            let out = b.format_pattern(pattern, if args.is_empty() { None } else { Some(&fa) }, &mut errors);
            Some(out.into_owned())
        });
        if let Some(out) = found {
            return out;
        }
    }
    tracing::warn!(key, "missing translation");
    key.to_string()
}

/// The translation helper templates call: `{{ tr.t("key") }}`.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// A plain message.
    pub fn t(&self, key: &str) -> String {
        translate(self.lang, key, &[])
    }

    /// A plain message for a template, already escaped for HTML:
    /// `{{ c.tr.h("key") }}` writes the same as `{{ c.tr.t("key") }}`
    /// without formatting, copying or escaping it on every request. Only
    /// for messages without arguments, and only straight into the page
    /// (never as an argument of another message, which would escape it
    /// twice). A message the language lacks comes from English; an unknown
    /// key shows itself, as [`Tr::t`] does.
    pub fn h(&self, key: &'static str) -> askama::filters::Safe<&'static str> {
        for l in [self.lang, Lang::En] {
            if let Some(text) = plain_html(l).get(key) {
                return askama::filters::Safe(text.as_str());
            }
        }
        tracing::warn!(key, "missing plain translation");
        askama::filters::Safe(key)
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &str, value: &dyn std::fmt::Display) -> String {
        translate(self.lang, key, &[(name, &value.to_string())])
    }

    /// A message with two arguments.
    pub fn t2(&self, key: &str, n1: &str, v1: &dyn std::fmt::Display, n2: &str, v2: &dyn std::fmt::Display) -> String {
        translate(self.lang, key, &[(n1, &v1.to_string()), (n2, &v2.to_string())])
    }

    /// A date-time (milliseconds since 1970) as `YYYY-MM-DD HH:MM UTC`.
    pub fn datetime(&self, ms: &i64) -> String {
        time::OffsetDateTime::from_unix_timestamp(*ms / 1000)
            .ok()
            .and_then(|t| {
                t.format(&time::macros::format_description!(
                    "[year]-[month]-[day] [hour]:[minute] UTC"
                ))
                .ok()
            })
            .unwrap_or_default()
    }

    /// The label of a stored code (`view_demographics` under prefix
    /// `access-action` is the key `access-action-view-demographics`), or
    /// the code itself when there is no label for it.
    pub fn code(&self, prefix: &str, code: &str) -> String {
        let key = format!("{prefix}-{}", code.replace('_', "-"));
        for l in [self.lang, Lang::En] {
            if with_bundle(l, |b| b.has_message(&key)) {
                return translate(l, &key, &[]);
            }
        }
        code.to_string()
    }

    /// The translation of a role's name.
    pub fn role(&self, role: &waypoint_domain::people::Role) -> String {
        self.t(&role.label_key())
    }
}

/// The keys a translation file defines, in order.
pub fn keys(src: &str) -> Vec<String> {
    src.lines()
        .filter_map(|l| {
            let (k, _) = l.split_once('=')?;
            let k = k.trim();
            (!l.starts_with([' ', '#', '\t', '.'])
                && !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .then(|| k.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_define_the_same_keys() {
        let en = keys(EN);
        let es = keys(ES);
        let missing_es: Vec<_> = en.iter().filter(|k| !es.contains(k)).collect();
        let missing_en: Vec<_> = es.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing_es.is_empty(), "missing in es: {missing_es:?}");
        assert!(missing_en.is_empty(), "missing in en: {missing_en:?}");
        assert!(en.len() > 50);
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let en = keys(EN);
        let mut used = Vec::new();
        let mut plain_in_templates = Vec::new();
        let dirs = [
            concat!(env!("CARGO_MANIFEST_DIR"), "/templates"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/src"),
        ];
        // Every file below the directories, subdirectories included.
        let mut files = Vec::new();
        let mut todo: Vec<std::path::PathBuf> = dirs.iter().map(Into::into).collect();
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.iter().any(|f| f.ends_with("templates/admin/org.html")));
        for file in files {
            // This file's own examples are not uses.
            if file.ends_with("src/i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(file).unwrap();
            // `.t("…")` and not `.get("…")`: the dot keeps other calls out.
            for pat in [".t(\"", ".h(\"", ".t1(\"", ".t2(\"", "key: \""] {
                for (i, _) in text.match_indices(pat) {
                    let rest = &text[i + pat.len()..];
                    if let Some(end) = rest.find('"') {
                        used.push(rest[..end].to_string());
                        // `h` is for messages without arguments only.
                        if pat == ".h(\"" {
                            plain_in_templates.push(rest[..end].to_string());
                        }
                    }
                }
            }
        }
        let missing: Vec<_> = used
            .iter()
            .filter(|k| !en.contains(k) && !k.is_empty() && !k.contains(['{', ' ']))
            .collect();
        assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
        assert!(plain_in_templates.len() > 100, "{}", plain_in_templates.len());
        for l in Lang::ALL {
            let with_args: Vec<_> = plain_in_templates
                .iter()
                .filter(|k| !k.is_empty() && !plain(l).contains_key(k.as_str()))
                .collect();
            assert!(
                with_args.is_empty(),
                "h(…) needs a message without arguments: {with_args:?}"
            );
        }
    }

    /// The memo gives what formatting gives, for every language and argument.
    #[test]
    fn remembered_messages_are_the_formatted_ones() {
        for _ in 0..2 {
            for l in Lang::ALL {
                for (page, pages) in [("2", "7"), ("27", "7"), ("2", "77")] {
                    let args = [("page", page), ("pages", pages)];
                    assert_eq!(translate(l, "page-of", &args), format_message(l, "page-of", &args));
                }
            }
        }
        let a = translate(Lang::En, "page-of", &[("page", "2"), ("pages", "7")]);
        let b = translate(Lang::En, "page-of", &[("page", "27"), ("pages", "")]);
        assert_ne!(a, b);
        assert!(a.contains('2') && a.contains('7'), "{a}");
    }

    /// `h` writes exactly what `t` written into a template would, escaping
    /// included, in every language.
    #[test]
    fn prepared_html_messages_match_escaped_translations() {
        let mut seen_escape = false;
        for l in Lang::ALL {
            for (key, text) in plain(l) {
                let html = plain_html(l).get(key).map(String::as_str);
                assert_eq!(html, Some(escape_html(text).as_str()), "{key}");
                seen_escape |= html != Some(text.as_str());
            }
        }
        assert!(seen_escape, "some message has a character to escape (an apostrophe)");
        let tr = Tr { lang: Lang::Es };
        assert_eq!(tr.h("nav-sign-out").0, "Cerrar sesión");
        assert_eq!(tr.h("no-such-key-anywhere").0, "no-such-key-anywhere");
        assert_eq!(escape_html("Don't <b> & \""), "Don&#39;t &#60;b&#62; &#38; &#34;");
    }

    #[test]
    fn translates_with_fallback_and_arguments() {
        assert_eq!(translate(Lang::Es, "nav-sign-out", &[]), "Cerrar sesión");
        assert_eq!(translate(Lang::En, "no-such-key-anywhere", &[]), "no-such-key-anywhere");
        assert!(translate(Lang::En, "page-of", &[("page", "2"), ("pages", "7")]).contains('7'));
        assert_eq!(
            Lang::from_accept_language("fr-CA, es-MX;q=0.8, en;q=0.5"),
            Some(Lang::Es)
        );
        assert_eq!(Lang::from_accept_language("de"), None);
    }
}
