//! Small-cell suppression for counts of students shown to staff.
//!
//! A count of students in a group smaller than [`MIN_CELL`] is not shown: in
//! a small school "3 students are interested in nursing" can single a
//! student out. The rule, applied to one table of counts that share a
//! total:
//!
//! 1. **Primary suppression**: every count from 1 to `MIN_CELL − 1` is
//!    hidden ("fewer than 10"). Zero is shown: it says nothing about anyone.
//! 2. **Complementary suppression**: when the total is shown and exactly one
//!    count is hidden, it could be worked out by subtraction, so the smallest
//!    other non-zero count is hidden too.
//! 3. When the population itself is below `MIN_CELL`, nothing is shown but
//!    that fact.
//!
//! Later dashboards (participation, outcomes by learner group) use the same
//! function, so the rule is written once.

/// The smallest count shown.
pub const MIN_CELL: u64 = 10;

/// A count as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    /// Hidden: between 1 and `MIN_CELL − 1`, or hidden so that another
    /// cannot be worked out.
    Suppressed,
}

impl Cell {
    pub fn shown(&self) -> Option<u64> {
        match self {
            Cell::Shown(n) => Some(*n),
            Cell::Suppressed => None,
        }
    }
}

/// Suppresses one table of counts. `total_shown` says whether the page also
/// shows the counts' total (then one hidden cell gets a complement). Returns
/// `None` when the population (`population`) is too small to show anything.
pub fn suppress(counts: &[u64], population: u64, total_shown: bool) -> Option<Vec<Cell>> {
    if population < MIN_CELL {
        return None;
    }
    let mut cells: Vec<Cell> = counts
        .iter()
        .map(|&n| {
            if n > 0 && n < MIN_CELL {
                Cell::Suppressed
            } else {
                Cell::Shown(n)
            }
        })
        .collect();
    let hidden = cells.iter().filter(|c| **c == Cell::Suppressed).count();
    if total_shown && hidden == 1 {
        let smallest = counts
            .iter()
            .enumerate()
            .filter(|(i, n)| **n > 0 && cells[*i] != Cell::Suppressed)
            .min_by_key(|(i, n)| (**n, *i))
            .map(|(i, _)| i);
        if let Some(i) = smallest {
            cells[i] = Cell::Suppressed;
        }
    }
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cell::*;

    #[test]
    fn small_counts_are_hidden_and_zero_is_shown() {
        assert_eq!(
            suppress(&[0, 9, 10, 25], 44, false).unwrap(),
            [Shown(0), Suppressed, Shown(10), Shown(25)]
        );
    }

    #[test]
    fn a_lone_hidden_cell_gets_a_complement_when_the_total_is_shown() {
        // 50 − 12 − 30 would reveal the 8: the 12 goes too.
        assert_eq!(
            suppress(&[8, 12, 30], 50, true).unwrap(),
            [Suppressed, Suppressed, Shown(30)]
        );
        // Without a total, or with two hidden already, nothing more goes.
        assert_eq!(
            suppress(&[8, 12, 30], 50, false).unwrap(),
            [Suppressed, Shown(12), Shown(30)]
        );
        assert_eq!(
            suppress(&[8, 3, 30, 11], 52, true).unwrap(),
            [Suppressed, Suppressed, Shown(30), Shown(11)]
        );
    }

    #[test]
    fn a_population_under_ten_shows_nothing() {
        assert_eq!(suppress(&[5, 4], 9, true), None);
        assert!(suppress(&[], 10, true).unwrap().is_empty());
    }
}
