//! The careers catalog: every occupation with what a list of careers shows, the title search
//! index, and the filters, held in memory and built once per set of releases.
//!
//! About a thousand occupations and sixty thousand titles fit in a few megabytes; searching
//! them in memory (`waypoint_domain::careers::search`) takes well under a millisecond,
//! where a database would need a trigram extension PostgreSQL and SQLite do not share.
//! [`Catalog::build`] turns the store's [`CatalogRows`] into a catalog; `careers::Careers`
//! keeps the current one and builds the next when a release changes.

use std::collections::HashMap;
use std::sync::Arc;
use waypoint_domain::careers::search::{SearchIndex, TitleKind, words};
use waypoint_domain::careers::{
    EntryEducation, INTEREST_ELEMENTS, JOB_ZONES, WORK_VALUE_ELEMENTS, bright_outlook, element_index,
};
use waypoint_store::career_catalog::CatalogRows;
use waypoint_store::careers::{BLS_PROJECTIONS, CareerRelease, ONET, OnetJobZoneReference};

/// One occupation as lists show it, and as career matching reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct OccupationSummary {
    /// The O*NET-SOC code, `29-1141.00`.
    pub code: String,
    pub title: String,
    pub description: String,
    /// O*NET's job zone, 1–5.
    pub job_zone: Option<u8>,
    /// The typical education needed for entry (BLS), when BLS names a known level.
    pub education: Option<EntryEducation>,
    /// BLS's wording of it, e.g. `Bachelor's degree`.
    pub education_text: Option<String>,
    /// Median annual wage in dollars (BLS, from OEWS).
    pub median_wage: Option<i64>,
    /// The wage is BLS's top code: at least this much.
    pub median_wage_top_coded: bool,
    /// Employment in the projections' base year and ten years on, in jobs.
    pub employment: Option<i64>,
    pub employment_projected: Option<i64>,
    /// Change in employment over the projection period, in percent.
    pub change_percent: Option<f64>,
    /// Openings a year, on average over the projection period.
    pub openings: Option<i64>,
    /// The projection is that of the occupation's SOC broad group, which covers more.
    pub projection_broad: bool,
    /// See [`waypoint_domain::careers::bright_outlook`].
    pub bright_outlook: bool,
    /// O*NET's six RIASEC interest scores (`OI`, 1–7), in the order of
    /// [`waypoint_domain::matching::TYPES`]; `None` when O*NET rates none (the "All Other"
    /// and military occupations) or not all six.
    pub interests: Option<[f64; 6]>,
    /// O*NET's six work-value extents (`EX`, 1–7), in the order of
    /// [`WORK_VALUE_ELEMENTS`], when rated.
    pub work_values: Option<[f64; 6]>,
    /// The clusters it belongs to: indexes into [`Catalog::clusters`].
    pub clusters: Vec<usize>,
}

/// A cluster of a framework, for the cluster filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterChoice {
    /// `framework:cluster`, the filter's value.
    pub id: String,
    pub framework: String,
    pub cluster: String,
}

/// A clusters framework loaded, for grouping the choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkChoice {
    pub key: String,
    /// Its release title (`Career clusters: …`), else the key.
    pub title: String,
}

/// Which outlook a search keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutlookFilter {
    #[default]
    Any,
    /// Employment is projected to grow.
    Growing,
    /// A bright outlook.
    Bright,
}

impl OutlookFilter {
    /// The filter's value in a URL.
    pub fn key(self) -> &'static str {
        match self {
            OutlookFilter::Any => "",
            OutlookFilter::Growing => "growing",
            OutlookFilter::Bright => "bright",
        }
    }

    pub fn from_key(key: &str) -> Option<OutlookFilter> {
        [OutlookFilter::Any, OutlookFilter::Growing, OutlookFilter::Bright]
            .into_iter()
            .find(|o| o.key() == key)
    }
}

/// The order of results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first when searching, else by title.
    #[default]
    Relevance,
    Title,
    /// Highest median wage first.
    Wage,
    /// Fastest growth first.
    Growth,
    /// Most openings first.
    Openings,
}

