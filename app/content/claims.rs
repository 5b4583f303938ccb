//! Facts that need a source: phone numbers, opening hours and age limits, wherever an item
//! states them (front matter or text). The checker warns when an item states one of them and
//! names no source. Finding them is deliberately simple (no grammar): it looks for Danish
//! phone numbers, clock times and age ranges, which is what staff write.

use super::model::{is_placeholder, Meta};

/// The national numbers that need no further source (their opening hours do).
pub const NATIONAL_NUMBERS: &[&str] = &["112", "114", "1818", "116111", "70201201"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimKind {
    /// Phone, e-mail, address, web address.
    Contact,
    /// Opening hours, clock times, dates of sessions.
    Hours,
    /// Age limits of an offer.
    Ages,
}

impl ClaimKind {
    /// Danish, for the checker's message.
    pub fn danish(self) -> &'static str {
        match self {
            ClaimKind::Contact => "kontaktoplysninger",
            ClaimKind::Hours => "tider eller datoer",
            ClaimKind::Ages => "aldersgrænser",
        }
    }
}

/// One fact found: what kind, the front-matter key it is under (if any) and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub key: Option<&'static str>,
    pub text: String,
}

/// Every claim in an item's front matter and body text.
pub fn find(meta: &Meta, body_text: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    let known = |v: &Option<String>| {
        v.as_deref()
            .filter(|v| !is_placeholder(v))
            .map(str::to_string)
    };
    let mut push = |kind, key, text: String| {
        out.push(Claim {
            kind,
            key: Some(key),
            text,
        })
    };
    if let Some(c) = &meta.contact {
        if let Some(p) = known(&c.phone).filter(|p| !is_national(p)) {
            push(ClaimKind::Contact, "phone", p);
        }
        for (key, value) in [
            ("email", &c.email),
            ("address", &c.address),
            ("web", &c.web),
        ] {
            if let Some(v) = known(value) {
                push(ClaimKind::Contact, key, v);
            }
        }
        if let Some(h) = known(&c.hours) {
            push(ClaimKind::Hours, "hours", h);
        }
    }
    if let Some([lo, hi]) = meta.age {
        push(ClaimKind::Ages, "age", format!("[{lo}, {hi}]"));
    }
    if let Some(f) = &meta.facts {
        if let Some(a) = known(&f.ages) {
            push(ClaimKind::Ages, "ages", a);
        }
        if let Some(w) = known(&f.wait) {
            push(ClaimKind::Hours, "wait", w);
        }
    }
    if let Some(s) = meta.sessions.first() {
        push(ClaimKind::Hours, "sessions", s.date.to_string());
    }
    if let Some(c) = meta.capacity {
        push(ClaimKind::Ages, "capacity", c.to_string());
    }
    out.extend(in_text(body_text));
    out
}

/// Claims in running text: phone numbers (other than the national ones), clock times and
/// "around the clock", and age ranges such as "12-25 år" or "mellem 14 og 35 år".
pub fn in_text(text: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    let claim = |kind, text: &str| Claim {
        kind,
        key: None,
        text: text.to_string(),
    };
    for number in phone_numbers(text) {
        out.push(claim(ClaimKind::Contact, &number));
    }
    let lower = text.to_lowercase();
    for phrase in [
        "døgnet rundt",
        "døgnåben",
        "around the clock",
        "24 hours a day",
        "24/7",
    ] {
        if lower.contains(phrase) {
            out.push(claim(ClaimKind::Hours, phrase));
        }
    }
    if let Some(t) = clock_time(&lower) {
        out.push(claim(ClaimKind::Hours, &t));
    }
    if let Some(r) = age_range(&lower) {
        out.push(claim(ClaimKind::Ages, &r));
    }
    out
}

fn is_national(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    NATIONAL_NUMBERS.contains(&digits.as_str())
}

/// Danish phone numbers: 8 digits, written together or in groups ("70 20 12 01",
/// "7020 1201"), optionally after +45.
fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // A run of digit groups separated by single spaces (10 digits after "+": +45 …).
        let start = i;
        let plus = start > 0 && chars[start - 1] == '+';
        let max = if plus { 10 } else { 8 };
        let mut digits = String::new();
        let mut end = i;
        while end < chars.len() {
            if chars[end].is_ascii_digit() {
                digits.push(chars[end]);
                end += 1;
            } else if chars[end] == ' '
                && end + 1 < chars.len()
                && chars[end + 1].is_ascii_digit()
                && digits.len() < max
            {
                end += 1;
            } else {
                break;
            }
        }
        let written: String = chars[start..end].iter().collect();
        let digits = match digits.strip_prefix("45") {
            Some(rest) if plus => rest.to_string(),
            _ => digits,
        };
        let glued_to_word = end < chars.len()
            && (chars[end].is_alphanumeric()
                || chars[end] == '.' && end + 1 < chars.len() && chars[end + 1].is_ascii_digit());
        if digits.len() == 8 && !glued_to_word && !is_national(&digits) {
            out.push(written.trim().to_string());
        }
        i = end.max(i + 1);
    }
    out
}

