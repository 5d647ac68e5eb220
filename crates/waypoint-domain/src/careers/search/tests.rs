use super::*;

/// A small catalog: (title, alternate titles, reported titles).
const OCCUPATIONS: &[(&str, &[&str], &[&str])] = &[
    (
        "Registered Nurses",
        &[
            "Staff Nurse",
            "RN (Registered Nurse)",
            "Charge Nurse",
            "Nurse Manager",
            "Psychiatric Nurse",
        ],
        &["Staff RN", "Nurse"],
    ),
    (
        "Licensed Practical and Licensed Vocational Nurses",
        &["LPN (Licensed Practical Nurse)", "Licensed Vocational Nurse"],
        &["Charge Nurse"],
    ),
    ("Nurse Practitioners", &["Family Nurse Practitioner"], &[]),
    ("Nursery Workers", &["Greenhouse Worker"], &[]),
    ("Nursing Assistants", &["Certified Nurse Aide (CNA)"], &["CNA"]),
    (
        "Civil Engineers",
        &["Structural Engineer", "Bridge Engineer"],
        &["Project Engineer"],
    ),
    ("Mechanical Engineers", &["Design Engineer"], &[]),
    ("Engine and Other Machine Assemblers", &["Engine Builder"], &[]),
    (
        "Family Medicine Physicians",
        &["Family Practice Physician", "Doctor", "Family Doctor"],
        &["Physician"],
    ),
    ("Physicists", &["Research Physicist"], &[]),
    ("Electricians", &["Journeyman Electrician", "Wireman"], &["Electrician"]),
    ("Electrical Engineers", &["Power Engineer"], &[]),
    (
        "Secretaries and Administrative Assistants",
        &["Office Secretary"],
        &["Secretary"],
    ),
    ("Software Developers", &["Application Developer", "Programmer"], &[]),
    ("Web Developers", &["Web Designer"], &[]),
    ("Chefs and Head Cooks", &["Executive Chef", "Pastry Chef"], &["Chef"]),
    ("Driver/Sales Workers", &["Route Driver", "Delivery Driver"], &[]),
    ("Veterinarians", &["Veterinarian", "Técnico Veterinario"], &[]),
];

fn index() -> SearchIndex {
    let mut titles = Vec::new();
    for (i, (title, alternates, reported)) in OCCUPATIONS.iter().enumerate() {
        titles.push((i, TitleKind::Title, *title));
        titles.extend(alternates.iter().map(|t| (i, TitleKind::Alternate, *t)));
        titles.extend(reported.iter().map(|t| (i, TitleKind::Reported, *t)));
    }
    SearchIndex::build(titles)
}

fn titles(ix: &SearchIndex, q: &str) -> Vec<&'static str> {
    ix.search(q).iter().map(|h| OCCUPATIONS[h.occupation].0).collect()
}

fn first(ix: &SearchIndex, q: &str) -> Option<(&'static str, String, TitleKind, Tier)> {
    ix.search(q).first().map(|h| {
        (
            OCCUPATIONS[h.occupation].0,
            ix.text(h.entry).to_string(),
            h.kind,
            h.tier,
        )
    })
}

#[test]
fn words_are_lowercased_folded_stemmed_and_without_function_words() {
    assert_eq!(words("Registered Nurses"), ["registered", "nurse"]);
    assert_eq!(
        words("Secretaries and Administrative Assistants"),
        ["secretary", "administrative", "assistant"]
    );
    assert_eq!(words("Driver's License Examiners"), ["driver", "license", "examiner"]);
    assert_eq!(words("Técnico, ÉLITE"), ["tecnico", "elite"]);
    assert_eq!(
        words("Glass Blowers, Coaches & Boxes"),
        ["glass", "blower", "coach", "box"]
    );
    assert_eq!(
        words("Status of the Physics Analysis"),
        ["status", "physic", "analysis"]
    );
    assert!(words(" , the and of ").is_empty());
}

