//! One reader per OneRoster file: the columns each version defines, which are required,
//! and how a row becomes a record.

use std::io::Read;

use super::csvread::{CsvInput, Cx, Header, RowCx};
use super::issue::Code;
use super::model::{
    AcademicSession, Class, ClassType, Course, Demographics, Enrollment, EnrollmentRole, FileKind, FileMode, Id, Org,
    OrgType, Role, RoleAssignment, RoleType, SessionType, Sex, User, UserId, UserProfile, Version,
};
use super::values;

/// The records of one file, the ids of rows that had errors (so that references to them do
/// not cascade into more errors), and whether the file could not be read to the end.
pub(crate) struct Parsed<T> {
    pub(crate) records: Vec<T>,
    pub(crate) bad_ids: Vec<Id>,
    pub(crate) broken: bool,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            records: Vec::new(),
            bad_ids: Vec::new(),
            broken: false,
        }
    }
}

/// Reads a file: header, then rows. `cols` resolves the columns once; `row` turns a row into
/// `(its sourcedId, the record)`, reporting problems on the `RowCx`.
fn read_file<R: Read, C, T>(
    input: R,
    kind: FileKind,
    mode: FileMode,
    cx: &mut Cx,
    cols: impl FnOnce(&mut Header, &mut Cx) -> C,
    mut row: impl FnMut(&mut RowCx, &C) -> (Option<Id>, Option<T>),
) -> Parsed<T> {
    let mut out = Parsed::default();
    let file = kind.file_name();
    cx.interner.next_file();
    let mut csv = CsvInput::new(input, file);
    let Some(mut header) = csv.header(cx) else {
        out.broken = true;
        return out;
    };
    let c = cols(&mut header, cx);
    if !header.finish(cx) {
        out.broken = true;
        return out;
    }
    while let Some(r) = csv.next_row(cx) {
        let mut rc = RowCx::new(r, file, mode, cx);
        let (id, rec) = row(&mut rc, &c);
        match rec {
            Some(rec) if !rc.bad => out.records.push(rec),
            _ => out.bad_ids.extend(id),
        }
    }
    out.broken = csv.broken;
    out
}

struct Meta {
    sid: Option<usize>,
    status: Option<usize>,
    dlm: Option<usize>,
}

fn meta(h: &mut Header, mode: FileMode, cx: &mut Cx) -> Meta {
    let delta = mode == FileMode::Delta;
    Meta {
        sid: h.require("sourcedId", cx),
        status: h.require_if("status", delta, cx),
        dlm: h.require_if("dateLastModified", delta, cx),
    }
}

const PASSWORDS: &str = "passwords are never imported; people set their own password in Waypoint";