/// The first clock time ("15.00", "kl. 9", "10:30-14:00"); not dates like "26.08.2027".
fn clock_time(lower: &str) -> Option<String> {
    if let Some(pos) = lower.find("kl. ").or_else(|| lower.find("kl ")) {
        let rest = &lower[pos..];
        let after = rest
            .trim_start_matches("kl.")
            .trim_start_matches("kl")
            .trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            let time = after.split_whitespace().next().unwrap_or("");
            return Some(format!("kl. {}", time.trim_end_matches(['.', ',', ';'])));
        }
    }
    let b = lower.as_bytes();
    for i in 0..b.len() {
        let digit = |j: usize| j < b.len() && b[j].is_ascii_digit();
        // h.mm or hh.mm (also with ':'), not part of a longer number or a date.
        let (h_len, sep) = if digit(i) && digit(i + 1) && matches!(b.get(i + 2), Some(b'.' | b':'))
        {
            (2, i + 2)
        } else if digit(i) && matches!(b.get(i + 1), Some(b'.' | b':')) {
            (1, i + 1)
        } else {
            continue;
        };
        if i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b':') {
            continue;
        }
        if !(digit(sep + 1) && digit(sep + 2)) || digit(sep + 3) {
            continue;
        }
        if matches!(b.get(sep + 3), Some(b'.' | b':')) && digit(sep + 4) {
            continue; // a date such as 26.08.2027
        }
        let hours: u32 = lower[i..i + h_len].parse().unwrap_or(99);
        let minutes: u32 = lower[sep + 1..sep + 3].parse().unwrap_or(99);
        if hours <= 24 && minutes <= 59 {
            return Some(lower[i..sep + 3].to_string());
        }
    }
    None
}

/// The first age range ("12-25 år", "fra 14 til 35 år", "mellem 13 og 17 år", "aged 12 to 25").
fn age_range(lower: &str) -> Option<String> {
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| {
        let w = w.trim_end_matches(['.', ':', ';']);
        !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit())
    };
    let is_years = |w: &str| {
        let w = w.trim_end_matches(['.', ':', ';', '!', '?']);
        matches!(w, "år" | "års" | "years" | "year" | "årige" | "-årige") || w.ends_with("-årige")
    };
    for (i, w) in words.iter().enumerate() {
        // "12-25 år" / "12–25 år" / "8-12-årige"
        let w = &w.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        if let Some((a, b)) = w.split_once(['-', '–']) {
            if number(a) && number(b) && words.get(i + 1).is_some_and(|n| is_years(n)) {
                let years = words[i + 1].trim_end_matches(['.', ',', ';', ':']);
                return Some(format!("{w} {years}"));
            }
            if number(a) && b.ends_with("årige") {
                return Some(w.to_string());
            }
        }
        // "fra 12 til 25 år", "mellem 14 og 35 år", "aged 12 to 25", "12 to 25 years"
        if number(w)
            && words
                .get(i + 1)
                .is_some_and(|m| matches!(*m, "til" | "og" | "to"))
            && words.get(i + 2).is_some_and(|n| number(n))
        {
            let before = i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .copied()
                .unwrap_or("");
            let after = words.get(i + 3).copied().unwrap_or("");
            if is_years(after) || matches!(before, "aged" | "ages") {
                let found = words[i..(i + 4).min(words.len())].join(" ");
                return Some(found.trim_end_matches(['.', ',', ';', ':']).to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<ClaimKind> {
        in_text(text).into_iter().map(|c| c.kind).collect()
    }

    #[test]
    fn finds_phone_numbers_but_not_the_national_ones() {
        assert_eq!(kinds("Ring 59 53 44 00 i dag."), [ClaimKind::Contact]);
        assert_eq!(kinds("Ring på 59534400."), [ClaimKind::Contact]);
        assert_eq!(kinds("Ring +45 59 53 44 00."), [ClaimKind::Contact]);
        assert!(
            kinds("Ring 112, 114 eller 1818. BørneTelefonen 116 111, Livslinien 70 201 201.")
                .is_empty()
        );
        // Counts and years are not phone numbers.
        assert!(kinds("I 2023 fik 6451 borgere hjælp. 53 klager, 30 omgjort.").is_empty());
        assert!(kinds("Kommunen fik 1.200.000 kr. i 2026 og 2027.").is_empty());
    }

    #[test]
    fn finds_clock_times_and_around_the_clock_but_not_dates_or_decimals() {
        assert_eq!(kinds("Vi mødes kl. 15 hver onsdag."), [ClaimKind::Hours]);
        assert_eq!(kinds("Åbent 10.00-14.00."), [ClaimKind::Hours]);
        assert_eq!(kinds("Open 9:30 to 15:00."), [ClaimKind::Hours]);
        assert_eq!(kinds("Livslinien svarer døgnet rundt."), [ClaimKind::Hours]);
        assert_eq!(kinds("Open 24 hours a day."), [ClaimKind::Hours]);
        assert!(kinds("Forældremødet er 26.08.2027.").is_empty());
        assert!(kinds("Landsgennemsnittet var 44,9 procent, eller 44.9 per cent.").is_empty());
        assert!(kinds("Kommunen skal vurdere den inden for 24 timer.").is_empty());
    }

    #[test]
    fn finds_age_ranges_but_not_single_ages() {
        assert_eq!(kinds("For unge fra 12 til 25 år."), [ClaimKind::Ages]);
        assert_eq!(kinds("For unge på 14-35 år."), [ClaimKind::Ages]);
        assert_eq!(kinds("For unge mellem 14 og 35 år."), [ClaimKind::Ages]);
        assert_eq!(kinds("For young people aged 12 to 25."), [ClaimKind::Ages]);
        assert_eq!(kinds("Gruppen er for 8-12-årige."), [ClaimKind::Ages]);
        assert!(
            kinds("Når du fylder 18 år, bliver du myndig. Børn over 10 år kan klage.").is_empty()
        );
        assert!(kinds("Der kom 10 og 20 henvendelser.").is_empty());
    }
}