#[test]
fn distance_counts_swaps_as_one_and_stops_past_the_bound() {
    assert_eq!(distance_within(b"phsyician", b"physician", 2), Some(1));
    assert_eq!(distance_within(b"enginer", b"engineer", 1), Some(1));
    assert_eq!(distance_within(b"electrcian", b"electrician", 2), Some(1));
    assert_eq!(distance_within(b"nurse", b"nurse", 0), Some(0));
    assert_eq!(distance_within(b"kitten", b"sitting", 3), Some(3));
    assert_eq!(distance_within(b"kitten", b"sitting", 2), None);
    assert_eq!(distance_within(b"abc", b"abcdef", 2), None);
    assert_eq!(distance_within(b"", b"ab", 2), Some(2));
    assert_eq!(max_typos(3), 0);
    assert_eq!(max_typos(5), 1);
    assert_eq!(max_typos(9), 2);
}

#[test]
fn whole_words_rank_the_official_title_first() {
    let ix = index();
    let found = titles(&ix, "nurse");
    // Exact matches of the official title come first; among those the shorter titles,
    // then the occupation with more matching titles.
    assert_eq!(
        &found[..4],
        [
            "Registered Nurses",
            "Nurse Practitioners",
            "Licensed Practical and Licensed Vocational Nurses",
            "Nursing Assistants",
        ]
    );
    // "Nursery" and "nursing" begin with "nurse"/"nurs" only by prefix: "nursery" does,
    // so it comes after every exact match.
    assert_eq!(found.last(), Some(&"Nursery Workers"));
    let (title, text, kind, tier) = first(&ix, "Registered Nurse").unwrap();
    assert_eq!(
        (title, text.as_str(), kind, tier),
        ("Registered Nurses", "Registered Nurses", TitleKind::Title, Tier::Exact)
    );
}

#[test]
fn prefixes_find_while_typing() {
    let ix = index();
    assert_eq!(titles(&ix, "nur").first(), Some(&"Registered Nurses"));
    assert!(titles(&ix, "nur").contains(&"Nursery Workers"));
    assert_eq!(titles(&ix, "soft dev"), ["Software Developers"]);
    let (title, _, _, tier) = first(&ix, "electri").unwrap();
    assert_eq!(tier, Tier::Prefix);
    assert!(["Electricians", "Electrical Engineers"].contains(&title));
    // One letter is too little to mean anything.
    assert!(ix.search("n").is_empty());
}

#[test]
fn typos_are_forgiven_within_bounds() {
    let ix = index();
    let (title, _, _, tier) = first(&ix, "enginer").unwrap();
    assert!(["Civil Engineers", "Mechanical Engineers", "Electrical Engineers"].contains(&title));
    assert_eq!(tier, Tier::Fuzzy);
    assert!(titles(&ix, "enginer").contains(&"Civil Engineers"));
    assert_eq!(first(&ix, "phsyician").unwrap().0, "Family Medicine Physicians");
    assert_eq!(first(&ix, "electrcian").unwrap().0, "Electricians");
    assert_eq!(first(&ix, "nurce").unwrap().0, "Registered Nurses");
    assert_eq!(first(&ix, "veterinarain").unwrap().0, "Veterinarians");
    // Short words must be right: "cok" is not "cook", "rn" is only "RN".
    assert!(ix.search("cok").is_empty());
    assert_eq!(titles(&ix, "rn"), ["Registered Nurses"]);
    // Too far off.
    assert!(ix.search("xyzzyplugh").is_empty());
}