impl SortOrder {
    pub const ALL: [SortOrder; 5] = [
        SortOrder::Relevance,
        SortOrder::Title,
        SortOrder::Wage,
        SortOrder::Growth,
        SortOrder::Openings,
    ];

    /// The order's value in a URL.
    pub fn key(self) -> &'static str {
        match self {
            SortOrder::Relevance => "relevance",
            SortOrder::Title => "title",
            SortOrder::Wage => "wage",
            SortOrder::Growth => "growth",
            SortOrder::Openings => "openings",
        }
    }

    pub fn from_key(key: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// A search with its filters; every field already checked (see `careers::parse_filter`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CareerQuery {
    /// Words of a title, or the beginning of a code (`29-11`).
    pub q: String,
    /// A [`ClusterChoice::id`].
    pub cluster: Option<String>,
    /// At most this much education needed for entry.
    pub education: Option<EntryEducation>,
    pub job_zone: Option<u8>,
    /// A median wage of at least this many dollars a year.
    pub min_wage: Option<i64>,
    pub outlook: OutlookFilter,
    pub sort: SortOrder,
    /// From 1; past the last page shows the last.
    pub page: i64,
}

/// Results on a page.
pub const PER_PAGE: usize = 20;

/// An occupation found.
#[derive(Clone, Debug)]
pub struct CareerHit {
    pub occupation: Arc<OccupationSummary>,
    /// The alternate or reported title that matched, when it was not the title.
    pub matched: Option<String>,
}

/// One page of results.
#[derive(Clone, Debug)]
pub struct CareerResults {
    pub items: Vec<CareerHit>,
    /// Results on every page.
    pub total: usize,
    pub page: i64,
    pub pages: i64,
    /// A corrected query, when nothing was found and a word looked misspelled.
    pub suggestion: Option<String>,
    /// The query had words to search for (else every occupation was listed).
    pub searched: bool,
}

/// The catalog.
#[derive(Debug, Default)]
pub struct Catalog {
    /// By code.
    occupations: Vec<Arc<OccupationSummary>>,
    by_code: HashMap<String, usize>,
    /// Occupation numbers by title.
    by_title: Vec<usize>,
    /// Occupation number → its place in `by_title`.
    title_rank: Vec<u32>,
    index: SearchIndex,
    clusters: Vec<ClusterChoice>,
    frameworks: Vec<FrameworkChoice>,
    job_zones: Vec<OnetJobZoneReference>,
    releases: Vec<CareerRelease>,
    all_change_percent: Option<f64>,
    /// The releases it was built from, to know when to build again.
    pub(crate) stamps: Vec<(String, i64)>,
    /// Unique in the process: what a cache of answers computed from this catalog is keyed by.
    id: u64,
}

/// A six-number profile from `(position, value)` ratings; `None` unless all six are there.
fn profile(ratings: &[(usize, f64)]) -> Option<[f64; 6]> {
    let mut out = [f64::NAN; 6];
    for &(i, v) in ratings {
        if let Some(slot) = out.get_mut(i) {
            *slot = v;
        }
    }
    out.iter().all(|v| v.is_finite()).then_some(out)
}

