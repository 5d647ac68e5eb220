//! One group commit of access-log entries as one value (SQLite's staging).
//!
//! On SQLite the access-log writer stages each group commit as a single row
//! holding all its entries in this compact binary form, instead of one row
//! per entry: a commit then costs one row insert however many page views it
//! records, and the settle (which moves entries into the indexed
//! `access_log`) decodes them in Rust and sorts them without SQLite's
//! sorter. BENCHMARKS.md has the figures.
//!
//! Layout (little-endian): a version byte (1), then per entry
//! `student_id log_id at actor_id` (i64 each), the district (`0`, or `1`
//! and an i64), the actor's role, the basis, the action and the resource
//! (each a u16 length and UTF-8 bytes), and the address (`0`, or `1` and a
//! string as before).

use crate::StoreError;
use crate::logs::AccessEntry;

const VERSION: u8 = 1;

/// Encodes `entries`, giving each the log id `new_id` returns. Text longer
/// than 65,535 bytes (the fields are names from fixed sets and an address,
/// so never in practice) is cut at a character boundary below it: a batch
/// that could not be encoded would hold up every entry after it.
pub(crate) fn encode(entries: &[AccessEntry], mut new_id: impl FnMut() -> i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + entries.len() * 96);
    out.push(VERSION);
    for e in entries {
        for v in [e.student_id.0, new_id(), e.at, e.actor_id.0] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        match e.district_id {
            Some(d) => {
                out.push(1);
                out.extend_from_slice(&d.0.to_le_bytes());
            }
            None => out.push(0),
        }
        for s in [&e.actor_role, &e.basis, &e.action, &e.resource] {
            put_str(&mut out, s);
        }
        match &e.ip {
            Some(ip) => {
                out.push(1);
                put_str(&mut out, ip);
            }
            None => out.push(0),
        }
    }
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let mut n = s.len().min(u16::MAX as usize);
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    out.extend_from_slice(&(n as u16).to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..n]);
}

/// One staged entry, borrowing its text from the batch it was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StagedRef<'a> {
    pub student_id: i64,
    pub log_id: i64,
    pub at: i64,
    pub actor_id: i64,
    pub district_id: Option<i64>,
    pub actor_role: &'a str,
    pub basis: &'a str,
    pub action: &'a str,
    pub resource: &'a str,
    pub ip: Option<&'a str>,
}

#[cfg(test)]
impl StagedRef<'_> {
    /// The entry as the store's type, with its text copied.
    pub(crate) fn to_entry(self) -> AccessEntry {
        use std::borrow::Cow;
        use waypoint_domain::{OrgId, UserId};
        AccessEntry {
            student_id: UserId(self.student_id),
            at: self.at,
            actor_id: UserId(self.actor_id),
            actor_role: Cow::Owned(self.actor_role.to_owned()),
            basis: Cow::Owned(self.basis.to_owned()),
            action: Cow::Owned(self.action.to_owned()),
            resource: Cow::Owned(self.resource.to_owned()),
            ip: self.ip.map(str::to_owned),
            district_id: self.district_id.map(OrgId),
        }
    }
}

/// Reads a batch: each entry with where it starts in `batch`, so that it
/// can be read again by [`decode_at`] after sorting.
pub(crate) fn decode(batch: &[u8]) -> Result<Vec<(usize, StagedRef<'_>)>, StoreError> {
    let mut r = Reader { buf: batch, pos: 0 };
    let version = r.u8()?;
    if version != VERSION {
        return Err(StoreError::Other(format!(
            "staged access-log batch has unknown version {version}"
        )));
    }
    let mut out = Vec::with_capacity(batch.len() / 96);
    while r.pos < batch.len() {
        let at = r.pos;
        out.push((at, r.entry()?));
    }
    Ok(out)
}

