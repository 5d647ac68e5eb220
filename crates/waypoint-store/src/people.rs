//! Accounts, sign-in names and role grants.

use crate::{Page, Row, Store, StoreError, Value, like_prefix, now_ms, params};
use waypoint_domain::org::{OrgKind, OrgPlace};
use waypoint_domain::people::{AccountKind, Grant, Role};
use waypoint_domain::{OrgId, UserId};

/// A new account.
#[derive(Clone, Debug)]
pub struct NewUser {
    pub user_id: UserId,
    pub kind: AccountKind,
    pub username: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub locale: String,
}

/// An account as stored, without its password hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRecord {
    pub user_id: UserId,
    pub kind: AccountKind,
    pub username: String,
    pub email: Option<String>,
    pub given_name: String,
    pub family_name: String,
    pub locale: String,
    pub disabled: bool,
    pub last_sign_in_at: Option<i64>,
}

impl UserRecord {
    /// "Given Family".
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// What sign-in needs to know about an account.
#[derive(Clone, Debug)]
pub struct LoginRecord {
    pub user_id: UserId,
    pub username: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
}

/// A role grant with the organisation's name, for display.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRecord {
    pub grant: Grant,
    pub org_name: String,
}

/// A staff member with their roles, for admin lists.
#[derive(Clone, Debug)]
pub struct StaffSummary {
    pub user: UserRecord,
    pub roles: Vec<GrantRecord>,
}

pub(crate) fn user_from(r: &Row, at: usize) -> Result<UserRecord, StoreError> {
    Ok(UserRecord {
        user_id: UserId(r.i64(at)?),
        kind: AccountKind::parse(&r.text(at + 1)?).ok_or_else(|| StoreError::Other("bad account kind".into()))?,
        username: r.text(at + 2)?,
        email: r.opt_text(at + 3)?,
        given_name: r.text(at + 4)?,
        family_name: r.text(at + 5)?,
        locale: r.text(at + 6)?,
        disabled: r.bool(at + 7)?,
        last_sign_in_at: r.opt_i64(at + 8)?,
    })
}

pub(crate) fn grant_from(r: &Row, at: usize) -> Result<GrantRecord, StoreError> {
    Ok(GrantRecord {
        grant: Grant {
            role: Role::parse(&r.text(at)?).ok_or_else(|| StoreError::Other("bad role".into()))?,
            org: OrgPlace {
                org_id: OrgId(r.i64(at + 1)?),
                kind: OrgKind::parse(&r.text(at + 2)?).ok_or_else(|| StoreError::Other("bad org kind".into()))?,
                district_id: r.opt_i64(at + 3)?.map(OrgId),
                state_id: OrgId(r.i64(at + 4)?),
            },
        },
        org_name: r.text(at + 5)?,
    })
}

/// The statements that create one account, for use inside a larger write.
pub(crate) fn insert_user_statements(u: &NewUser) -> Vec<(&'static str, Vec<Value>)> {
    let mut stmts = vec![
        (
            "INSERT INTO users (user_id, kind, username, email, password_hash, given_name, family_name, locale, disabled, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9)",
            params![
                u.user_id, u.kind.as_str(), &u.username, u.email.clone(), u.password_hash.clone(),
                &u.given_name, &u.family_name, &u.locale, now_ms()
            ],
        ),
        // Keyed the way `login_lookup` and `user_by_email` normalise their
        // input, so every account can be found and case twins conflict.
        (
            "INSERT INTO user_logins (username, user_id) VALUES ($1, $2)",
            params![u.username.trim().to_lowercase(), u.user_id],
        ),
    ];
    if let Some(e) = &u.email {
        stmts.push((
            "INSERT INTO user_emails (email, user_id) VALUES ($1, $2)",
            params![e.trim().to_lowercase(), u.user_id],
        ));
    }
    stmts
}

impl Store {
    /// Creates an account. A taken username or e-mail is a `Conflict`.
    pub async fn create_user(&self, u: &NewUser) -> Result<(), StoreError> {
        self.db.execute_all(insert_user_statements(u)).await.map(|_| ())
    }

    /// Looks up an account by username for sign-in.
    pub async fn login_lookup(&self, username: &str) -> Result<Option<LoginRecord>, StoreError> {
        self.db
            .query_opt(
                "SELECT u.user_id, u.username, u.password_hash, u.disabled
                 FROM user_logins l JOIN users u ON u.user_id = l.user_id WHERE l.username = $1",
                params![username.trim().to_lowercase()],
            )
            .await?
            .map(|r| {
                Ok(LoginRecord {
                    user_id: UserId(r.i64(0)?),
                    username: r.text(1)?,
                    password_hash: r.opt_text(2)?,
                    disabled: r.bool(3)?,
                })
            })
            .transpose()
    }

    /// One account.
    pub async fn user(&self, user_id: UserId) -> Result<Option<UserRecord>, StoreError> {
        self.db
            .query_opt(
                "SELECT u.user_id, u.kind, u.username, u.email, u.given_name, u.family_name, u.locale, u.disabled, u.last_sign_in_at
                 FROM users u WHERE u.user_id = $1",
                params![user_id],
            )
            .await?
            .map(|r| user_from(&r, 0))
            .transpose()
    }

