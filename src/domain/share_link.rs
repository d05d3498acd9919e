//! Share by link: an incident bundle compressed into a URL fragment, for a hand-over in chat.
//!
//! Browsers never send the fragment (everything after `#`) to a server, so the link carries the
//! data to the other person's Hatrack and to nobody else. The fragment is a hash route:
//!
//! `#/share/v1/<incident|review>/<payload>`
//!
//! where `<payload>` is the bundle's compact JSON, deflated in a zlib stream and written in
//! base64url without padding. `incident` or `review` says what to open once it is imported: the
//! bundle's incident, or its review. The zlib stream ends in an Adler-32 checksum of the JSON, so
//! a link cut short (chat apps cut long messages) or altered by hand is refused with a reason,
//! never half-read; the JSON then goes through the same validation as any imported file.
//!
//! Links longer than [`MAX_CHAT_CHARS`] are still made, but flagged so the app can say so and
//! offer the bundle as a file instead.

use std::fmt;

use chrono::{DateTime, Utc};

use super::bundle::incident_bundle;
use super::model::Workspace;
use super::validate::ImportErrors;

/// The route every share link starts with, version included.
pub const PREFIX: &str = "#/share/v1/";
/// Above this many characters a link is likely cut by chat apps (several stop at 4,000 or
/// fewer) and mail clients that wrap lines; the app offers the file instead.
pub const MAX_CHAT_CHARS: usize = 4000;
/// Refuse to inflate a payload past this: far more than any incident bundle, small enough that a
/// hostile link cannot exhaust memory.
const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;
/// Deflate level 10: the smallest output miniz makes; bundles are small, so speed is no concern.
const LEVEL: u8 = 10;

/// What a link opens once its bundle is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Incident(String),
    Review(String),
}

impl Target {
    fn kind(&self) -> &'static str {
        match self {
            Target::Incident(_) => "incident",
            Target::Review(_) => "review",
        }
    }
}

/// A link made for one incident or review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareLink {
    /// The fragment, `#/share/v1/...`: append it to the app's address.
    pub fragment: String,
    /// False when the fragment is longer than [`MAX_CHAT_CHARS`].
    pub fits_chat: bool,
}

/// What a link held: the bundle to preview and merge, and what to open afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub workspace: Workspace,
    pub target: Target,
}

/// Why a link could not be read. Nothing is imported in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment is not a Hatrack share link at all.
    NotALink,
    /// A share link of a later format (`#/share/v2/...`); carries the version.
    Newer(String),
    /// The link is cut short or was altered: the data does not unpack or its checksum fails.
    Damaged,
    /// It unpacks, but not to a valid workspace; carries every problem with its path.
    Invalid(ImportErrors),
    /// It unpacks to a valid workspace without the incident or review it says it opens.
    NoTarget(Target),
}

