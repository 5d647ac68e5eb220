//! Typo-tolerant search over occupation titles: the official title, O*NET's alternate
//! titles and the titles workers reported.
//!
//! **Words.** A title or a query becomes words ([`words`]): lower case, common Latin accents
//! folded (`técnico` → `tecnico`), apostrophes dropped (`driver's` → `drivers`), split at
//! anything that is not a letter or digit, short function words left out (`and`, `of`,
//! `the`, …), and a light plural rule applied to both sides so that `nurse` finds `Registered
//! Nurses` and `secretaries` finds `Secretary` ([`stem`]).
//!
//! **Matching.** Every word of the query must match a word of the title, in one of three
//! ways, best first:
//!
//! - *exact*: the same word;
//! - *prefix*: the query word (two letters or more) begins a title word, so that `nur` or
//!   `soft dev` find while one types;
//! - *fuzzy*, only for a query word that is not itself a word of the index (one that is is
//!   taken as meant): the words are within a small Damerau–Levenshtein distance (insertions,
//!   deletions, substitutions and swaps of neighbours each count one): 1 for words of four to
//!   seven letters, 2 from eight letters ([`max_typos`]). `enginer`, `phsyician` and
//!   `electrcian` find engineers, physicians and electricians. Shorter words must be right:
//!   too many short words are one letter apart.
//!
//! Fuzzy candidates are found through the words' trigrams (of the word padded with a mark at
//! each end): a word within `k` edits shares all but at most `4k` of the query word's distinct
//! trigrams (an edit touches at most three, a swap four), and at least one in any case; only
//! those candidates get the distance computed ([`distance_within`]: the band of cells within
//! `k` of the diagonal, stopping as soon as a row exceeds `k`). The index holds every distinct
//! word once, sorted (exact and prefix matches are binary searches), with the titles each word
//! occurs in. A search counts in dense per-thread buffers (one byte per title, one per word),
//! reset after use, so it allocates little: a query over O*NET's 57,000 titles takes from 2 to
//! 40 µs in a release build.
//!
//! **Ranking.** Each occupation is represented by its best-matching title. Occupations are
//! ordered by, in turn: how well the weakest query word matched (all exact, else prefix, else
//! fuzzy), the sum over the query words (exact 4, prefix 3, one typo 2, two typos 1), the kind
//! of title (the official title before an alternate title before a reported title), the number
//! of words in the matching title (fewer is closer: `Nurse` is closer to `nurse` than
//! `Licensed Practical and Licensed Vocational Nurses`), how many of the occupation's titles
//! match (an occupation many titles of which match is what most people mean), and its title.
//! A hit says which title matched, so that a page can show "matched: Staff Nurse".

use std::collections::HashMap;

/// Which title of an occupation a text is. The order is the ranking order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TitleKind {
    /// The occupation's own title.
    Title,
    /// An O*NET alternate title.
    Alternate,
    /// A title workers reported.
    Reported,
}

/// How well the weakest word of a query matched a title. Better is greater.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// Some word only matched with typos.
    Fuzzy,
    /// Every word matched exactly or as the beginning of a word.
    Prefix,
    /// Every word matched exactly.
    Exact,
}

/// One occupation found.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The occupation's number, as given to [`SearchIndex::build`].
    pub occupation: usize,
    /// The best-matching title of the occupation (see [`SearchIndex::text`]).
    pub entry: usize,
    /// What kind of title that is.
    pub kind: TitleKind,
    /// How well it matched.
    pub tier: Tier,
}

/// Queries longer than this many characters are cut.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words of a query after this many are ignored.
pub const MAX_QUERY_WORDS: usize = 8;
/// Words longer than this (in bytes) are matched exactly or by prefix only.
const MAX_FUZZY_LEN: usize = 40;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "except", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// Folds the accents of common Latin letters; other characters are returned as they are.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// The light plural rule: `secretaries` → `secretary`, `classes` → `class`, `coaches` →
/// `coach`, `nurses` → `nurse`; words ending in `ss`, `us` or `is` and words of three letters
/// or fewer are left alone. It is applied to titles and queries alike, so it only needs to
/// be consistent, not correct English.
pub fn stem(word: &str) -> String {
    let n = word.len();
    if n <= 3 || !word.ends_with('s') || word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_string();
    }
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if word.ends_with("sses") || word.ends_with("xes") || word.ends_with("ches") || word.ends_with("shes") {
        return word[..n - 2].to_string();
    }
    word[..n - 1].to_string()
}