    /// The account with this e-mail address.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        let row = self
            .db
            .query_opt(
                "SELECT user_id FROM user_emails WHERE email = $1",
                params![email.trim().to_lowercase()],
            )
            .await?;
        match row {
            Some(r) => self.user(UserId(r.i64(0)?)).await,
            None => Ok(None),
        }
    }

    /// Stores a new password hash.
    pub async fn set_password_hash(&self, user_id: UserId, hash: &str) -> Result<(), StoreError> {
        let n = self
            .db
            .execute(
                "UPDATE users SET password_hash = $2 WHERE user_id = $1",
                params![user_id, hash],
            )
            .await?;
        if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// Remembers the account's chosen language.
    pub async fn set_locale(&self, user_id: UserId, locale: &str) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE users SET locale = $2 WHERE user_id = $1",
                params![user_id, locale],
            )
            .await
            .map(|_| ())
    }

    /// Records a successful sign-in.
    pub async fn touch_sign_in(&self, user_id: UserId) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE users SET last_sign_in_at = $2 WHERE user_id = $1",
                params![user_id, now_ms()],
            )
            .await
            .map(|_| ())
    }

    /// Enables or disables an account.
    pub async fn set_disabled(&self, user_id: UserId, disabled: bool) -> Result<(), StoreError> {
        self.db
            .execute(
                "UPDATE users SET disabled = $2 WHERE user_id = $1",
                params![user_id, disabled],
            )
            .await
            .map(|_| ())
    }

    /// The role grants an account holds, with where they sit.
    pub async fn grants(&self, user_id: UserId) -> Result<Vec<GrantRecord>, StoreError> {
        self.db
            .query(
                "SELECT g.role, o.org_id, o.kind, o.district_id, o.state_id, o.name
                 FROM role_grants g JOIN orgs o ON o.org_id = g.org_id
                 WHERE g.user_id = $1 ORDER BY o.name, g.role",
                params![user_id],
            )
            .await?
            .iter()
            .map(|r| grant_from(r, 0))
            .collect()
    }

    /// Grants a role at an organisation. Granting twice is harmless.
    pub async fn add_grant(
        &self,
        user_id: UserId,
        org_id: OrgId,
        role: Role,
        by: Option<UserId>,
    ) -> Result<(), StoreError> {
        self.db
            .execute(
                "INSERT INTO role_grants (user_id, org_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (user_id, org_id, role) DO NOTHING",
                params![user_id, org_id, role.as_str(), now_ms(), by],
            )
            .await
            .map(|_| ())
    }

    /// Revokes a role at an organisation. Returns whether it was held.
    pub async fn remove_grant(&self, user_id: UserId, org_id: OrgId, role: Role) -> Result<bool, StoreError> {
        Ok(self
            .db
            .execute(
                "DELETE FROM role_grants WHERE user_id = $1 AND org_id = $2 AND role = $3",
                params![user_id, org_id, role.as_str()],
            )
            .await?
            > 0)
    }

    /// Staff holding any role within `scope` (the organisation or below
    /// it), searched by name or username prefix, with their roles.
    pub async fn staff_within(
        &self,
        scope: &OrgPlace,
        q: &str,
        page: i64,
        per_page: i64,
    ) -> Result<Page<StaffSummary>, StoreError> {
        let pat = like_prefix(q);
        let offset = (page - 1).max(0) * per_page;
        let batch = self
            .db
            .query_batch(vec![
                (
                    "SELECT COUNT(DISTINCT u.user_id) FROM role_grants g
                     JOIN orgs o ON o.org_id = g.org_id JOIN users u ON u.user_id = g.user_id
                     WHERE (o.org_id = $1 OR o.district_id = $1 OR o.state_id = $1)
                       AND (lower(u.family_name) LIKE $2 ESCAPE '\\' OR lower(u.given_name) LIKE $2 ESCAPE '\\' OR u.username LIKE $2 ESCAPE '\\')",
                    params![scope.org_id, &pat],
                ),
                (
                    "SELECT DISTINCT u.user_id, u.kind, u.username, u.email, u.given_name, u.family_name, u.locale, u.disabled, u.last_sign_in_at
                     FROM role_grants g JOIN orgs o ON o.org_id = g.org_id JOIN users u ON u.user_id = g.user_id
                     WHERE (o.org_id = $1 OR o.district_id = $1 OR o.state_id = $1)
                       AND (lower(u.family_name) LIKE $2 ESCAPE '\\' OR lower(u.given_name) LIKE $2 ESCAPE '\\' OR u.username LIKE $2 ESCAPE '\\')
                     ORDER BY u.family_name, u.given_name, u.user_id LIMIT $3 OFFSET $4",
                    params![scope.org_id, &pat, per_page, offset],
                ),
            ])
            .await?;
        let total = batch[0].first().map(|r| r.i64(0)).transpose()?.unwrap_or(0);
        let mut items = Vec::new();
        for r in &batch[1] {
            let user = user_from(r, 0)?;
            let roles = self.grants(user.user_id).await?;
            items.push(StaffSummary { user, roles });
        }
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// Staff members with a given role at exactly one organisation.
    pub async fn staff_with_role(&self, org_id: OrgId, role: Role) -> Result<Vec<UserRecord>, StoreError> {
        let sql = "SELECT u.user_id, u.kind, u.username, u.email, u.given_name, u.family_name, u.locale, u.disabled, u.last_sign_in_at
                   FROM role_grants g JOIN users u ON u.user_id = g.user_id
                   WHERE g.org_id = $1 AND g.role = $2 ORDER BY u.family_name, u.given_name";
        self.db
            .query(sql, params![org_id, role.as_str()])
            .await?
            .iter()
            .map(|r| user_from(r, 0))
            .collect()
    }
}