/// The id of the next catalog built.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Catalog {
    /// An id no other catalog of this process has: answers computed from a catalog (a
    /// rendered page of results, say) may be cached under it.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Builds the catalog from the store's rows: summaries, the search index over titles,
    /// alternate titles and reported titles, and the filters' choices.
    pub fn build(rows: CatalogRows) -> Catalog {
        let CatalogRows {
            occupations,
            interests,
            work_values,
            projections,
            all_change_percent,
            alternate_titles,
            reported_titles,
            clusters: cluster_rows,
            memberships,
            job_zones,
            releases,
        } = rows;
        let by_code: HashMap<String, usize> = occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.code.clone(), i))
            .collect();
        // Per occupation: (interest ratings, work-value ratings) as (position, value).
        type Ratings = Vec<(usize, f64)>;
        let mut ratings: Vec<(Ratings, Ratings)> = vec![Default::default(); occupations.len()];
        for (code, element, value) in interests {
            if let (Some(&o), Some(i)) = (by_code.get(&code), element_index(&INTEREST_ELEMENTS, &element)) {
                ratings[o].0.push((i, value));
            }
        }
        for (code, element, value) in work_values {
            if let (Some(&o), Some(i)) = (by_code.get(&code), element_index(&WORK_VALUE_ELEMENTS, &element)) {
                ratings[o].1.push((i, value));
            }
        }
        // The line item of the occupation's own SOC code wins over its broad group's.
        let mut projection: Vec<Option<waypoint_store::careers::Projection>> = vec![None; occupations.len()];
        for (code, p) in projections {
            if let Some(&o) = by_code.get(&code) {
                let better = match &projection[o] {
                    None => true,
                    Some(have) => have.broad_group && !p.broad_group,
                };
                if better {
                    projection[o] = Some(p);
                }
            }
        }
        // Clusters, one choice per framework and cluster: frameworks in the order loaded,
        // clusters by name within each (a list to choose from, not the framework's order).
        let mut framework_order: Vec<&str> = Vec::new();
        let mut pairs: Vec<(usize, &str, &str)> = Vec::new();
        for k in &cluster_rows {
            let f = match framework_order.iter().position(|f| *f == k.framework) {
                Some(f) => f,
                None => {
                    framework_order.push(&k.framework);
                    framework_order.len() - 1
                }
            };
            pairs.push((f, &k.framework, &k.cluster));
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.to_lowercase().cmp(&b.2.to_lowercase())));
        pairs.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
        let clusters: Vec<ClusterChoice> = pairs
            .iter()
            .map(|(_, framework, cluster)| ClusterChoice {
                id: format!("{framework}:{cluster}"),
                framework: (*framework).to_string(),
                cluster: (*cluster).to_string(),
            })
            .collect();
        let cluster_number: HashMap<(String, String), usize> = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.framework.clone(), c.cluster.clone()), i))
            .collect();
        let mut places: Vec<Vec<usize>> = vec![Vec::new(); occupations.len()];
        for (code, k) in memberships {
            if let (Some(&o), Some(&c)) = (by_code.get(&code), cluster_number.get(&(k.framework, k.cluster))) {
                places[o].push(c);
            }
        }
        let mut frameworks: Vec<FrameworkChoice> = Vec::new();
        for c in &clusters {
            if !frameworks.iter().any(|f| f.key == c.framework) {
                let dataset = waypoint_store::careers::clusters_dataset(&c.framework);
                let title = releases
                    .iter()
                    .find(|r| r.dataset == dataset)
                    .map_or_else(|| c.framework.clone(), |r| r.info.title.clone());
                frameworks.push(FrameworkChoice {
                    key: c.framework.clone(),
                    title,
                });
            }
        }
        let summaries: Vec<Arc<OccupationSummary>> = occupations
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                let p = projection[i].take();
                let mut clusters = std::mem::take(&mut places[i]);
                clusters.sort_unstable();
                clusters.dedup();
                let (change_percent, openings) = p.as_ref().map_or((None, None), |p| (p.change_percent, p.openings));
                Arc::new(OccupationSummary {
                    job_zone: o
                        .job_zone
                        .and_then(|z| u8::try_from(z).ok())
                        .filter(|z| JOB_ZONES.contains(z)),
                    education: p
                        .as_ref()
                        .and_then(|p| p.education.as_deref())
                        .and_then(EntryEducation::from_bls),
                    education_text: p.as_ref().and_then(|p| p.education.clone()),
                    median_wage: p.as_ref().and_then(|p| p.median_wage),
                    median_wage_top_coded: p.as_ref().is_some_and(|p| p.median_wage_top_coded),
                    employment: p.as_ref().and_then(|p| p.employment),
                    employment_projected: p.as_ref().and_then(|p| p.employment_projected),
                    change_percent,
                    openings,
                    projection_broad: p.as_ref().is_some_and(|p| p.broad_group),
                    bright_outlook: bright_outlook(change_percent, openings, all_change_percent),
                    interests: profile(&ratings[i].0),
                    work_values: profile(&ratings[i].1),
                    clusters,
                    code: o.code,
                    title: o.title,
                    description: o.description,
                })
            })
            .collect();
        let mut by_title: Vec<usize> = (0..summaries.len()).collect();
        by_title.sort_by(|&a, &b| {
            summaries[a]
                .title
                .to_lowercase()
                .cmp(&summaries[b].title.to_lowercase())
                .then_with(|| summaries[a].code.cmp(&summaries[b].code))
        });
        let mut title_rank = vec![0u32; summaries.len()];
        for (rank, &i) in by_title.iter().enumerate() {
            title_rank[i] = rank as u32;
        }
        let titles = summaries
            .iter()
            .enumerate()
            .map(|(i, s)| (i, TitleKind::Title, s.title.as_str()));
        let alternates = alternate_titles
            .iter()
            .filter_map(|(code, t)| by_code.get(code).map(|&i| (i, TitleKind::Alternate, t.as_str())));
        let reported = reported_titles
            .iter()
            .filter_map(|(code, t)| by_code.get(code).map(|&i| (i, TitleKind::Reported, t.as_str())));
        let index = SearchIndex::build(titles.chain(alternates).chain(reported));
        let stamps = releases.iter().map(|r| (r.dataset.clone(), r.loaded_at)).collect();
        Catalog {
            occupations: summaries,
            by_code,
            by_title,
            title_rank,
            index,
            clusters,
            frameworks,
            job_zones,
            releases,
            all_change_percent,
            stamps,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Every occupation, by code: for career matching, which reads
    /// [`OccupationSummary::interests`], [`OccupationSummary::work_values`],
    /// [`OccupationSummary::education`] and [`OccupationSummary::job_zone`].
    pub fn occupations(&self) -> impl ExactSizeIterator<Item = &Arc<OccupationSummary>> {
        self.occupations.iter()
    }

    /// The occupations O*NET rates on all six interests, with their profile.
    pub fn interest_profiles(&self) -> impl Iterator<Item = (&Arc<OccupationSummary>, [f64; 6])> {
        self.occupations.iter().filter_map(|o| o.interests.map(|p| (o, p)))
    }

    /// [`Catalog::interest_profiles`] in title order (case aside, then by code).
    pub fn interest_profiles_by_title(&self) -> impl Iterator<Item = (&Arc<OccupationSummary>, [f64; 6])> {
        self.by_title
            .iter()
            .filter_map(|&i| self.occupations.get(i))
            .filter_map(|o| o.interests.map(|p| (o, p)))
    }

    /// One occupation by its O*NET-SOC code.
    pub fn get(&self, code: &str) -> Option<&Arc<OccupationSummary>> {
        self.by_code.get(code).map(|&i| &self.occupations[i])
    }

    /// How many occupations there are.
    pub fn len(&self) -> usize {
        self.occupations.len()
    }

    /// Whether no careers data is loaded.
    pub fn is_empty(&self) -> bool {
        self.occupations.is_empty()
    }

    /// How many titles are searched.
    pub fn titles_indexed(&self) -> usize {
        self.index.len()
    }

    /// The clusters, for the filter, grouped by framework in the frameworks' order.
    pub fn clusters(&self) -> &[ClusterChoice] {
        &self.clusters
    }

    /// The frameworks the clusters come from.
    pub fn frameworks(&self) -> &[FrameworkChoice] {
        &self.frameworks
    }

    /// A cluster by its [`ClusterChoice::id`].
    pub fn cluster(&self, id: &str) -> Option<usize> {
        self.clusters.iter().position(|c| c.id == id)
    }

    /// What each job zone means, as O*NET describes it.
    pub fn job_zone(&self, zone: u8) -> Option<&OnetJobZoneReference> {
        self.job_zones.iter().find(|z| z.job_zone == i64::from(zone))
    }

    /// The releases loaded.
    pub fn releases(&self) -> &[CareerRelease] {
        &self.releases
    }

    /// The O*NET release, for its attribution.
    pub fn onet_release(&self) -> Option<&CareerRelease> {
        self.releases.iter().find(|r| r.dataset == ONET)
    }

    /// The BLS projections release, for its source line and years.
    pub fn bls_release(&self) -> Option<&CareerRelease> {
        self.releases.iter().find(|r| r.dataset == BLS_PROJECTIONS)
    }

    /// The growth of all occupations over the projection period, in percent.
    pub fn all_change_percent(&self) -> Option<f64> {
        self.all_change_percent
    }

    /// Searches and filters (see the module documentation of `careers`).
    pub fn search(&self, q: &CareerQuery) -> CareerResults {
        let text = q.q.trim();
        let searched = !text.is_empty() && (is_code_prefix(text) || !words(text).is_empty());
        let mut found: Vec<(usize, Option<String>)> = if !searched {
            self.by_title.iter().map(|&i| (i, None)).collect()
        } else if is_code_prefix(text) {
            self.occupations
                .iter()
                .enumerate()
                .filter(|(_, o)| o.code.starts_with(text))
                .map(|(i, _)| (i, None))
                .collect()
        } else {
            self.index
                .search(text)
                .into_iter()
                .map(|h| {
                    let matched = (h.kind != TitleKind::Title).then(|| self.index.text(h.entry).to_string());
                    (h.occupation, matched)
                })
                .collect()
        };
        let cluster = q.cluster.as_deref().and_then(|c| self.cluster(c));
        found.retain(|(i, _)| {
            let o = &self.occupations[*i];
            cluster.is_none_or(|c| o.clusters.contains(&c))
                && q.education.is_none_or(|max| o.education.is_some_and(|e| e <= max))
                && q.job_zone.is_none_or(|z| o.job_zone == Some(z))
                && q.min_wage.is_none_or(|w| o.median_wage.is_some_and(|m| m >= w))
                && match q.outlook {
                    OutlookFilter::Any => true,
                    OutlookFilter::Growing => o.change_percent.is_some_and(|c| c > 0.0),
                    OutlookFilter::Bright => o.bright_outlook,
                }
        });
        let occ = |i: usize| &self.occupations[i];
        let title_rank = &self.title_rank;
        match q.sort {
            // Best match first as searched, by code for a code, by title when listing
            // (the list is built in title order).
            SortOrder::Relevance => {}
            SortOrder::Title => found.sort_by_key(|(i, _)| title_rank[*i]),
            SortOrder::Wage => found.sort_by(|(a, _), (b, _)| {
                occ(*b)
                    .median_wage
                    .cmp(&occ(*a).median_wage)
                    .then(title_rank[*a].cmp(&title_rank[*b]))
            }),
            SortOrder::Growth => found.sort_by(|(a, _), (b, _)| {
                let key = |i: usize| occ(i).change_percent.unwrap_or(f64::NEG_INFINITY);
                key(*b).total_cmp(&key(*a)).then(title_rank[*a].cmp(&title_rank[*b]))
            }),
            SortOrder::Openings => found.sort_by(|(a, _), (b, _)| {
                occ(*b)
                    .openings
                    .cmp(&occ(*a).openings)
                    .then(title_rank[*a].cmp(&title_rank[*b]))
            }),
        }
        let total = found.len();
        let pages = total.div_ceil(PER_PAGE).max(1) as i64;
        let page = q.page.clamp(1, pages);
        let start = (page as usize - 1) * PER_PAGE;
        let items = found
            .into_iter()
            .skip(start)
            .take(PER_PAGE)
            .map(|(i, matched)| CareerHit {
                occupation: self.occupations[i].clone(),
                matched,
            })
            .collect();
        let suggestion = (total == 0 && searched && !is_code_prefix(text))
            .then(|| self.index.suggest(text))
            .flatten();
        CareerResults {
            items,
            total,
            page,
            pages,
            suggestion,
            searched,
        }
    }
}

/// Whether `s` is the beginning of an O*NET-SOC code: `29`, `29-`, `29-11`, `29-1141.0`.
pub fn is_code_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 2 || b.len() > 10 {
        return false;
    }
    b.iter().enumerate().all(|(i, c)| match i {
        2 => *c == b'-',
        7 => *c == b'.',
        _ => c.is_ascii_digit(),
    })
}
