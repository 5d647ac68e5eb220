//! Field-level validation results.
//!
//! Messages are translation keys, never text, so that every form can show
//! them in the reader's language.

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name.
    pub field: &'static str,
    /// The translation key of the message.
    pub key: &'static str,
}

/// All the problems found in one submission.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.push(FieldError { field, key });
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.key)
    }

    /// `Ok(())` when empty, else the errors.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Trims `value` and checks it is present and at most `max` characters.
pub fn required_text(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "error-required");
    } else if v.chars().count() > max {
        errors.add(field, "error-too-long");
    }
    v.to_string()
}

/// Checks an optional e-mail address: empty is fine, otherwise it must look
/// like `local@domain.tld` with no spaces.
pub fn optional_email(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let ok = v.len() <= 254
        && !v.contains(char::is_whitespace)
        && v.split_once('@').is_some_and(|(l, d)| {
            !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !d.contains('@')
        });
    if !ok {
        errors.add(field, "error-email");
    }
    Some(v.to_lowercase())
}

/// Checks a username: 3–64 characters of letters, digits, `.`, `_`, `-`, `@`.
pub fn username(errors: &mut FieldErrors, field: &'static str, value: &str) -> String {
    let v = value.trim().to_lowercase();
    let ok = (3..=64).contains(&v.chars().count())
        && v.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !ok {
        errors.add(field, "error-username");
    }
    v
}

/// Parses an ISO date (`YYYY-MM-DD`).
pub fn date(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<time::Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(value.trim(), &fmt) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(field, "error-date");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let mut e = FieldErrors::new();
        assert_eq!(optional_email(&mut e, "email", " A@B.org "), Some("a@b.org".into()));
        assert_eq!(optional_email(&mut e, "email", ""), None);
        assert!(e.is_empty());
        for bad in ["a@b", "@b.org", "a b@c.org", "a@.org", "a@b@c.org"] {
            let mut e = FieldErrors::new();
            optional_email(&mut e, "email", bad);
            assert_eq!(e.for_field("email"), Some("error-email"), "{bad}");
        }
    }

    #[test]
    fn usernames_and_dates() {
        let mut e = FieldErrors::new();
        assert_eq!(username(&mut e, "u", "Maria.Lopez"), "maria.lopez");
        assert!(e.is_empty());
        username(&mut e, "u", "no spaces please");
        assert_eq!(e.for_field("u"), Some("error-username"));
        let mut e = FieldErrors::new();
        assert!(date(&mut e, "d", "2026-02-30").is_none());
        assert!(date(&mut e, "d2", "2026-02-28").is_some());
        assert_eq!(e.0.len(), 1);
        let mut e = FieldErrors::new();
        required_text(&mut e, "n", "   ", 10);
        required_text(&mut e, "m", "abcdefghijk", 10);
        assert_eq!(e.for_field("n"), Some("error-required"));
        assert_eq!(e.for_field("m"), Some("error-too-long"));
    }
}
