//! The localStorage envelope: deflated workspace JSON packed 15 bits to a UTF-16 code unit.
//!
//! localStorage quotas count UTF-16 code units (Chromium: 5,242,880 per origin), and a busy
//! team's decade of JSON is bigger than that. Deflate shrinks the JSON about tenfold; packing
//! 15 bits into each code unit then spends the quota almost fully on data. Every code unit
//! lies in `U+3400..=U+B3FF`, a single run of the Basic Multilingual Plane below the
//! surrogates, so the stored text is always well-formed UTF-16 that survives any string API.
//!
//! Envelope `HTK2Z` (compressed):
//! `"HTK2Z"` + two code units holding the byte length of the zlib stream (30 bits, high
//! 15 first) + the zlib stream (deflate with an Adler-32 checksum), 15 bits per code unit,
//! most significant bit first, the last unit padded with zero bits.
//!
//! Envelope `HTK1J` (plain): `"HTK1J"` + the JSON text, for when compression is unwanted.
//! Text whose first non-blank character is `{` is what Hatrack stored before envelopes
//! existed, and is read as it is.

use std::fmt;

use miniz_oxide::inflate::TINFLStatus;

/// Header of the compressed envelope.
pub const COMPRESSED_HEADER: &str = "HTK2Z";
/// Header of the plain envelope.
pub const PLAIN_HEADER: &str = "HTK1J";

/// The first code unit used for packed data; 2^15 units from here end at U+B3FF.
const BASE: u32 = 0x3400;
const BITS: u32 = 15;
const MASK: u32 = (1 << BITS) - 1;
/// Deflate level: 6 is zlib's default, the usual balance of size and speed.
const LEVEL: u8 = 6;
/// Refuse to inflate past this many bytes, so a damaged or hostile stream can't exhaust memory.
/// Far above any workspace that fits the quota (5 MiB of code units ≈ 10 MB deflated ≈ 100+ MB).
const MAX_JSON_BYTES: usize = 512 * 1024 * 1024;

/// Why stored text could not be read back as workspace JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompactError {
    /// Nothing was stored (empty or only blanks).
    Empty,
    /// The text is neither JSON nor a Hatrack envelope; carries its first few characters.
    NotHatrack(String),
    /// A Hatrack envelope this version does not know (a newer app wrote it); carries the header.
    NewerEnvelope(String),
    /// The compressed envelope is cut short, altered or otherwise damaged; carries the detail.
    Damaged(String),
}

impl CompactError {
    /// A sentence a person can act on.
    pub fn message(&self) -> String {
        match self {
            CompactError::Empty => "The stored data is empty, so there is no workspace to load.".into(),
            CompactError::NotHatrack(start) => format!(
                "The stored data is not a Hatrack workspace: it starts with \u{201c}{start}\u{201d} \
                 instead of JSON or a Hatrack storage header. Export or copy it before changing anything."
            ),
            CompactError::NewerEnvelope(header) => format!(
                "The stored data was written by a newer version of Hatrack (storage format {header}). \
                 Open it with that version, or reload this page to get it."
            ),
            CompactError::Damaged(detail) => format!(
                "The stored workspace is damaged and cannot be unpacked ({detail}). \
                 Import your last exported file to recover."
            ),
        }
    }
}

impl fmt::Display for CompactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CompactError {}

/// Packs workspace JSON into the compressed envelope (`HTK2Z`) at the default level.
pub fn encode(json: &str) -> String {
    encode_with_level(json, LEVEL)
}

/// As [`encode`], at deflate `level` 1 (fastest) ..= 10 (smallest); `decode` reads any level.
pub fn encode_with_level(json: &str, level: u8) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), level.clamp(1, 10));
    let len = deflated.len() as u32;
    let units = (deflated.len() * 8).div_ceil(BITS as usize);
    // Each code unit is 3 bytes of UTF-8 in a Rust String.
    let mut out = String::with_capacity(COMPRESSED_HEADER.len() + 3 * (2 + units));
    out.push_str(COMPRESSED_HEADER);
    out.push(unit(len >> BITS));
    out.push(unit(len));
    let mut acc: u32 = 0;
    let mut held: u32 = 0;
    for &b in &deflated {
        acc = (acc << 8) | u32::from(b);
        held += 8;
        if held >= BITS {
            held -= BITS;
            out.push(unit(acc >> held));
            acc &= (1 << held) - 1;
        }
    }
    if held > 0 {
        out.push(unit(acc << (BITS - held)));
    }
    out
}

