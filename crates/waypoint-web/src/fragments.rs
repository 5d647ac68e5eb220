//! Rendered parts of pages kept between requests, and pages sent around them.
//!
//! A part whose contents depend only on what its key names (the career search's results, a
//! student's matches page) is rendered once and kept as a [`Part`]. A page that shows it is
//! rendered with [`PART_HERE`] where the part goes and sent in pieces (the page before, the
//! kept part, the page after) by [`render_with_part`]: the part is never copied into the
//! page; the pieces are shared `Bytes` handed to hyper as they are. A part with forms is
//! rendered with [`TOKEN_HOLE`] as the CSRF token, and each viewer's token is sent in its
//! place, so one rendering serves every session.
//!
//! Kept parts are weighed by their length: a cache holds at most its budget of bytes and
//! drops the parts least worth keeping first (quick_cache's CLOCK-Pro).

use crate::error::WebError;
use askama::Template;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::hash::Hash;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// What a page template writes (`{{ here|safe }}`) where its kept part goes. Private-use
/// characters: no text Waypoint shows holds them.
pub const PART_HERE: &str = "\u{E000}part\u{E000}";

/// What a part's template gets as the CSRF token: each viewer's goes in its place.
pub const TOKEN_HOLE: &str = "\u{E000}csrf\u{E000}";

/// A rendered part, cut at every [`TOKEN_HOLE`]. Cloning it is cheap.
#[derive(Clone, Debug)]
pub struct Part {
    pieces: Arc<[Bytes]>,
    len: usize,
}

impl Part {
    pub fn new(html: String) -> Part {
        let len = html.len();
        let mut cuts = Vec::new();
        let mut from = 0;
        for (at, _) in html.match_indices(TOKEN_HOLE) {
            cuts.push((from, at));
            from = at + TOKEN_HOLE.len();
        }
        cuts.push((from, len));
        let html = Bytes::from(html);
        Part {
            pieces: cuts.into_iter().map(|(a, b)| html.slice(a..b)).collect(),
            len,
        }
    }
}

/// Renders `page` with `part` in place of [`PART_HERE`] and `token` (escaped) in the part's
/// holes. Without a part, or without the place for one, the page as it is.
pub fn render_with_part<T: Template>(
    status: StatusCode,
    page: &T,
    part: Option<&Part>,
    token: &str,
) -> Result<Response, WebError> {
    let html = crate::pages::render_html(page)?;
    let Some(at) = memchr::memmem::find(html.as_bytes(), PART_HERE.as_bytes()) else {
        return Ok((status, Html(html)).into_response());
    };
    let Some(part) = part else {
        // A place but nothing kept for it: the page without it.
        return Ok((status, Html(html.replacen(PART_HERE, "", 1))).into_response());
    };
    let html = Bytes::from(html);
    let mut pieces = Vec::with_capacity(2 * part.pieces.len() + 1);
    pieces.push(html.slice(..at));
    if let Some((first, rest)) = part.pieces.split_first() {
        pieces.push(first.clone());
        if !rest.is_empty() {
            // The token comes from a cookie the browser sends: escaped as a template would.
            let token = match askama::filters::escape(token, askama::filters::Html) {
                Ok(t) => Bytes::from(t.to_string()),
                Err(never) => match never {},
            };
            for piece in rest {
                pieces.push(token.clone());
                pieces.push(piece.clone());
            }
        }
    }
    pieces.push(html.slice(at + PART_HERE.len()..));
    Ok((
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        Body::new(Pieces::new(pieces)),
    )
        .into_response())
}

/// A response body of a few pieces, each sent as it is, with its exact length (so the
/// answer has a Content-Length, not chunked encoding).
struct Pieces {
    pieces: VecDeque<Bytes>,
    left: u64,
}

impl Pieces {
    fn new(pieces: impl IntoIterator<Item = Bytes>) -> Self {
        let pieces: VecDeque<Bytes> = pieces.into_iter().filter(|p| !p.is_empty()).collect();
        let left = pieces.iter().map(|p| p.len() as u64).sum();
        Pieces { pieces, left }
    }
}