impl LinkError {
    /// A sentence a person can act on.
    pub fn message(&self) -> String {
        match self {
            LinkError::NotALink => "This is not a Hatrack share link.".into(),
            LinkError::Newer(v) => format!(
                "This link was made by a newer Hatrack (share link {v}); update Hatrack to open it, \
                 or ask for the file instead."
            ),
            LinkError::Damaged => "This link is cut short or was changed, so it cannot be read. \
                 Ask for the link again, or for the file instead; nothing was imported."
                .into(),
            LinkError::Invalid(errors) => format!(
                "This link does not hold a valid Hatrack workspace; nothing was imported. {}",
                errors
            ),
            LinkError::NoTarget(t) => format!(
                "This link should open {} {}, which is not in it; nothing was imported.",
                match t {
                    Target::Incident(_) => "incident",
                    Target::Review(_) => "review",
                },
                match t {
                    Target::Incident(id) | Target::Review(id) => id,
                }
            ),
        }
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for LinkError {}

/// True when `fragment` is meant as a share link (the app routes it to the import preview).
pub fn is_share_fragment(fragment: &str) -> bool {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    f.starts_with("/share/")
}

/// A link to one incident: its bundle (see [`incident_bundle`]), stamped `exported_at = now`.
/// `None` if the incident is missing or deleted.
pub fn incident_link(ws: &Workspace, incident_id: &str, now: DateTime<Utc>) -> Option<ShareLink> {
    let bundle = incident_bundle(ws, incident_id, now)?;
    Some(make(bundle, Target::Incident(incident_id.to_string()), now))
}

/// A link to one review: the bundle of its incident, which holds the review. `None` if the
/// review, or its incident, is missing or deleted.
pub fn review_link(ws: &Workspace, review_id: &str, now: DateTime<Utc>) -> Option<ShareLink> {
    let review = ws
        .reviews
        .iter()
        .find(|r| r.id == review_id && r.deleted_at.is_none())?;
    let bundle = incident_bundle(ws, &review.incident, now)?;
    Some(make(bundle, Target::Review(review_id.to_string()), now))
}

fn make(mut bundle: Workspace, target: Target, now: DateTime<Utc>) -> ShareLink {
    bundle.exported_at = Some(now);
    // A link is sized for a chat message, and the written process would take a live incident
    // past it; the ticks travel in the timeline, the checklists in the file bundle.
    bundle.process = None;
    let id = match &target {
        Target::Incident(id) | Target::Review(id) => id,
    };
    let json = bundle.to_json_compact();
    let deflated = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL);
    let fragment = format!(
        "{PREFIX}{}/{}/{}",
        target.kind(),
        encode_id(id),
        base64url(&deflated)
    );
    ShareLink {
        fits_chat: fragment.chars().count() <= MAX_CHAT_CHARS,
        fragment,
    }
}

/// Reads a share link's fragment (with or without the leading `#`; a whole URL is fine too).
pub fn read(link: &str) -> Result<Shared, LinkError> {
    let fragment = link.find('#').map_or(link, |i| &link[i..]);
    let rest = fragment
        .strip_prefix("#/share/")
        .or_else(|| fragment.strip_prefix("/share/"))
        .ok_or(LinkError::NotALink)?;
    let mut parts = rest.splitn(4, '/');
    let version = parts.next().unwrap_or_default();
    if version != "v1" {
        return match version.strip_prefix('v').and_then(|n| n.parse::<u32>().ok()) {
            Some(n) if n > 1 => Err(LinkError::Newer(version.to_string())),
            _ => Err(LinkError::NotALink),
        };
    }
    let (Some(kind), Some(id), Some(payload)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(LinkError::Damaged);
    };
    let id = decode_id(id).ok_or(LinkError::Damaged)?;
    let target = match kind {
        "incident" => Target::Incident(id),
        "review" => Target::Review(id),
        _ => return Err(LinkError::NotALink),
    };
    let bytes = unbase64url(payload).ok_or(LinkError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_JSON_BYTES)
        .map_err(|_| LinkError::Damaged)?;
    let json = String::from_utf8(json).map_err(|_| LinkError::Damaged)?;
    let workspace = Workspace::from_json(&json).map_err(LinkError::Invalid)?;
    let found = match &target {
        Target::Incident(id) => workspace
            .incidents
            .iter()
            .any(|i| &i.id == id && i.deleted_at.is_none()),
        Target::Review(id) => workspace
            .reviews
            .iter()
            .any(|r| &r.id == id && r.deleted_at.is_none()),
    };
    if !found {
        return Err(LinkError::NoTarget(target));
    }
    Ok(Shared { workspace, target })
}

// ---------------------------------------------------------------------------------------
// base64url without padding (RFC 4648 §5), and ids percent-encoded for a path segment.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let text = text.as_bytes();
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// Ids are free text in FORMAT.md: everything but unreserved URL characters is percent-encoded.
fn encode_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode_id(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.is_empty())
}
