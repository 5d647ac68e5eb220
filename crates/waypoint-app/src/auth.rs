//! Sign-in, sessions, passwords, invitations and resets.

use crate::App;
use crate::access::Origin;
use crate::error::{AppError, AppResult};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use waypoint_domain::authz::{self, OrgAction, StudentAction};
use waypoint_domain::people::{AccountKind, Actor, Role};
use waypoint_domain::validate::{self, FieldErrors};
use waypoint_domain::{OrgId, UserId, password};
use waypoint_store::now_ms;
use waypoint_store::people::{GrantRecord, NewUser, UserRecord};
use waypoint_store::security::InviteRecord;

/// Failed sign-ins allowed per account within [`THROTTLE_WINDOW_MIN`].
pub const ACCOUNT_FAILURES: i64 = 5;
/// Failed sign-ins allowed per address within [`THROTTLE_WINDOW_MIN`].
pub const ADDRESS_FAILURES: i64 = 30;
/// The throttling window, in minutes.
pub const THROTTLE_WINDOW_MIN: i64 = 15;

/// A new random secret, URL-safe.
pub fn random_token(bytes: usize) -> String {
    let buf: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// How secrets are stored: SHA-256, hex. Tokens are random and long, so a
/// fast hash is enough; passwords use argon2id instead.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// At most this many argon2 computations run at once. Each takes about
/// 19 MiB; unbounded, a burst of sign-ins grew the process by hundreds of
/// megabytes (see BENCHMARKS.md). Waiting requests queue instead.
fn argon2_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Hashes a password with argon2id, off the async workers.
pub async fn hash_password(password: String) -> AppResult<String> {
    let _permit = argon2_permits()
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let salt =
            SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|e| AppError::Internal(e.to_string()))?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Checks a password against a stored argon2 hash, off the async workers.
pub async fn verify_password(password: String, hash: String) -> bool {
    let Ok(_permit) = argon2_permits().acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// A hash that never verifies, used to spend the same time on unknown
/// usernames as on known ones.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5o5bW1Bxk2cPjz4G0r6kTgB3oG3C3J4lQ1kQWg8tG8E";

/// The signed-in person, resolved from a session.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub actor: Actor,
    /// The account, shared with the read cache.
    pub user: Arc<UserRecord>,
    /// The session token's hash (the session's key).
    pub session_hash: String,
}

/// The signed-in person for an account and its grants; `None` for a
/// missing or disabled account.
fn signed_in(user: Option<Arc<UserRecord>>, grants: &[GrantRecord], session_hash: String) -> Option<SignedIn> {
    let user = user.filter(|u| !u.disabled)?;
    let actor = Actor {
        user_id: user.user_id,
        kind: user.kind,
        grants: grants.iter().map(|g| g.grant).collect(),
    };
    Some(SignedIn {
        actor,
        user,
        session_hash,
    })
}

/// A short, readable passphrase for a student whose password a counselor
/// resets: four common words and a number.
pub fn passphrase() -> String {
    const WORDS: &[&str] = &[
        "maple", "river", "cloud", "tiger", "piano", "rocket", "garden", "pencil", "ocean", "forest", "comet", "lemon",
        "canyon", "falcon", "meadow", "planet", "summit", "violet", "harbor", "breeze", "cactus", "jaguar", "marble",
        "nectar", "orbit", "pepper", "quartz", "raven", "saddle", "tulip", "walnut",
    ];
    let mut parts: Vec<String> = (0..3)
        .map(|_| WORDS[rand::random_range(0..WORDS.len())].to_string())
        .collect();
    parts.push(rand::random_range(10..100).to_string());
    parts.join("-")
}

impl App {
    /// Signs a person in. Returns the new session token (to put in the
    /// cookie). Throttles by account and by address; unknown usernames and
    /// wrong passwords get the same answer and take the same time.
    pub async fn sign_in(&self, username: &str, password: &str, origin: &Origin) -> AppResult<(String, SignedIn)> {
        let username = username.trim().to_lowercase();
        let since = now_ms() - THROTTLE_WINDOW_MIN * 60_000;
        let account_key = format!("user:{username}");
        let address_key = format!("ip:{}", origin.ip.as_deref().unwrap_or("-"));
        if self.store.login_failures_since(&account_key, since).await? >= ACCOUNT_FAILURES
            || self.store.login_failures_since(&address_key, since).await? >= ADDRESS_FAILURES
        {
            return Err(AppError::Throttled(THROTTLE_WINDOW_MIN));
        }
        let login = self.store.login_lookup(&username).await?;
        let hash = login
            .as_ref()
            .and_then(|l| l.password_hash.clone())
            .unwrap_or_else(|| DUMMY_HASH.to_string());
        let ok = verify_password(password.to_string(), hash).await;
        let login = match login {
            Some(l) if ok && !l.disabled => l,
            _ => {
                self.store.record_login_failure(&[&account_key, &address_key]).await?;
                let mut e = FieldErrors::new();
                e.add("password", "error-sign-in");
                return Err(AppError::Invalid(e));
            }
        };
        self.store.clear_login_failures(&account_key).await?;
        self.store.touch_sign_in(login.user_id).await?;
        let token = random_token(32);
        let hash = token_hash(&token);
        self.store
            .create_session(&hash, login.user_id, origin.ip.as_deref())
            .await?;
        let signed = self
            .resolve(login.user_id, hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok((token, signed))
    }

    /// Loads the actor behind a session token, if the session is live.
    /// Expired sessions are deleted. The session, account and role grants
    /// are read in one batch.
    pub async fn session(&self, token: &str) -> AppResult<Option<SignedIn>> {
        let hash = token_hash(token);
        let Some(found) = self.store.session_account(&hash).await? else {
            return Ok(None);
        };
        let s = &found.session;
        let now = now_ms();
        let idle = self.config.session_idle_minutes * 60_000;
        let absolute = self.config.session_absolute_hours * 3_600_000;
        if now - s.last_seen_at > idle || now - s.created_at > absolute {
            self.store.delete_session(&hash).await?;
            return Ok(None);
        }
        // Move the idle clock at most once a minute: a write per request
        // would serialise every page view on SQLite's single writer. The
        // request does not wait for it: behind a checkpoint the writer can
        // be busy for tens of milliseconds (BENCHMARKS.md).
        if now - s.last_seen_at > 60_000 {
            let store = self.store.clone();
            let hash = hash.clone();
            tokio::spawn(async move {
                if let Err(e) = store.touch_session(&hash).await {
                    tracing::warn!(error = %e, "moving a session's idle clock failed");
                }
            });
        }
        Ok(signed_in(found.user.clone(), &found.grants, hash))
    }

    async fn resolve(&self, user_id: UserId, session_hash: String) -> AppResult<Option<SignedIn>> {
        let user = self.store.user(user_id).await?;
        if user.as_ref().is_none_or(|u| u.disabled) {
            return Ok(None);
        }
        let grants = self.store.grants(user_id).await?;
        Ok(signed_in(user.map(Arc::new), &grants, session_hash))
    }

    /// Ends one session.
    pub async fn sign_out(&self, signed: &SignedIn) -> AppResult<()> {
        Ok(self.store.delete_session(&signed.session_hash).await?)
    }

    /// Ends every session of the signed-in person.
    pub async fn sign_out_everywhere(&self, signed: &SignedIn) -> AppResult<u64> {
        let n = self.store.delete_user_sessions(signed.actor.user_id).await?;
        self.store
            .audit(
                Some(signed.actor.user_id),
                None,
                "sign_out_everywhere",
                &signed.user.username,
                "",
            )
            .await?;
        Ok(n)
    }

    /// Changes one's own password after checking the current one; ends all
    /// other sessions.
    pub async fn change_password(&self, signed: &SignedIn, current: &str, new: &str, confirm: &str) -> AppResult<()> {
        let login = self
            .store
            .login_lookup(&signed.user.username)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut e = FieldErrors::new();
        let ok = match login.password_hash {
            Some(h) => verify_password(current.to_string(), h).await,
            None => false,
        };
        if !ok {
            e.add("current", "error-current-password");
        }
        check_new_password(&mut e, new, confirm, &signed.user.username);
        e.into_result()?;
        let hash = hash_password(new.to_string()).await?;
        self.store.set_password_hash(signed.actor.user_id, &hash).await?;
        self.store.delete_user_sessions(signed.actor.user_id).await?;
        self.store
            .create_session(&signed.session_hash, signed.actor.user_id, None)
            .await?;
        Ok(())
    }

    /// A counselor or admin sets a new password for a student (students
    /// under 13 usually have no e-mail). Returns the new passphrase to hand
    /// to the student; ends the student's sessions.
    pub async fn reset_student_password(
        &self,
        actor: &Actor,
        student_id: UserId,
        origin: &Origin,
    ) -> AppResult<String> {
        self.open_student(actor, student_id, StudentAction::ResetPassword, "password", origin)
            .await?;
        let pass = passphrase();
        let hash = hash_password(pass.clone()).await?;
        self.store.set_password_hash(student_id, &hash).await?;
        self.store.delete_user_sessions(student_id).await?;
        self.store
            .audit(
                Some(actor.user_id),
                None,
                "reset_student_password",
                &student_id.to_string(),
                "",
            )
            .await?;
        Ok(pass)
    }

    /// Starts a reset by e-mail for staff and guardians. Always succeeds
    /// from the caller's view, so the form does not reveal which addresses
    /// have accounts.
    pub async fn request_password_reset(
        &self,
        email: &str,
        locale_text: impl Fn(&str) -> (String, String),
    ) -> AppResult<()> {
        let mut e = FieldErrors::new();
        let Some(email) = validate::optional_email(&mut e, "email", email) else {
            e.add("email", "error-required");
            return Err(AppError::Invalid(e));
        };
        e.into_result()?;
        let Some(user) = self.store.user_by_email(&email).await? else {
            return Ok(());
        };
        if user.kind == AccountKind::Student || user.disabled {
            // Students reset through their counselor.
            return Ok(());
        }
        let token = random_token(32);
        self.store
            .create_password_reset(&token_hash(&token), user.user_id, now_ms() + 60 * 60_000)
            .await?;
        let link = format!(
            "{}/password/reset/{token}",
            self.config.public_url.trim_end_matches('/')
        );
        let (subject, body) = locale_text(&link);
        self.store.enqueue_mail(&email, &subject, &body).await?;
        Ok(())
    }

    /// True when a reset token is live (for showing the form).
    pub async fn reset_token_valid(&self, token: &str) -> AppResult<bool> {
        Ok(self.store.password_reset_user(&token_hash(token)).await?.is_some())
    }

    /// Completes a reset by e-mail link.
    pub async fn complete_password_reset(&self, token: &str, new: &str, confirm: &str) -> AppResult<()> {
        let th = token_hash(token);
        let user_id = self.store.password_reset_user(&th).await?.ok_or(AppError::NotFound)?;
        let user = self.store.user(user_id).await?.ok_or(AppError::NotFound)?;
        let mut e = FieldErrors::new();
        check_new_password(&mut e, new, confirm, &user.username);
        e.into_result()?;
        let hash = hash_password(new.to_string()).await?;
        if !self.store.complete_password_reset(&th, &hash).await? {
            return Err(AppError::NotFound);
        }
        self.store
            .audit(Some(user_id), None, "password_reset", &user.username, "")
            .await?;
        Ok(())
    }

    /// Creates a staff invitation to `role` at `org_id`. Returns the code.
    pub async fn invite_staff(
        &self,
        actor: &Actor,
        org_id: OrgId,
        role: Role,
        email: Option<String>,
    ) -> AppResult<String> {
        let org = self.store.org(org_id).await?.ok_or(AppError::NotFound)?;
        if !authz::org(actor, OrgAction::AssignRole(role), &org.place()) {
            return Err(AppError::Forbidden);
        }
        // Upper-case hex: unchanged by the normalisation codes go through.
        let code = hex::encode_upper(rand::random::<[u8; 20]>());
        self.store
            .create_invite(
                &token_hash(&normalize_code(&code)),
                &InviteRecord {
                    kind: "staff".into(),
                    org_id: Some(org_id),
                    role: Some(role),
                    student_id: None,
                    email,
                    created_by: actor.user_id,
                    expires_at: now_ms() + 7 * 86_400_000,
                    used_at: None,
                },
            )
            .await?;
        self.store
            .audit(Some(actor.user_id), Some(org_id), "invite_staff", role.as_str(), "")
            .await?;
        Ok(code)
    }

    /// Creates a guardian invitation code for a student. Returns the code,
    /// written in groups for reading aloud.
    pub async fn invite_guardian(&self, actor: &Actor, student_id: UserId, origin: &Origin) -> AppResult<String> {
        let opened = self
            .open_student(
                actor,
                student_id,
                StudentAction::AssignMentor,
                "guardian_invite",
                origin,
            )
            .await?;
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let raw: String = (0..12)
            .map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char)
            .collect();
        let code = format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12]);
        self.store
            .create_invite(
                &token_hash(&normalize_code(&code)),
                &InviteRecord {
                    kind: "guardian".into(),
                    org_id: opened.facts.school.map(|s| s.org_id),
                    role: None,
                    student_id: Some(student_id),
                    email: None,
                    created_by: actor.user_id,
                    expires_at: now_ms() + 14 * 86_400_000,
                    used_at: None,
                },
            )
            .await?;
        self.store
            .audit(
                Some(actor.user_id),
                opened.facts.school.map(|s| s.org_id),
                "invite_guardian",
                &student_id.to_string(),
                "",
            )
            .await?;
        Ok(code)
    }

    /// Looks up a live invitation by its code.
    pub async fn live_invite(&self, code: &str) -> AppResult<InviteRecord> {
        let inv = self
            .store
            .invite(&token_hash(&normalize_code(code)))
            .await?
            .ok_or(AppError::NotFound)?;
        if inv.used_at.is_some() || inv.expires_at <= now_ms() {
            return Err(AppError::NotFound);
        }
        Ok(inv)
    }

    /// Accepts an invitation by creating a new account (staff, or a
    /// guardian linked to the student). Returns the new account's id.
    pub async fn accept_invite_new_account(&self, code: &str, form: &NewAccountForm) -> AppResult<UserId> {
        let inv = self.live_invite(code).await?;
        let mut e = FieldErrors::new();
        let username = validate::username(&mut e, "username", &form.username);
        let given = validate::required_text(&mut e, "given_name", &form.given_name, 100);
        let family = validate::required_text(&mut e, "family_name", &form.family_name, 100);
        let email = validate::optional_email(&mut e, "email", &form.email);
        check_new_password(&mut e, &form.password, &form.confirm, &username);
        if e.is_empty() && self.store.login_lookup(&username).await?.is_some() {
            e.add("username", "error-username-taken");
        }
        if e.is_empty()
            && let Some(em) = &email
            && self.store.user_by_email(em).await?.is_some()
        {
            e.add("email", "error-email-taken");
        }
        e.into_result()?;
        let kind = if inv.kind == "staff" {
            AccountKind::Staff
        } else {
            AccountKind::Guardian
        };
        let user_id = UserId::generate();
        let hash = hash_password(form.password.clone()).await?;
        self.store
            .create_user(&NewUser {
                user_id,
                kind,
                username: username.clone(),
                email,
                password_hash: Some(hash),
                given_name: given,
                family_name: family,
                locale: form.locale.clone(),
            })
            .await
            .map_err(|e| {
                if e.is_conflict() {
                    AppError::Conflict("error-username-taken")
                } else {
                    e.into()
                }
            })?;
        if !self
            .store
            .consume_invite(&token_hash(&normalize_code(code)), user_id)
            .await?
        {
            // Someone used the code a moment ago: keep the account disabled.
            self.store.set_disabled(user_id, true).await?;
            return Err(AppError::NotFound);
        }
        self.apply_invite(&inv, user_id).await?;
        Ok(user_id)
    }

    /// A signed-in guardian links another student with an invitation code.
    pub async fn accept_guardian_code(&self, signed: &SignedIn, code: &str) -> AppResult<UserId> {
        if signed.actor.kind != AccountKind::Guardian {
            return Err(AppError::Forbidden);
        }
        let inv = self.live_invite(code).await.map_err(|_| {
            let mut e = FieldErrors::new();
            e.add("code", "error-invite-code");
            AppError::Invalid(e)
        })?;
        if inv.kind != "guardian" {
            let mut e = FieldErrors::new();
            e.add("code", "error-invite-code");
            return Err(AppError::Invalid(e));
        }
        if !self
            .store
            .consume_invite(&token_hash(&normalize_code(code)), signed.actor.user_id)
            .await?
        {
            return Err(AppError::NotFound);
        }
        self.apply_invite(&inv, signed.actor.user_id).await?;
        inv.student_id.ok_or(AppError::NotFound)
    }

    async fn apply_invite(&self, inv: &InviteRecord, user_id: UserId) -> AppResult<()> {
        match (inv.kind.as_str(), inv.org_id, inv.role, inv.student_id) {
            ("staff", Some(org), Some(role), _) => {
                self.store.add_grant(user_id, org, role, Some(inv.created_by)).await?;
                self.store
                    .audit(Some(user_id), Some(org), "accept_staff_invite", role.as_str(), "")
                    .await?;
            }
            ("guardian", org, _, Some(student)) => {
                self.store.link_guardian(student, user_id, "guardian").await?;
                self.store
                    .audit(Some(user_id), org, "accept_guardian_invite", &student.to_string(), "")
                    .await?;
            }
            _ => return Err(AppError::Internal("malformed invitation".into())),
        }
        Ok(())
    }
}

/// The fields of an account-creation form (invitations).
#[derive(Clone, Debug, Default)]
pub struct NewAccountForm {
    pub username: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub password: String,
    pub confirm: String,
    pub locale: String,
}

/// Codes are accepted in any case, with or without dashes and spaces.
fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase()
}

/// Applies the password rules to a new password and its confirmation.
pub fn check_new_password(e: &mut FieldErrors, new: &str, confirm: &str, username: &str) {
    if let Err(p) = password::check(new, username) {
        e.add("password", p.key());
    } else if new != confirm {
        e.add("confirm", "error-password-mismatch");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_normalise() {
        assert_eq!(normalize_code("abcd-efgh jk23"), "ABCDEFGHJK23");
        let p = passphrase();
        assert_eq!(p.split('-').count(), 4);
        assert!(password::check(&p, "someone").is_ok(), "{p}");
    }

    #[tokio::test]
    async fn hashes_verify() {
        let h = hash_password("purple giraffe".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("purple giraffe".into(), h.clone()).await);
        assert!(!verify_password("purple giraffes".into(), h).await);
        assert!(!verify_password("x".into(), DUMMY_HASH.into()).await);
    }
}