impl http_body::Body for Pieces {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.pieces.pop_front().map(|p| {
            self.left -= p.len() as u64;
            Ok(Frame::data(p))
        }))
    }

    fn is_end_stream(&self) -> bool {
        self.pieces.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

/// Something kept that knows its size in bytes.
pub trait Weighed {
    fn bytes(&self) -> usize;
}

impl Weighed for Part {
    fn bytes(&self) -> usize {
        self.len
    }
}

impl<A, B: Weighed> Weighed for (A, B) {
    fn bytes(&self) -> usize {
        self.1.bytes()
    }
}

#[derive(Clone, Copy, Default)]
struct ByBytes;

impl<K, V: Weighed> Weighter<K, V> for ByBytes {
    fn weight(&self, _key: &K, value: &V) -> u64 {
        // Never 0: a zero-weight entry would never be evicted.
        value.bytes().max(1) as u64
    }
}

/// Rendered parts by key, at most a budget of bytes of them.
pub struct Kept<K, V> {
    parts: Cache<K, V, ByBytes>,
}

impl<K: Eq + Hash + Clone, V: Weighed + Clone> Kept<K, V> {
    /// `budget` bytes of parts, about `typical` bytes each.
    pub fn new(budget: u64, typical: u64) -> Self {
        Kept {
            parts: Cache::with_weighter((budget / typical.max(1)).max(1) as usize, budget, ByBytes),
        }
    }

    pub fn find(&self, key: &K) -> Option<V> {
        self.parts.get(key)
    }

    pub fn keep(&self, key: K, part: V) {
        self.parts.insert(key, part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body::Body as _;
    use http_body_util::BodyExt;

    #[derive(Template)]
    #[template(source = "<p>{{ a }}</p>{{ here|safe }}<p>{{ b }}</p>", ext = "html")]
    struct Page<'a> {
        a: &'a str,
        b: &'a str,
        here: &'static str,
    }

    async fn sent(r: Response) -> (StatusCode, Option<String>, String) {
        let status = r.status();
        let length = r
            .headers()
            .get(header::CONTENT_LENGTH)
            .map(|v| v.to_str().unwrap().to_string());
        let body = r.into_body().collect().await.unwrap().to_bytes();
        (status, length, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_page_is_sent_around_its_part() {
        let page = Page {
            a: "<one>",
            b: "two",
            here: PART_HERE,
        };
        let part = Part::new(format!(
            "<form><input value=\"{TOKEN_HOLE}\"></form><b>{TOKEN_HOLE}</b>"
        ));
        let (status, _, body) = sent(render_with_part(StatusCode::OK, &page, Some(&part), "t0k3n").unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            "<p>&#60;one&#62;</p><form><input value=\"t0k3n\"></form><b>t0k3n</b><p>two</p>"
        );
        let (_, _, body) = sent(render_with_part(StatusCode::OK, &page, Some(&part), "\"><x>").unwrap()).await;
        assert!(body.contains("value=\"&#34;&#62;&#60;x&#62;\""), "{body}");
        let x = Part::new("x".into());
        let r = render_with_part(StatusCode::UNPROCESSABLE_ENTITY, &page, Some(&x), "t").unwrap();
        assert_eq!(r.headers()[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(
            r.into_body().size_hint().exact(),
            Some("<p>&#60;one&#62;</p>x<p>two</p>".len() as u64),
            "an exact length, so the answer has a Content-Length"
        );
    }

    #[tokio::test]
    async fn without_a_part_the_page_is_sent_whole() {
        let page = Page {
            a: "a",
            b: "b",
            here: "",
        };
        let x = Part::new("x".into());
        let (_, _, body) = sent(render_with_part(StatusCode::OK, &page, Some(&x), "t").unwrap()).await;
        assert_eq!(body, "<p>a</p><p>b</p>", "no place for it: the part is left out");
        let page = Page {
            a: "a",
            b: "b",
            here: PART_HERE,
        };
        let (_, _, body) = sent(render_with_part(StatusCode::OK, &page, None, "t").unwrap()).await;
        assert_eq!(body, "<p>a</p><p>b</p>", "no part: nothing in its place");
    }

    #[test]
    fn parts_beyond_the_budget_are_dropped() {
        let kept: Kept<u32, Part> = Kept::new(10_000, 1_000);
        let part = Part::new("x".repeat(1_000));
        for k in 0..100 {
            kept.keep(k, part.clone());
        }
        let held = (0..100).filter(|k| kept.find(k).is_some()).count();
        assert!((1..=10).contains(&held), "{held} parts of 1,000 bytes held in 10,000");
    }
}