/// Wraps workspace JSON in the plain envelope (`HTK1J`), for when compression is not wanted.
pub fn encode_plain(json: &str) -> String {
    let mut out = String::with_capacity(PLAIN_HEADER.len() + json.len());
    out.push_str(PLAIN_HEADER);
    out.push_str(json);
    out
}

/// Reads stored text back into workspace JSON: the compressed envelope, the plain one, or bare
/// JSON from before envelopes. Anything else is refused with a reason; never panics.
pub fn decode(stored: &str) -> Result<String, CompactError> {
    let trimmed = stored.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return Err(CompactError::Empty);
    }
    if trimmed.starts_with('{') {
        return Ok(stored.to_string());
    }
    if let Some(json) = stored.strip_prefix(PLAIN_HEADER) {
        return Ok(json.to_string());
    }
    if let Some(packed) = stored.strip_prefix(COMPRESSED_HEADER) {
        return decode_packed(packed);
    }
    if let Some(header) = newer_header(stored) {
        return Err(CompactError::NewerEnvelope(header));
    }
    Err(CompactError::NotHatrack(trimmed.chars().take(12).collect()))
}

/// How many UTF-16 code units `s` takes: what a localStorage quota counts.
pub fn stored_chars(s: &str) -> usize {
    s.encode_utf16().count()
}

fn unit(v: u32) -> char {
    // BASE..=BASE+MASK lies below the surrogates, so this is always a valid char.
    char::from_u32(BASE + (v & MASK)).unwrap_or('\u{3400}')
}

/// `HTK` + digit + letter that is not one of ours: a later envelope version.
fn newer_header(stored: &str) -> Option<String> {
    let head: String = stored.chars().take(5).collect();
    let b = head.as_bytes();
    let looks = b.len() == 5 && head.starts_with("HTK") && b[3].is_ascii_digit() && b[4].is_ascii_uppercase();
    looks.then_some(head)
}

fn decode_packed(packed: &str) -> Result<String, CompactError> {
    let mut values = packed.chars().map(|c| {
        let v = c as u32;
        if (BASE..=BASE + MASK).contains(&v) {
            Ok(v - BASE)
        } else {
            Err(CompactError::Damaged(format!(
                "it contains the character U+{v:04X}, which Hatrack never writes"
            )))
        }
    });
    let mut next_len_unit = || {
        values
            .next()
            .unwrap_or_else(|| Err(CompactError::Damaged("it ends before its length".into())))
    };
    let len = ((next_len_unit()? << BITS) | next_len_unit()?) as usize;
    let expected_units = (len * 8).div_ceil(BITS as usize);
    let mut bytes = Vec::with_capacity(len.min(packed.len()));
    let mut acc: u32 = 0;
    let mut held: u32 = 0;
    let mut units = 0usize;
    for v in values {
        let v = v?;
        units += 1;
        if units > expected_units {
            return Err(CompactError::Damaged(
                "it is longer than its recorded length".into(),
            ));
        }
        acc = (acc << BITS) | v;
        held += BITS;
        while held >= 8 && bytes.len() < len {
            held -= 8;
            bytes.push((acc >> held) as u8);
            acc &= (1 << held) - 1;
        }
    }
    if units < expected_units {
        return Err(CompactError::Damaged(format!(
            "it is cut short: {units} of {expected_units} packed characters are there"
        )));
    }
    let inflated = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_JSON_BYTES)
        .map_err(|e| CompactError::Damaged(inflate_problem(e.status).into()))?;
    String::from_utf8(inflated)
        .map_err(|_| CompactError::Damaged("the unpacked data is not UTF-8 text".into()))
}

fn inflate_problem(status: TINFLStatus) -> &'static str {
    match status {
        TINFLStatus::Adler32Mismatch => "its checksum does not match, so some characters were changed",
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            "the compressed data stops part-way"
        }
        TINFLStatus::HasMoreOutput => "it unpacks to more than 512 MB, far beyond any real workspace",
        _ => "the compressed data is not valid deflate",
    }
}