/// The words of a text as the index compares them (see the module documentation).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if cur.is_empty() {
            return;
        }
        if !STOP_WORDS.contains(&cur.as_str()) {
            out.push(stem(cur));
        }
        cur.clear();
    };
    for c in text.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                cur.push(fold(l));
            }
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// How many typos a query word of `len` bytes may have.
pub fn max_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The optimal-string-alignment (restricted Damerau–Levenshtein) distance between `a` and
/// `b` if it is at most `k`, else `None`. Only the band of cells within `k` of the diagonal
/// is computed (any other is more than `k`), in three rows of bytes rotated in place, and
/// the computation stops as soon as a row exceeds `k`.
pub fn distance_within(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    let (m, n) = (a.len(), b.len());
    if m.abs_diff(n) > k || m > MAX_FUZZY_LEN || n > MAX_FUZZY_LEN || k >= usize::from(u8::MAX / 2) {
        return None;
    }
    const W: usize = MAX_FUZZY_LEN + 2;
    // Anything over `k` is as good as infinite.
    let far = (k + 1) as u8;
    let mut rows = [[far; W]; 3];
    let (mut before, mut prev, mut cur) = (0, 1, 2);
    for (j, cell) in rows[prev].iter_mut().enumerate().take(n.min(k) + 1) {
        *cell = j as u8;
    }
    for i in 1..=m {
        let lo = if i > k { i - k } else { 1 };
        let hi = (i + k).min(n);
        rows[cur][lo - 1] = if lo == 1 && i <= k { i as u8 } else { far };
        let mut row_min = rows[cur][lo - 1];
        for j in lo..=hi {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[before][j - 2] + 1);
            }
            let v = v.min(far);
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if hi < n {
            rows[cur][hi + 1] = far;
        }
        if usize::from(row_min) > k {
            return None;
        }
        (before, prev, cur) = (prev, cur, before);
    }
    let d = usize::from(rows[prev][n]);
    (d <= k).then_some(d)
}

/// Buffers a search reuses on its thread instead of allocating them each time; every
/// element is back at zero (`u32::MAX` for `slots`) between searches.
#[derive(Default)]
struct Scratch {
    /// Per entry: the best quality of the word being matched.
    quality: Vec<u8>,
    /// Per word of the index: trigrams shared with the query word.
    counts: Vec<u8>,
    /// Per occupation: its place among the hits.
    slots: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch, grown to the sizes given (a fresh one if the
/// thread's is in use).
fn with_scratch<T>(quality: usize, counts: usize, slots: usize, f: impl FnOnce(&mut Scratch) -> T) -> T {
    let grow = |s: &mut Scratch| {
        if s.quality.len() < quality {
            s.quality.resize(quality, 0);
        }
        if s.counts.len() < counts {
            s.counts.resize(counts, 0);
        }
        if s.slots.len() < slots {
            s.slots.resize(slots, u32::MAX);
        }
    };
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => {
            grow(&mut s);
            f(&mut s)
        }
        Err(_) => {
            let mut s = Scratch::default();
            grow(&mut s);
            f(&mut s)
        }
    })
}

type Trigram = [u8; 3];

/// The distinct trigrams of a word padded with `\0` at both ends.
fn trigrams(word: &[u8]) -> Vec<Trigram> {
    let mut padded = Vec::with_capacity(word.len() + 2);
    padded.push(0);
    padded.extend_from_slice(word);
    padded.push(0);
    let mut out: Vec<Trigram> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A title as indexed.
#[derive(Clone, Debug)]
struct Entry {
    occupation: u32,
    kind: TitleKind,
    text: Box<str>,
    /// Distinct word numbers.
    words: Box<[u32]>,
}

/// The search index; build once, query from any thread.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Every distinct word, sorted.
    vocab: Vec<Box<str>>,
    /// Word number → the entries it occurs in, ascending.
    postings: Vec<Box<[u32]>>,
    /// Trigram → the words it occurs in, ascending.
    grams: HashMap<Trigram, Box<[u32]>>,
    /// Word number → how many distinct trigrams it has (at most 255 counted).
    gram_count: Vec<u8>,
    /// Occupation → the entry of its own title.
    titles: Vec<Option<u32>>,
    /// Occupation → its place in the order of titles (case ignored), for ordering ties.
    title_rank: Vec<u32>,
}