/// The entry that starts at `offset` in `batch` (an offset [`decode`] gave).
pub(crate) fn decode_at(batch: &[u8], offset: usize) -> Result<StagedRef<'_>, StoreError> {
    Reader {
        buf: batch,
        pos: offset,
    }
    .entry()
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], StoreError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| {
                StoreError::Other(format!(
                    "staged access-log batch ends early (byte {} of {})",
                    self.pos,
                    self.buf.len()
                ))
            })?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, StoreError> {
        Ok(self.take(1)?[0])
    }

    fn i64(&mut self) -> Result<i64, StoreError> {
        let b = self.take(8)?;
        Ok(i64::from_le_bytes(b.try_into().expect("eight bytes")))
    }

    fn str(&mut self) -> Result<&'a str, StoreError> {
        let b = self.take(2)?;
        let n = u16::from_le_bytes([b[0], b[1]]) as usize;
        let at = self.pos;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| StoreError::Other(format!("staged access-log batch has invalid text at byte {at}")))
    }

    fn flag(&mut self) -> Result<bool, StoreError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(StoreError::Other(format!(
                "staged access-log batch has flag {b} at byte {}",
                self.pos - 1
            ))),
        }
    }

    fn entry(&mut self) -> Result<StagedRef<'a>, StoreError> {
        let student_id = self.i64()?;
        let log_id = self.i64()?;
        let at = self.i64()?;
        let actor_id = self.i64()?;
        let district_id = if self.flag()? { Some(self.i64()?) } else { None };
        let actor_role = self.str()?;
        let basis = self.str()?;
        let action = self.str()?;
        let resource = self.str()?;
        let ip = if self.flag()? { Some(self.str()?) } else { None };
        Ok(StagedRef {
            student_id,
            log_id,
            at,
            actor_id,
            district_id,
            actor_role,
            basis,
            action,
            resource,
            ip,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waypoint_domain::{OrgId, UserId};

    fn entry(student: i64, ip: Option<&str>, district: Option<i64>) -> AccessEntry {
        AccessEntry {
            student_id: UserId(student),
            at: 1_700_000_000_000i64.wrapping_add(student),
            actor_id: UserId(-7),
            actor_role: "counselor".into(),
            basis: "school_staff".into(),
            action: "view".into(),
            resource: "student_home · ñ".to_string().into(),
            ip: ip.map(str::to_owned),
            district_id: district.map(OrgId),
        }
    }

    #[test]
    fn entries_come_back_as_written_with_their_log_ids() {
        let entries = [
            entry(1, Some("198.51.100.7"), Some(40)),
            entry(i64::MAX, None, None),
            entry(-3, Some(""), Some(i64::MIN)),
        ];
        let mut next = 100;
        let batch = encode(&entries, || {
            next += 1;
            next
        });
        let back = decode(&batch).unwrap();
        assert_eq!(back.len(), 3);
        for (i, (offset, s)) in back.iter().enumerate() {
            assert_eq!(s.log_id, 101 + i as i64);
            assert_eq!(s.to_entry(), entries[i]);
            assert_eq!(decode_at(&batch, *offset).unwrap(), *s);
        }
        assert_eq!(decode(&encode(&[], || 0)).unwrap(), vec![]);
    }

    #[test]
    fn damaged_batches_are_errors_not_panics() {
        let batch = encode(&[entry(1, Some("198.51.100.7"), Some(40))], || 9);
        // Every cut inside an entry is refused (a cut between entries is a
        // shorter batch, which the settle catches by the count stored with
        // it).
        assert_eq!(decode(&batch[..1]).unwrap(), vec![]);
        for n in 2..batch.len() {
            assert!(decode(&batch[..n]).is_err(), "cut at {n}");
        }
        assert!(decode(&[]).is_err());
        let mut v = batch.clone();
        v[0] = 2;
        assert!(decode(&v).unwrap_err().to_string().contains("version 2"));
        let mut f = batch.clone();
        f[33] = 7; // the district flag
        assert!(decode(&f).unwrap_err().to_string().contains("flag 7"));
        let mut t = batch.clone();
        let role = 1 + 32 + 9 + 2; // first byte of the role's text
        t[role] = 0xff;
        assert!(decode(&t).unwrap_err().to_string().contains("invalid text"));
    }

    #[test]
    fn overlong_text_is_cut_at_a_character_boundary() {
        // 65,534 ASCII bytes, then a two-byte character straddling the limit.
        let long = format!("{}é{}", "x".repeat(65_534), "y".repeat(10));
        let mut e = entry(1, None, None);
        e.resource = long.clone().into();
        let batch = encode(&[e], || 1);
        let back = decode(&batch).unwrap();
        assert_eq!(back[0].1.resource, &long[..65_534]);
    }
}