#[test]
fn exact_beats_fuzzy_and_title_beats_alternate() {
    let ix = index();
    // "engine" is exact for "Engine and Other Machine Assemblers" (title) and a prefix of
    // "engineer"; the exact title comes first.
    let found = titles(&ix, "engine");
    assert_eq!(found[0], "Engine and Other Machine Assemblers");
    assert!(found.contains(&"Civil Engineers"));
    // "doctor" is only an alternate title: it is shown as the match.
    let (title, text, kind, tier) = first(&ix, "doctor").unwrap();
    assert_eq!(title, "Family Medicine Physicians");
    assert_eq!(text, "Doctor");
    assert_eq!(kind, TitleKind::Alternate);
    assert_eq!(tier, Tier::Exact);
    // A reported title is found too, and said to be one.
    let (title, text, kind, _) = first(&ix, "Project Engineer").unwrap();
    assert_eq!(
        (title, text.as_str(), kind),
        ("Civil Engineers", "Project Engineer", TitleKind::Reported)
    );
}

#[test]
fn every_word_must_match() {
    let ix = index();
    assert_eq!(titles(&ix, "web developer"), ["Web Developers"]);
    assert_eq!(titles(&ix, "developer"), ["Software Developers", "Web Developers"]);
    assert_eq!(titles(&ix, "structural engineer"), ["Civil Engineers"]);
    assert!(ix.search("structural nurse").is_empty());
    // Function words, punctuation, case and accents do not matter.
    assert_eq!(titles(&ix, "CHEFS & the head COOKS"), ["Chefs and Head Cooks"]);
    assert_eq!(first(&ix, "tecnico veterinario").unwrap().0, "Veterinarians");
    assert_eq!(first(&ix, "driver/sales").unwrap().0, "Driver/Sales Workers");
    assert!(ix.search("").is_empty());
    assert!(ix.search("   the  ").is_empty());
}

#[test]
fn each_occupation_once_and_duplicate_titles_indexed_once() {
    let ix = index();
    let hits = ix.search("charge nurse");
    let mut occupations: Vec<usize> = hits.iter().map(|h| h.occupation).collect();
    occupations.dedup();
    assert_eq!(occupations.len(), hits.len());
    // "Electrician" is both a reported title and the official title's singular: indexed
    // once, as the official title.
    let e = &ix.search("electrician")[0];
    assert_eq!((ix.text(e.entry), e.kind), ("Electricians", TitleKind::Title));
    assert_eq!(ix.occupations(), OCCUPATIONS.len());
    assert!(ix.len() < OCCUPATIONS.iter().map(|o| 1 + o.1.len() + o.2.len()).sum::<usize>());
}

#[test]
fn suggestions_correct_words_that_match_nothing() {
    let ix = index();
    assert!(ix.search("vetrnarin").is_empty());
    assert_eq!(ix.suggest("vetrnarin"), Some("veterinarian".to_string()));
    assert_eq!(ix.suggest("web devlopr"), Some("web developer".to_string()));
    // Nothing to correct, or nothing close.
    assert_eq!(ix.suggest("nurse"), None);
    assert_eq!(ix.suggest("qqqqqqqq"), None);
}

#[test]
fn long_and_odd_queries_are_safe() {
    let ix = index();
    let long = "nurse ".repeat(10_000);
    assert_eq!(
        ix.search(&long).first().map(|h| OCCUPATIONS[h.occupation].0),
        Some("Registered Nurses")
    );
    let odd = "\u{0}\u{7f}💡🚀 ñandú 東京 \t\n%_*";
    let _ = ix.search(odd);
    let _ = ix.suggest(odd);
    let wide = "ñ".repeat(300);
    assert!(ix.search(&wide).is_empty());
    assert!(SearchIndex::default().search("nurse").is_empty());
}

