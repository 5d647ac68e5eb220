//! `waypoint demo`: a local SQLite instance with synthetic people and a
//! well-known account for every role, so anyone can try Waypoint.

use std::collections::HashMap;
use waypoint_synth::{Dataset, StaffRole};

/// The password of every demo account. Demo mode only: `waypoint serve`
/// never creates accounts with a known password.
pub const DEMO_PASSWORD: &str = "waypoint-demo-2026";

/// One well-known demo account.
#[derive(Clone, Debug)]
pub struct DemoAccount {
    pub username: String,
    pub role: &'static str,
    pub district: usize,
}

/// Chooses the people who get well-known usernames: the state admin, and
/// per district an admin, a counselor and a mentor at a high school, a
/// high-school student of that mentor with a guardian, and a middle-school
/// student. Returns generated username → demo username.
pub fn pick_accounts(data: &Dataset) -> (HashMap<String, String>, Vec<DemoAccount>) {
    let mut renames = HashMap::new();
    let mut accounts = Vec::new();
    let mut add =
        |renames: &mut HashMap<String, String>, from: &str, to: String, role: &'static str, district: usize| {
            renames.insert(from.to_string(), to.clone());
            accounts.push(DemoAccount {
                username: to,
                role,
                district,
            });
        };
    if let Some(s) = data
        .staff
        .iter()
        .find(|s| s.roles.iter().any(|(r, _)| *r == StaffRole::StateAdmin))
    {
        add(&mut renames, &s.username, "state.admin".into(), "state_admin", 0);
    }
    for (i, d) in data.districts.iter().enumerate().take(2) {
        let n = i + 1;
        let schools: Vec<u32> = data
            .schools
            .iter()
            .filter(|s| s.parent_key == Some(d.key))
            .map(|s| s.key)
            .collect();
        let is_high = |key: u32| data.org(key).and_then(|o| o.low_grade).is_some_and(|g| g >= 9);
        if let Some(s) = data
            .staff
            .iter()
            .find(|s| s.has_role_at(StaffRole::DistrictAdmin, d.key))
        {
            add(&mut renames, &s.username, format!("d{n}.admin"), "district_admin", n);
        }
        // The high-school student: has a guardian; their first mentor and
        // their school's counselor become the demo staff.
        let mut hs = None;
        let mut ms = None;
        let mut g8 = None;
        for h in data.students() {
            for st in &h.students {
                if !schools.contains(&st.school_key) {
                    continue;
                }
                if hs.is_none()
                    && st.grade_level == 11
                    && is_high(st.school_key)
                    && let Some(g) = h.guardians.iter().find(|g| g.student_seqs.contains(&st.seq))
                {
                    hs = Some((st.clone(), g.clone()));
                }
                if ms.is_none() && st.grade_level == 7 {
                    ms = Some(st.clone());
                }
                if g8.is_none() && st.grade_level == 8 {
                    g8 = Some(st.clone());
                }
            }
            if hs.is_some() && ms.is_some() && g8.is_some() {
                break;
            }
        }
        if let Some((st, g)) = hs {
            add(
                &mut renames,
                &st.username,
                format!("d{n}.hs.student"),
                "student_grade_11",
                n,
            );
            add(&mut renames, &g.username, format!("d{n}.guardian"), "guardian", n);
            if let Some(m) = st.mentor_keys.first().and_then(|k| data.staff.get(*k as usize)) {
                add(&mut renames, &m.username, format!("d{n}.mentor"), "mentor", n);
            }
            if let Some(c) = data
                .staff
                .iter()
                .find(|s| s.has_role_at(StaffRole::Counselor, st.school_key))
            {
                add(&mut renames, &c.username, format!("d{n}.counselor"), "counselor", n);
            }
        }
        if let Some(st) = ms {
            add(
                &mut renames,
                &st.username,
                format!("d{n}.ms.student"),
                "student_grade_7",
                n,
            );
        }
        if let Some(st) = g8 {
            add(
                &mut renames,
                &st.username,
                format!("d{n}.g8.student"),
                "student_grade_8",
                n,
            );
        }
    }
    (renames, accounts)
}