pub(crate) fn orgs<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<Org> {
    struct C {
        m: Meta,
        name: Option<usize>,
        ty: Option<usize>,
        identifier: Option<usize>,
        parent: Option<usize>,
    }
    read_file(
        input,
        FileKind::Orgs,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            name: h.require("name", cx),
            ty: h.require("type", cx),
            identifier: h.col("identifier", cx),
            parent: h.col("parentSourcedId", cx),
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let name = r.text(c.name, "name");
            let org_type = r.token::<OrgType>(c.ty, "type", true);
            let identifier = r.opt_text(c.identifier);
            let parent = r.opt_id(c.parent);
            if let (Some(p), Some(i)) = (&parent, &id)
                && p == i
            {
                r.error(Code::BadValue, "parentSourcedId", || {
                    "an org cannot be its own parent".to_owned()
                });
            }
            let rec = (|| {
                Some(Org {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    name: name?,
                    org_type: org_type?,
                    identifier,
                    parent,
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

pub(crate) fn sessions<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<AcademicSession> {
    struct C {
        m: Meta,
        title: Option<usize>,
        ty: Option<usize>,
        start: Option<usize>,
        end: Option<usize>,
        parent: Option<usize>,
        year: Option<usize>,
    }
    read_file(
        input,
        FileKind::AcademicSessions,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            title: h.require("title", cx),
            ty: h.require("type", cx),
            start: h.require("startDate", cx),
            end: h.require("endDate", cx),
            parent: h.col("parentSourcedId", cx),
            year: h.require("schoolYear", cx),
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let title = r.text(c.title, "title");
            let session_type = r.token::<SessionType>(c.ty, "type", true);
            let start_date = r.date(c.start, "startDate", true);
            let end_date = r.date(c.end, "endDate", true);
            if let (Some(s), Some(e)) = (start_date, end_date)
                && e < s
            {
                r.error(Code::BadDate, "endDate", || {
                    format!("endDate {e} is before startDate {s}")
                });
            }
            let parent = r.opt_id(c.parent);
            let school_year = match r.raw(c.year) {
                None => {
                    r.error(Code::Required, "schoolYear", || {
                        "schoolYear is required but is empty".to_owned()
                    });
                    None
                }
                Some(s) => {
                    let y = values::parse_year(s);
                    if y.is_none() {
                        r.error(Code::BadValue, "schoolYear", || {
                            format!(
                                "\"{}\" is not a valid school year; expected the four-digit year in which the school \
                                 year ends, like 2025",
                                values::truncate(s)
                            )
                        });
                    }
                    y
                }
            };
            let rec = (|| {
                Some(AcademicSession {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    title: title?,
                    session_type: session_type?,
                    start_date: start_date?,
                    end_date: end_date?,
                    parent,
                    school_year: school_year?,
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

pub(crate) fn courses<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<Course> {
    struct C {
        m: Meta,
        year: Option<usize>,
        title: Option<usize>,
        code: Option<usize>,
        grades: Option<usize>,
        org: Option<usize>,
        subjects: Option<usize>,
        subject_codes: Option<usize>,
    }
    read_file(
        input,
        FileKind::Courses,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            year: h.col("schoolYearSourcedId", cx),
            title: h.require("title", cx),
            code: h.col("courseCode", cx),
            grades: h.col("grades", cx),
            org: h.require("orgSourcedId", cx),
            subjects: h.col("subjects", cx),
            subject_codes: h.col("subjectCodes", cx),
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let school_year = r.opt_id(c.year);
            let title = r.text(c.title, "title");
            let course_code = r.opt_text(c.code);
            let grades = r.grades(c.grades, "grades");
            let org = r.id(c.org, "orgSourcedId");
            let rec = (|| {
                Some(Course {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    school_year,
                    title: title?,
                    course_code,
                    grades,
                    org: org?,
                    subjects: r.texts(c.subjects),
                    subject_codes: r.texts(c.subject_codes),
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

pub(crate) fn classes<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<Class> {
    struct C {
        m: Meta,
        title: Option<usize>,
        grades: Option<usize>,
        course: Option<usize>,
        code: Option<usize>,
        ty: Option<usize>,
        location: Option<usize>,
        school: Option<usize>,
        terms: Option<usize>,
        subjects: Option<usize>,
        subject_codes: Option<usize>,
        periods: Option<usize>,
    }
    read_file(
        input,
        FileKind::Classes,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            title: h.require("title", cx),
            grades: h.col("grades", cx),
            course: h.require("courseSourcedId", cx),
            code: h.col("classCode", cx),
            ty: h.require("classType", cx),
            location: h.col("location", cx),
            school: h.require("schoolSourcedId", cx),
            terms: h.require("termSourcedIds", cx),
            subjects: h.col("subjects", cx),
            subject_codes: h.col("subjectCodes", cx),
            periods: h.col("periods", cx),
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let title = r.text(c.title, "title");
            let grades = r.grades(c.grades, "grades");
            let course = r.id(c.course, "courseSourcedId");
            let class_type = r.token::<ClassType>(c.ty, "classType", true);
            let school = r.id(c.school, "schoolSourcedId");
            let terms = r.ids(c.terms, "termSourcedIds", true);
            let rec = (|| {
                Some(Class {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    title: title?,
                    grades,
                    course: course?,
                    class_code: r.opt_text(c.code),
                    class_type: class_type?,
                    location: r.opt_text(c.location),
                    school: school?,
                    terms,
                    subjects: r.texts(c.subjects),
                    subject_codes: r.texts(c.subject_codes),
                    periods: r.texts(c.periods),
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

pub(crate) fn users<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<User> {
    struct C {
        m: Meta,
        enabled: Option<usize>,
        orgs: Option<usize>,
        role: Option<usize>,
        username: Option<usize>,
        user_ids: Option<usize>,
        given: Option<usize>,
        family: Option<usize>,
        middle: Option<usize>,
        identifier: Option<usize>,
        email: Option<usize>,
        sms: Option<usize>,
        phone: Option<usize>,
        agents: Option<usize>,
        grades: Option<usize>,
        master: Option<usize>,
        pref_given: Option<usize>,
        pref_middle: Option<usize>,
        pref_family: Option<usize>,
        primary_org: Option<usize>,
        pronouns: Option<usize>,
    }
    let v11 = cx.version == Version::V1_1;
    let state_types: Vec<String> = cx.opts.state_id_types.clone();
    let identifier_is_state_id = cx.opts.identifier_is_state_id;
    read_file(
        input,
        FileKind::Users,
        mode,
        cx,
        |h, cx| {
            let m = meta(h, mode, cx);
            let enabled = h.require("enabledUser", cx);
            let (orgs, role) = if v11 {
                (h.require("orgSourcedIds", cx), h.require("role", cx))
            } else {
                (None, None)
            };
            let c = C {
                m,
                enabled,
                orgs,
                role,
                username: h.require("username", cx),
                user_ids: h.col("userIds", cx),
                given: h.require("givenName", cx),
                family: h.require("familyName", cx),
                middle: h.col("middleName", cx),
                identifier: h.col("identifier", cx),
                email: h.col("email", cx),
                sms: h.col("sms", cx),
                phone: h.col("phone", cx),
                agents: h.col("agentSourcedIds", cx),
                grades: h.col("grades", cx),
                master: if v11 { None } else { h.col("userMasterIdentifier", cx) },
                pref_given: if v11 { None } else { h.col("preferredGivenName", cx) },
                pref_middle: if v11 { None } else { h.col("preferredMiddleName", cx) },
                pref_family: if v11 { None } else { h.col("preferredFamilyName", cx) },
                primary_org: if v11 { None } else { h.col("primaryOrgSourcedId", cx) },
                pronouns: if v11 { None } else { h.col("pronouns", cx) },
            };
            h.ignore("password", PASSWORDS, cx);
            c
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let enabled = r.boolean(c.enabled, "enabledUser", true);
            let username = r.text(c.username, "username");
            let mut user_ids = Vec::new();
            if let Some(s) = r.raw(c.user_ids) {
                match values::parse_user_ids(s) {
                    Ok(items) => {
                        user_ids = items
                            .into_iter()
                            .map(|(t, i)| UserId {
                                id_type: t.into(),
                                identifier: i.into(),
                            })
                            .collect();
                    }
                    Err(why) => r.error(Code::BadValue, "userIds", || format!("userIds is malformed: {why}")),
                }
            }
            let given_name = r.text(c.given, "givenName");
            let family_name = r.text(c.family, "familyName");
            let identifier = r.opt_text(c.identifier);
            let state_id = user_ids
                .iter()
                .find(|u| state_types.iter().any(|t| t.as_str() == &*u.id_type))
                .map(|u| u.identifier.clone())
                .or_else(|| {
                    if identifier_is_state_id {
                        identifier.clone()
                    } else {
                        None
                    }
                });
            let agents = r.ids(c.agents, "agentSourcedIds", false);
            let grades = r.grades(c.grades, "grades");
            let mut roles = Vec::new();
            let mut primary_org = r.opt_id(c.primary_org);
            if v11 {
                let role = r.token::<Role>(c.role, "role", true);
                let orgs = r.ids(c.orgs, "orgSourcedIds", true);
                primary_org = orgs.first().cloned();
                if let Some(role) = role {
                    roles = orgs
                        .into_iter()
                        .enumerate()
                        .map(|(i, org)| RoleAssignment {
                            sourced_id: None,
                            status,
                            role,
                            role_type: if i == 0 { RoleType::Primary } else { RoleType::Secondary },
                            org,
                            begin_date: None,
                            end_date: None,
                            user_profile: None,
                            line: r.line,
                        })
                        .collect();
                }
            }
            let rec = (|| {
                Some(User {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    enabled: enabled?,
                    username: username?,
                    user_ids,
                    state_id,
                    identifier,
                    given_name: given_name?,
                    family_name: family_name?,
                    middle_name: r.opt_text(c.middle),
                    preferred_given_name: r.opt_text(c.pref_given),
                    preferred_middle_name: r.opt_text(c.pref_middle),
                    preferred_family_name: r.opt_text(c.pref_family),
                    pronouns: r.opt_text(c.pronouns),
                    master_identifier: r.opt_text(c.master),
                    email: r.opt_text(c.email),
                    sms: r.opt_text(c.sms),
                    phone: r.opt_text(c.phone),
                    agents,
                    grades,
                    primary_org,
                    roles,
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

/// `roles.csv` (1.2): each record is `(userSourcedId, role)`.
pub(crate) fn roles<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<(Id, RoleAssignment)> {
    struct C {
        m: Meta,
        user: Option<usize>,
        role_type: Option<usize>,
        role: Option<usize>,
        begin: Option<usize>,
        end: Option<usize>,
        org: Option<usize>,
        profile: Option<usize>,
    }
    read_file(
        input,
        FileKind::Roles,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            user: h.require("userSourcedId", cx),
            role_type: h.require("roleType", cx),
            role: h.require("role", cx),
            begin: h.col("beginDate", cx),
            end: h.col("endDate", cx),
            org: h.require("orgSourcedId", cx),
            profile: h.col("userProfileSourcedId", cx),
        },
        |r, c| {
            let id = r.unique_id(c.m.sid, "sourcedId");
            let (status, _) = r.meta(c.m.status, c.m.dlm);
            let user = r.id(c.user, "userSourcedId");
            let role_type = r.token::<RoleType>(c.role_type, "roleType", true);
            let role = r.token::<Role>(c.role, "role", true);
            let begin_date = r.date(c.begin, "beginDate", false);
            let end_date = r.date(c.end, "endDate", false);
            let org = r.id(c.org, "orgSourcedId");
            let user_profile = r.opt_id(c.profile);
            let rec = (|| {
                Some((
                    user?,
                    RoleAssignment {
                        sourced_id: Some(id.clone()?),
                        status,
                        role: role?,
                        role_type: role_type?,
                        org: org?,
                        begin_date,
                        end_date,
                        user_profile,
                        line: r.line,
                    },
                ))
            })();
            (id, rec)
        },
    )
}

pub(crate) fn user_profiles<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<UserProfile> {
    struct C {
        m: Meta,
        user: Option<usize>,
        profile_type: Option<usize>,
        vendor: Option<usize>,
        app: Option<usize>,
        credential_type: Option<usize>,
        username: Option<usize>,
    }
    read_file(
        input,
        FileKind::UserProfiles,
        mode,
        cx,
        |h, cx| {
            let c = C {
                m: meta(h, mode, cx),
                user: h.require("userSourcedId", cx),
                profile_type: h.require("profileType", cx),
                vendor: h.require("vendorId", cx),
                app: h.col("applicationId", cx),
                credential_type: h.require("credentialType", cx),
                username: h.require("username", cx),
            };
            h.col("description", cx);
            h.ignore("password", PASSWORDS, cx);
            c
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let user = r.id(c.user, "userSourcedId");
            let profile_type = r.text(c.profile_type, "profileType");
            let vendor_id = r.text(c.vendor, "vendorId");
            let credential_type = r.text(c.credential_type, "credentialType");
            let username = r.text(c.username, "username");
            let rec = (|| {
                Some(UserProfile {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    user: user?,
                    profile_type: profile_type?,
                    vendor_id: vendor_id?,
                    application_id: r.opt_text(c.app),
                    credential_type: credential_type?,
                    username: username?,
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

pub(crate) fn demographics<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<Demographics> {
    struct C {
        m: Meta,
        birth: Option<usize>,
        sex: Option<usize>,
        races: [Option<usize>; 7],
        country: Option<usize>,
        state: Option<usize>,
        city: Option<usize>,
        residence: Option<usize>,
    }
    const RACES: [&str; 7] = [
        "americanIndianOrAlaskaNative",
        "asian",
        "blackOrAfricanAmerican",
        "nativeHawaiianOrOtherPacificIslander",
        "white",
        "demographicRaceTwoOrMoreRaces",
        "hispanicOrLatinoEthnicity",
    ];
    read_file(
        input,
        FileKind::Demographics,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            birth: h.col("birthDate", cx),
            sex: h.col("sex", cx),
            races: RACES.map(|name| h.col(name, cx)),
            country: h.col("countryOfBirthCode", cx),
            state: h.col("stateOfBirthAbbreviation", cx),
            city: h.col("cityOfBirth", cx),
            residence: h.col("publicSchoolResidenceStatus", cx),
        },
        |r, c| {
            let id = r.id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let birth_date = r.date(c.birth, "birthDate", false);
            let sex = r.token::<Sex>(c.sex, "sex", false);
            let mut race = [None; 7];
            for (i, name) in RACES.iter().enumerate() {
                race[i] = r.boolean(c.races[i], name, false);
            }
            let rec = (|| {
                Some(Demographics {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    birth_date,
                    sex,
                    american_indian_or_alaska_native: race[0],
                    asian: race[1],
                    black_or_african_american: race[2],
                    native_hawaiian_or_other_pacific_islander: race[3],
                    white: race[4],
                    two_or_more_races: race[5],
                    hispanic_or_latino: race[6],
                    country_of_birth_code: r.opt_text(c.country),
                    state_of_birth_abbreviation: r.opt_text(c.state),
                    city_of_birth: r.opt_text(c.city),
                    public_school_residence_status: r.opt_text(c.residence),
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}

pub(crate) fn enrollments<R: Read>(input: R, mode: FileMode, cx: &mut Cx) -> Parsed<Enrollment> {
    struct C {
        m: Meta,
        class: Option<usize>,
        school: Option<usize>,
        user: Option<usize>,
        role: Option<usize>,
        primary: Option<usize>,
        begin: Option<usize>,
        end: Option<usize>,
    }
    read_file(
        input,
        FileKind::Enrollments,
        mode,
        cx,
        |h, cx| C {
            m: meta(h, mode, cx),
            class: h.require("classSourcedId", cx),
            school: h.require("schoolSourcedId", cx),
            user: h.require("userSourcedId", cx),
            role: h.require("role", cx),
            primary: h.col("primary", cx),
            begin: h.col("beginDate", cx),
            end: h.col("endDate", cx),
        },
        |r, c| {
            let id = r.unique_id(c.m.sid, "sourcedId");
            let (status, date_last_modified) = r.meta(c.m.status, c.m.dlm);
            let class = r.id(c.class, "classSourcedId");
            let school = r.id(c.school, "schoolSourcedId");
            let user = r.id(c.user, "userSourcedId");
            let role = r.token::<EnrollmentRole>(c.role, "role", true);
            let primary = r.boolean(c.primary, "primary", false);
            let begin_date = r.date(c.begin, "beginDate", false);
            let end_date = r.date(c.end, "endDate", false);
            let rec = (|| {
                Some(Enrollment {
                    sourced_id: id.clone()?,
                    status,
                    date_last_modified,
                    class: class?,
                    school: school?,
                    user: user?,
                    role: role?,
                    primary,
                    begin_date,
                    end_date,
                    line: r.line,
                })
            })();
            (id, rec)
        },
    )
}
