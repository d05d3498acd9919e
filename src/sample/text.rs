//! Sentences for the generated records: a template from `words` with its blanks filled in.

use super::Gen;

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn human_minutes(m: i64) -> String {
    match m {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => match m % 60 {
            0 => format!("{} h", m / 60),
            r => format!("{} h {r} min", m / 60),
        },
        m => format!("{} days", m / (24 * 60)),
    }
}

/// The values a text template can mention.
pub(super) struct Ctx<'a> {
    pub(super) svc: &'a str,
    pub(super) svc2: &'a str,
    pub(super) name: &'a str,
    pub(super) minutes: i64,
}

impl Gen {
    fn fill(&mut self, template: &str, c: &Ctx) -> String {
        let mut s = template.to_string();
        if s.contains('{') {
            let n = self.rng.range(2, 98).to_string();
            let k = self.rng.range(2, 12).to_string();
            s = s
                .replace("{Svc}", &capitalise(c.svc))
                .replace("{svc}", c.svc)
                .replace("{svc2}", c.svc2)
                .replace("{name}", c.name)
                .replace("{dur}", &human_minutes(c.minutes))
                .replace("{n}", &n)
                .replace("{k}", &k);
        }
        s
    }

    pub(super) fn text(&mut self, templates: &[&str], c: &Ctx) -> String {
        let t = *self.rng.pick(templates);
        self.fill(t, c)
    }

    pub(super) fn texts(&mut self, templates: &[&str], lo: i64, hi: i64, c: &Ctx) -> Vec<String> {
        let n = self.rng.range(lo, hi);
        let mut out: Vec<String> = vec![];
        for _ in 0..n {
            let s = self.text(templates, c);
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}