/// How well one query word matched one title word: exact 4, prefix 3, one typo 2, two 1.
fn quality_tier(q: u8) -> Tier {
    match q {
        4 => Tier::Exact,
        3 => Tier::Prefix,
        _ => Tier::Fuzzy,
    }
}

/// The words of the index one query word matches, with their quality.
type Matches = Vec<(u32, u8)>;

impl SearchIndex {
    /// Builds the index from `(occupation, kind, text)` triples. Occupations are numbered by
    /// the caller from 0. The same words twice for one occupation are indexed once, as the
    /// better kind; texts without a word are skipped.
    pub fn build<'a>(titles: impl IntoIterator<Item = (usize, TitleKind, &'a str)>) -> SearchIndex {
        let mut seen: HashMap<(u32, Vec<String>), usize> = HashMap::new();
        let mut raw: Vec<(u32, TitleKind, &'a str, Vec<String>)> = Vec::new();
        let mut occupations = 0;
        for (occ, kind, text) in titles {
            let Ok(occ) = u32::try_from(occ) else { continue };
            let mut ws = words(text);
            if ws.is_empty() {
                continue;
            }
            occupations = occupations.max(occ as usize + 1);
            ws.sort();
            ws.dedup();
            match seen.get(&(occ, ws.clone())) {
                Some(&i) => {
                    if kind < raw[i].1 {
                        raw[i].1 = kind;
                        raw[i].2 = text;
                    }
                }
                None => {
                    seen.insert((occ, ws.clone()), raw.len());
                    raw.push((occ, kind, text, ws));
                }
            }
        }
        let mut vocab: Vec<&str> = raw.iter().flat_map(|r| r.3.iter().map(String::as_str)).collect();
        vocab.sort_unstable();
        vocab.dedup();
        let number: HashMap<&str, u32> = vocab.iter().enumerate().map(|(i, w)| (*w, i as u32)).collect();
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
        let mut entries = Vec::with_capacity(raw.len());
        for (i, (occ, kind, text, ws)) in raw.iter().enumerate() {
            let ids: Vec<u32> = ws.iter().filter_map(|w| number.get(w.as_str()).copied()).collect();
            for &id in &ids {
                postings[id as usize].push(i as u32);
            }
            entries.push(Entry {
                occupation: *occ,
                kind: *kind,
                text: (*text).into(),
                words: ids.into(),
            });
        }
        let mut titles: Vec<Option<u32>> = vec![None; occupations];
        for (i, e) in entries.iter().enumerate() {
            if e.kind == TitleKind::Title && titles[e.occupation as usize].is_none() {
                titles[e.occupation as usize] = Some(i as u32);
            }
        }
        let mut order: Vec<usize> = (0..occupations).collect();
        let key = |o: usize| {
            titles[o]
                .map(|e| entries[e as usize].text.to_lowercase())
                .unwrap_or_default()
        };
        let keys: Vec<String> = order.iter().map(|&o| key(o)).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
        let mut title_rank = vec![0u32; occupations];
        for (rank, o) in order.into_iter().enumerate() {
            title_rank[o] = rank as u32;
        }
        let mut grams: HashMap<Trigram, Vec<u32>> = HashMap::new();
        let mut gram_count = Vec::with_capacity(vocab.len());
        for (i, w) in vocab.iter().enumerate() {
            let ws = trigrams(w.as_bytes());
            gram_count.push(u8::try_from(ws.len()).unwrap_or(u8::MAX));
            for g in ws {
                grams.entry(g).or_default().push(i as u32);
            }
        }
        SearchIndex {
            entries,
            vocab: vocab.into_iter().map(Into::into).collect(),
            postings: postings.into_iter().map(Into::into).collect(),
            grams: grams.into_iter().map(|(g, v)| (g, v.into())).collect(),
            gram_count,
            titles,
            title_rank,
        }
    }

    /// The text of an entry of a [`Hit`].
    pub fn text(&self, entry: usize) -> &str {
        self.entries.get(entry).map_or("", |e| &e.text)
    }

    /// How many titles are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many distinct words are indexed.
    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    fn find(&self, w: &str) -> Option<u32> {
        self.vocab.binary_search_by(|v| (**v).cmp(w)).ok().map(|i| i as u32)
    }

    /// The words within `k` edits of `q`, with their distance, found through trigrams.
    fn near(&self, q: &str, k: usize) -> Vec<(u32, usize)> {
        let qb = q.as_bytes();
        if k == 0 || qb.len() > MAX_FUZZY_LEN {
            return Vec::new();
        }
        let grams = trigrams(qb);
        // One edit (a transposition included) removes at most four of a word's trigrams, so
        // words within `k` edits share at least `distinct trigrams - 4k` of each one's
        // distinct trigrams: of the query's, and of the word's.
        let need = grams.len().saturating_sub(4 * k).max(1);
        // Shared trigrams per word, counted in a dense array.
        let mut out: Vec<(u32, usize)> = with_scratch(0, self.vocab.len(), 0, |scratch| {
            let counts = &mut scratch.counts;
            let mut touched: Vec<u32> = Vec::new();
            for g in &grams {
                if let Some(ws) = self.grams.get(g) {
                    for &w in ws.iter() {
                        let c = &mut counts[w as usize];
                        if *c == 0 {
                            touched.push(w);
                        }
                        *c = c.saturating_add(1);
                    }
                }
            }
            let found = touched
                .iter()
                .filter(|&&w| {
                    let shared = usize::from(counts[w as usize]);
                    shared >= need && shared + 4 * k >= usize::from(self.gram_count[w as usize])
                })
                .filter_map(|&w| {
                    let vb = self.vocab[w as usize].as_bytes();
                    distance_within(qb, vb, k).map(|d| (w, d))
                })
                .collect();
            for w in touched {
                counts[w as usize] = 0;
            }
            found
        });
        out.sort_unstable();
        out
    }

    /// The words a query word matches: exact, by prefix, or — only when the word itself is
    /// not in the index — within [`max_typos`]. A word that exists is taken as meant: its
    /// near neighbours (`nurse` and `purse`) would only add noise, and exact matches rank
    /// first anyway.
    fn matches(&self, q: &str) -> Matches {
        let mut out: Matches = Vec::new();
        let exact = self.find(q);
        if let Some(id) = exact {
            out.push((id, 4));
        }
        if q.len() >= 2 {
            let start = self.vocab.partition_point(|v| **v < *q);
            for (i, v) in self.vocab[start..].iter().enumerate() {
                if !v.starts_with(q) {
                    break;
                }
                let id = (start + i) as u32;
                if Some(id) != exact {
                    out.push((id, 3));
                }
            }
        }
        if exact.is_none() {
            for (id, d) in self.near(q, max_typos(q.len())) {
                if !out.iter().any(|(w, _)| *w == id) {
                    out.push((id, if d <= 1 { 2 } else { 1 }));
                }
            }
        }
        out
    }

    /// Searches; every occupation at most once, best first (see the module documentation).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let mut qs = words(&cut);
        qs.truncate(MAX_QUERY_WORDS);
        qs.sort();
        qs.dedup();
        if qs.is_empty() || self.entries.is_empty() {
            return Vec::new();
        }
        let mut per_word: Vec<Matches> = qs.iter().map(|q| self.matches(q)).collect();
        if per_word.iter().any(Vec::is_empty) {
            return Vec::new();
        }
        // The rarest word first: it bounds the work on the others.
        per_word.sort_by_key(|m| m.iter().map(|&(w, _)| self.postings[w as usize].len()).sum::<usize>());
        with_scratch(self.entries.len(), 0, self.titles.len(), |scratch| {
            self.rank(&per_word, scratch)
        })
    }

    /// Intersects the words' entries and ranks the occupations (see [`SearchIndex::search`]).
    fn rank(&self, per_word: &[Matches], scratch: &mut Scratch) -> Vec<Hit> {
        // Each word's best quality per entry, in a dense array reset after each word.
        let quality = &mut scratch.quality;
        // (entry, quality sum, weakest quality) of the entries every word so far matched.
        let mut current: Vec<(u32, u32, u8)> = Vec::new();
        for (n, m) in per_word.iter().enumerate() {
            let mut touched: Vec<u32> = Vec::new();
            for &(w, q) in m {
                for &e in self.postings[w as usize].iter() {
                    let slot = &mut quality[e as usize];
                    if *slot == 0 {
                        touched.push(e);
                    }
                    *slot = (*slot).max(q);
                }
            }
            if n == 0 {
                current = touched
                    .iter()
                    .map(|&e| {
                        let q = quality[e as usize];
                        (e, u32::from(q), q)
                    })
                    .collect();
            } else {
                current.retain_mut(|(e, sum, weakest)| {
                    let q = quality[*e as usize];
                    *sum += u32::from(q);
                    *weakest = (*weakest).min(q);
                    q > 0
                });
            }
            for e in touched {
                quality[e as usize] = 0;
            }
            if current.is_empty() {
                return Vec::new();
            }
        }
        // Best entry per occupation, and how many of its entries matched.
        type Key = (Tier, u32, std::cmp::Reverse<TitleKind>, std::cmp::Reverse<usize>);
        struct Best {
            occupation: u32,
            entry: u32,
            key: Key,
            count: usize,
        }
        let slots = &mut scratch.slots;
        let mut best: Vec<Best> = Vec::new();
        for (e, sum, weakest) in current {
            let entry = &self.entries[e as usize];
            let key = (
                quality_tier(weakest),
                sum,
                std::cmp::Reverse(entry.kind),
                std::cmp::Reverse(entry.words.len()),
            );
            let slot = &mut slots[entry.occupation as usize];
            if *slot == u32::MAX {
                *slot = best.len() as u32;
                best.push(Best {
                    occupation: entry.occupation,
                    entry: e,
                    key,
                    count: 1,
                });
            } else {
                let b = &mut best[*slot as usize];
                b.count += 1;
                if key > b.key || (key == b.key && e < b.entry) {
                    b.key = key;
                    b.entry = e;
                }
            }
        }
        for b in &best {
            slots[b.occupation as usize] = u32::MAX;
        }
        best.sort_unstable_by(|a, b| {
            b.key
                .cmp(&a.key)
                .then(b.count.cmp(&a.count))
                .then(self.title_rank[a.occupation as usize].cmp(&self.title_rank[b.occupation as usize]))
                .then(a.occupation.cmp(&b.occupation))
        });
        best.into_iter()
            .map(|b| Hit {
                occupation: b.occupation as usize,
                entry: b.entry as usize,
                kind: self.entries[b.entry as usize].kind,
                tier: b.key.0,
            })
            .collect()
    }

    /// A corrected query when some word matches nothing: each such word replaced by the
    /// closest indexed word (up to two edits, three for long words; ties go to the word in
    /// more titles). `None` when every word matches or no correction is close enough.
    pub fn suggest(&self, query: &str) -> Option<String> {
        let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let mut qs = words(&cut);
        qs.truncate(MAX_QUERY_WORDS);
        let mut changed = false;
        let mut out = Vec::with_capacity(qs.len());
        for q in qs {
            if !self.matches(&q).is_empty() {
                out.push(q);
                continue;
            }
            let k = if q.len() >= 9 { 3 } else { 2 };
            let best = self
                .near(&q, k)
                .into_iter()
                .min_by_key(|&(w, d)| (d, std::cmp::Reverse(self.postings[w as usize].len()), w));
            match best {
                Some((w, _)) => {
                    out.push(self.vocab[w as usize].to_string());
                    changed = true;
                }
                None => return None,
            }
        }
        changed.then(|| out.join(" "))
    }

    /// How many occupations the index was built over (the highest number given, plus one).
    pub fn occupations(&self) -> usize {
        self.titles.len()
    }
}

#[cfg(test)]
mod tests;
