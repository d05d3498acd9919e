//! Writes a generated sample workspace as JSON to stdout: `generate <small|decade|stress> [--seed N] [--end TIME]`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;

    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("Writes a generated sample Hatrack workspace as JSON to stdout.\n\n{USAGE}");
        return;
    }
    let (size, seed, end) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(problem) => {
            eprintln!("{problem}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let ws = hatrack::sample::generate(size, seed, end);
    let json = ws.to_json();
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is the reader's choice, not an error worth a panic.
    if out
        .write_all(json.as_bytes())
        .and_then(|_| out.write_all(b"\n"))
        .and_then(|_| out.flush())
        .is_err()
    {
        std::process::exit(1);
    }
    eprintln!(
        "{size} (seed {seed}, ending {}): {} people, {} incidents, {} timeline entries, {} assignments, \
         {} releases, {} reviews; {} bytes of JSON",
        end.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ws.people.len(),
        ws.incidents.len(),
        ws.incidents.iter().map(|i| i.timeline.len()).sum::<usize>(),
        ws.assignments.len(),
        ws.releases.len(),
        ws.reviews.len(),
        json.len() + 1,
    );
}

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str =
    "usage: generate <small|decade|stress> [--seed N] [--end 2026-11-28T00:00:00Z|now] > workspace.json
  small   a year of a small team (8 people, 40 incidents, 100 releases)
  decade  ten years of a busy team (200 people, 1,500 incidents, 5,000 releases)
  stress  twice the decade
  --seed  any whole number; the same seed gives the same file (default 1)
  --end   when the history ends, i.e. \"now\" in the data (default 2026-11-28T00:00:00Z)";

#[cfg(not(target_arch = "wasm32"))]
type Parsed = (hatrack::sample::Size, u64, chrono::DateTime<chrono::Utc>);

#[cfg(not(target_arch = "wasm32"))]
fn parse(args: &[String]) -> Result<Parsed, String> {
    use chrono::{DateTime, Utc};
    let mut size = None;
    let mut seed = 1u64;
    let mut end: DateTime<Utc> = "2026-11-28T00:00:00Z".parse().map_err(|e| format!("{e}"))?;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number after it.")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("The seed \u{201c}{v}\u{201d} is not a whole number."))?;
            }
            "--end" => {
                let v = it.next().ok_or("--end needs a time after it.")?;
                end = if v == "now" {
                    Utc::now()
                } else {
                    DateTime::parse_from_rfc3339(v)
                        .map_err(|_| format!("The end \u{201c}{v}\u{201d} is not an RFC 3339 time such as 2026-11-28T00:00:00Z."))?
                        .with_timezone(&Utc)
                };
            }
            other if size.is_none() && !other.starts_with('-') => size = Some(other.parse()?),
            other => return Err(format!("Unexpected argument \u{201c}{other}\u{201d}.")),
        }
    }
    let size = size.ok_or("Say which size to generate.")?;
    Ok((size, seed, end))
}

/// trunk builds every binary of the crate for the browser; this one has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}
