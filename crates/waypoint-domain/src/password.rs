//! Password rules in the spirit of NIST SP 800-63B: length over
//! complexity, no composition rules, and a block list of passwords that
//! are common, repetitive or sequential, or that contain the username.

/// Fewest characters a password may have.
pub const MIN_LEN: usize = 8;
/// Most characters a password may have (hashing cost stays bounded).
pub const MAX_LEN: usize = 128;

/// Passwords seen most often in breach corpora and in schools, lowercase.
/// Short by design: the length rule already excludes most of the rest.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "password!",
    "passw0rd",
    "p@ssw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "0123456789",
    "87654321",
    "11111111",
    "00000000",
    "qwertyui",
    "qwertyuiop",
    "qwerty123",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1qaz2wsx",
    "zaq12wsx",
    "asdfghjk",
    "asdfghjkl",
    "zxcvbnm1",
    "iloveyou",
    "iloveyou1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "basketball",
    "softball",
    "superman",
    "batman123",
    "starwars",
    "welcome1",
    "welcome123",
    "letmein1",
    "trustno1",
    "whatever",
    "dragon12",
    "monkey123",
    "charlie1",
    "michael1",
    "jennifer",
    "jordan23",
    "liverpool",
    "chelsea1",
    "arsenal1",
    "computer",
    "internet",
    "changeme",
    "changeme1",
    "default1",
    "administrator",
    "admin123",
    "student1",
    "student123",
    "students",
    "teacher1",
    "teacher123",
    "school123",
    "myschool",
    "homework",
    "classroom",
    "chromebook",
    "minecraft",
    "fortnite",
    "roblox123",
    "pokemon1",
    "spongebob",
    "unicorn1",
    "butterfly",
    "chocolate",
    "cheese123",
    "pepperoni",
    "sparkles",
    "mustang1",
    "shadow12",
    "master12",
    "michelle",
    "jessica1",
    "ashley12",
    "nicole12",
    "hannah12",
    "daniel12",
    "matthew1",
    "anthony1",
    "abcd1234",
    "abc12345",
    "abcdefgh",
    "aa123456",
    "a1234567",
    "qazwsxedc",
    "1234qwer",
    "q1w2e3r4",
    "waypoint",
    "waypoint1",
    "contraseña",
    "contrasena",
    "contrasena1",
    "te quiero",
    "teamo123",
    "futbol123",
];

/// Why a password was refused; each is a translation key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Common,
    ContainsUsername,
}

impl PasswordProblem {
    /// The translation key of the message.
    pub fn key(self) -> &'static str {
        match self {
            Self::TooShort => "error-password-too-short",
            Self::TooLong => "error-password-too-long",
            Self::Common => "error-password-common",
            Self::ContainsUsername => "error-password-username",
        }
    }
}

/// Checks a new password chosen for the account `username`.
pub fn check(password: &str, username: &str) -> Result<(), PasswordProblem> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(PasswordProblem::TooShort);
    }
    if len > MAX_LEN {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str()) || is_repetitive_or_sequential(&lower) {
        return Err(PasswordProblem::Common);
    }
    let user = username.trim().to_lowercase();
    if user.chars().count() >= 3 && lower.contains(&user) {
        return Err(PasswordProblem::ContainsUsername);
    }
    Ok(())
}

/// "aaaaaaaa", "abababab", "12345678", "87654321" and the like.
fn is_repetitive_or_sequential(p: &str) -> bool {
    let chars: Vec<char> = p.chars().collect();
    let distinct: std::collections::HashSet<char> = chars.iter().copied().collect();
    if distinct.len() <= 2 {
        return true;
    }
    let steps: Vec<i64> = chars.windows(2).map(|w| w[1] as i64 - w[0] as i64).collect();
    steps.iter().all(|&s| s == 1) || steps.iter().all(|&s| s == -1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check("short", "x"), Err(PasswordProblem::TooShort));
        assert_eq!(check(&"x".repeat(129), "u"), Err(PasswordProblem::TooLong));
        assert_eq!(check("Password123", "u"), Err(PasswordProblem::Common));
        assert_eq!(check("abababab", "u"), Err(PasswordProblem::Common));
        assert_eq!(check("abcdefghij", "u"), Err(PasswordProblem::Common));
        assert_eq!(check("98765432", "u"), Err(PasswordProblem::Common));
        assert_eq!(
            check("maria.lopez-rocks", "Maria.Lopez"),
            Err(PasswordProblem::ContainsUsername)
        );
        assert_eq!(check("purple giraffe snacks", "maria"), Ok(()));
        // Length wins over complexity: a long all-lowercase phrase is fine.
        assert_eq!(check("correcthorsebatterystaple", "u"), Ok(()));
    }
}