#[test]
fn fast_enough_over_sixty_thousand_titles() {
    // About the size of O*NET: 1,000 occupations with 60 titles each, made of words drawn
    // from a list, so that words repeat as in real titles.
    const PARTS: &[&str] = &[
        "senior",
        "assistant",
        "manager",
        "technician",
        "engineer",
        "specialist",
        "operator",
        "clerk",
        "analyst",
        "supervisor",
        "nurse",
        "teacher",
        "driver",
        "mechanic",
        "designer",
        "developer",
        "inspector",
        "coordinator",
        "director",
        "installer",
        "repairer",
        "helper",
        "worker",
        "scientist",
        "therapist",
        "counselor",
        "sales",
        "service",
        "maintenance",
        "production",
        "quality",
        "research",
    ];
    let mut texts = Vec::new();
    let mut seed: u64 = 42;
    let mut next = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for occ in 0..1000 {
        for t in 0..60 {
            let a = PARTS[next() % PARTS.len()];
            let b = PARTS[next() % PARTS.len()];
            let kind = if t == 0 { TitleKind::Title } else { TitleKind::Alternate };
            texts.push((
                occ,
                kind,
                format!("{a} {b} {}{}", PARTS[next() % PARTS.len()], next() % 500),
            ));
        }
    }
    let ix = SearchIndex::build(texts.iter().map(|(o, k, t)| (*o, *k, t.as_str())));
    assert!(ix.len() > 50_000);
    let queries = [
        "nurse",
        "enginer",
        "tech",
        "senior analist",
        "maintenance worker",
        "zzz",
    ];
    let start = std::time::Instant::now();
    let mut found = 0;
    for q in queries.iter().cycle().take(60) {
        found += ix.search(q).len();
    }
    let per_query = start.elapsed() / 60;
    assert!(found > 0);
    // Generous for a debug build on a busy machine; a release build is far faster
    // (BENCHMARKS.md).
    assert!(
        per_query < std::time::Duration::from_millis(250),
        "{per_query:?} per query"
    );
}

/// The full optimal-string-alignment distance, to check the banded one against.
fn osa(a: &[u8], b: &[u8]) -> usize {
    let (m, n) = (a.len(), b.len());
    let mut d = vec![vec![0usize; n + 1]; m + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=m {
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[m][n]
}

proptest::proptest! {
    #[test]
    fn the_banded_distance_agrees_with_the_full_one(
        a in "[abc]{0,12}",
        b in "[abc]{0,12}",
        k in 0usize..4,
    ) {
        let full = osa(a.as_bytes(), b.as_bytes());
        let banded = distance_within(a.as_bytes(), b.as_bytes(), k);
        proptest::prop_assert_eq!(banded, (full <= k).then_some(full));
    }
}

proptest::proptest! {
    /// The trigram filters in front of the distance (the query's and the word's share) never
    /// drop a word that is within reach: `near` finds exactly what checking every word of
    /// the vocabulary finds, among the words that share a trigram with the query (the words
    /// it looks at; one that shares none is out of reach by design). A small alphabet makes
    /// repeated trigrams common.
    #[test]
    fn near_finds_every_word_within_reach(
        vocab in proptest::collection::vec("[abcd]{1,11}", 1..40),
        q in "[abcd]{1,11}",
        k in 1usize..3,
    ) {
        let ix = SearchIndex::build(vocab.iter().enumerate().map(|(i, w)| (i, TitleKind::Title, w.as_str())));
        let found = ix.near(&q, k);
        let every: Vec<(u32, usize)> = ix
            .vocab
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                let theirs = trigrams(w.as_bytes());
                trigrams(q.as_bytes()).iter().any(|g| theirs.contains(g))
            })
            .filter_map(|(i, w)| distance_within(q.as_bytes(), w.as_bytes(), k).map(|d| (i as u32, d)))
            .collect();
        proptest::prop_assert_eq!(found, every);
    }
}

/// A transposition in the middle of a word removes four of its trigrams (`acbdef` keeps only
/// `def` and `ef` of `abcdef`'s six): the word's own trigram bound must allow four per edit.
#[test]
fn a_transposition_costs_four_trigrams_and_is_still_found() {
    let ix = SearchIndex::build([(0, TitleKind::Title, "acbdef")]);
    assert_eq!(ix.near("abcdef", 1), vec![(0, 1)]);
}
