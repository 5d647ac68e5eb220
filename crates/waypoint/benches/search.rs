//! Career search over the full O*NET release, timed in-process (no HTTP):
//! what one search costs the server, query by query. Run through
//! `bash bench/search.sh` (release build; see BENCHMARKS.md).
//!
//! Loads the O*NET text release, the BLS projections table and the Advance CTE
//! clusters from `WAYPOINT_DATA_DIR` (default `../shared/data`) into a fresh
//! SQLite file, builds the catalog as the server does, then runs each query
//! `ROUNDS` times in batches and prints the median and slowest batch's time
//! per search. Knobs: `ROUNDS=2000`, `BATCHES=10`.

use std::path::PathBuf;
use std::time::Instant;
use waypoint_app::careers::{CareerQuery, Catalog};

const QUERIES: &[&str] = &[
    "nurse",
    "nur",
    "enginer",
    "phsyician",
    "electrcian",
    "software developer",
    "teacher",
    "manager",
    "co",
    "registered nurse",
    "graphic desing",
    "xqzvyy",
    "",
];

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let rounds = env_usize("ROUNDS", 2000).max(1);
    let batches = env_usize("BATCHES", 10).max(1);
    let data = std::env::var_os("WAYPOINT_DATA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let bls = data.join("bls/ep_table_1.2_occupational_projections_2024-34.csv");
    anyhow::ensure!(
        data.join("onet/Occupation Data.txt").is_file() && bls.is_file(),
        "no O*NET release or BLS table under {} (set WAYPOINT_DATA_DIR)",
        data.display()
    );
    let dir = std::env::temp_dir().join(format!("waypoint-search-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(&data, &bls, &dir, rounds, batches).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn run(
    data: &std::path::Path,
    bls: &std::path::Path,
    dir: &std::path::Path,
    rounds: usize,
    batches: usize,
) -> anyhow::Result<()> {
    let store = waypoint_store::Store::open(&dir.join("bench.sqlite3").to_string_lossy()).await?;
    waypoint::careers::import_onet(&store, &data.join("onet"), &Default::default()).await?;
    waypoint::careers::import_bls(&store, bls).await?;
    let clusters = data.join("clusters/advancecte_soc_cluster_subcluster.csv");
    if clusters.is_file() {
        let opts = waypoint::careers::ClusterOptions {
            framework: "advance-cte".into(),
            title: Some("National Career Clusters Framework".into()),
            publisher: "Advance CTE".into(),
            ..Default::default()
        };
        waypoint::careers::import_clusters(&store, &clusters, &opts).await?;
    }
    let started = Instant::now();
    let catalog = Catalog::build(store.career_catalog_rows().await?);
    println!(
        "catalog: {} occupations, {} titles indexed, built in {} ms",
        catalog.len(),
        catalog.titles_indexed(),
        started.elapsed().as_millis()
    );
    println!("{} searches per query in {batches} batches", rounds * batches);
    println!("{:>20} {:>9} {:>9} {:>8}", "query", "median_us", "worst_us", "results");
    for q in QUERIES {
        let query = CareerQuery {
            q: (*q).into(),
            page: 1,
            ..Default::default()
        };
        let mut per_batch = Vec::with_capacity(batches);
        let mut found = 0;
        for _ in 0..batches {
            let start = Instant::now();
            for _ in 0..rounds {
                found = std::hint::black_box(catalog.search(std::hint::black_box(&query))).total;
            }
            per_batch.push(start.elapsed().as_secs_f64() * 1e6 / rounds as f64);
        }
        per_batch.sort_by(f64::total_cmp);
        println!(
            "{:>20} {:>9.1} {:>9.1} {:>8}",
            format!("{q:?}"),
            per_batch[per_batch.len() / 2],
            per_batch[per_batch.len() - 1],
            found
        );
    }
    store.db().close().await;
    Ok(())
}
