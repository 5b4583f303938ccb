//! Course dates as iCalendar (RFC 5545): `/kurser.ics` with every upcoming session and
//! `/kurser/{slug}.ics` for one course, so a family can put a session in its own calendar.
//!
//! Only the sessions a course page shows are written: the dated `[[sessions]]` of its file
//! (staff write only confirmed dates there), today or later. Times are local Danish time,
//! written with `TZID=Europe/Copenhagen` and the zone's own definition (VTIMEZONE), so no
//! client has to guess. A session whose time cannot be read is an all-day event, never a
//! guessed hour.

use super::{absolute, known};
use crate::content::model::{Item, Session};
use crate::content::site_config::SiteConfig;
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, NaiveTime};
use std::fmt::Write;

pub const TZID: &str = "Europe/Copenhagen";

/// The zone's rules since 1996 (EU summer time: last Sunday of March to last Sunday of
/// October), as RFC 5545 wants them spelt out.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Copenhagen\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19960331T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19961027T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// When a session starts (and ends, if its text says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Times {
    pub start: NaiveTime,
    pub end: Option<NaiveTime>,
}

/// Reads a session's `time` as staff write it: `17.00`, `17:00`, `17.00-19.00`,
/// `kl. 17.30–19`. Anything else (or an end before the start) is `None`.
pub fn times(text: &str) -> Option<Times> {
    let text = text.trim();
    let lower = text.to_lowercase();
    let text = if lower.starts_with("kl.") {
        &text[3..]
    } else if lower.starts_with("kl ") {
        &text[2..]
    } else {
        text
    };
    let mut parts = text.split(['-', '–', '—']);
    let start = clock(parts.next()?)?;
    let end = match parts.next() {
        None => None,
        Some(p) => Some(clock(p)?),
    };
    if parts.next().is_some() || end.is_some_and(|e| e <= start) {
        return None;
    }
    Some(Times { start, end })
}

/// `17`, `17.30`, `17:30`, `9.05`.
fn clock(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (h, m) = match text.split_once(['.', ':']) {
        Some((h, m)) => (h, m),
        None => (text, "00"),
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// The last Sunday of a month (the day Danish clocks change).
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or(NaiveDate::MIN);
    let last = first_of_next - Duration::days(1);
    let back = last.weekday().num_days_from_sunday() as i64;
    last - Duration::days(back)
}

/// The UTC offset of a Danish local time: +02:00 in summer time (from 02:00 on the last
/// Sunday of March to 03:00 on the last Sunday of October), +01:00 otherwise.
pub fn copenhagen_offset(date: NaiveDate, time: NaiveTime) -> FixedOffset {
    let local = date.and_time(time);
    let two = NaiveTime::from_hms_opt(2, 0, 0).unwrap_or(NaiveTime::MIN);
    let three = NaiveTime::from_hms_opt(3, 0, 0).unwrap_or(NaiveTime::MIN);
    let summer_from = last_sunday(date.year(), 3).and_time(two);
    let summer_to = last_sunday(date.year(), 10).and_time(three);
    let hours = if local >= summer_from && local < summer_to {
        2
    } else {
        1
    };
    FixedOffset::east_opt(hours * 3600).unwrap_or(FixedOffset::east_opt(0).expect("UTC"))
}

/// A session's start as ISO 8601 (`2027-02-03T17:00:00+01:00`, or the date alone when the
/// time is not known), for JSON-LD.
pub fn iso_start(s: &Session) -> String {
    match s.time.as_deref().and_then(times) {
        Some(t) => iso(s.date, t.start),
        None => s.date.format("%Y-%m-%d").to_string(),
    }
}

/// A session's end as ISO 8601, when its text gives one.
pub fn iso_end(s: &Session) -> Option<String> {
    let t = s.time.as_deref().and_then(times)?;
    Some(iso(s.date, t.end?))
}

fn iso(date: NaiveDate, time: NaiveTime) -> String {
    let offset = copenhagen_offset(date, time);
    format!(
        "{}{offset}",
        date.and_time(time).format("%Y-%m-%dT%H:%M:%S")
    )
}

/// The host part of `base_url`, for event UIDs (`…@findhjaelp.kalundborg.dk`).
fn host(site: &SiteConfig) -> &str {
    let url = site.base_url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', ':']).unwrap_or(rest.len());
    let host = &rest[..end];
    if host.is_empty() {
        "localhost"
    } else {
        host
    }
}

/// A whole calendar: `name` is its title in calendar apps; `courses` are course items
/// (master language). Events come soonest first; a calendar without any is still valid.
pub fn calendar(site: &SiteConfig, name: &str, courses: &[&Item], today: NaiveDate) -> String {
    let mut events: Vec<(&Item, &Session)> = courses
        .iter()
        .flat_map(|item| {
            item.upcoming_sessions(today)
                .into_iter()
                .map(move |s| (*item, s))
        })
        .collect();
    events.sort_by(|(a, s), (b, t)| {
        (
            s.date,
            s.time.as_deref().and_then(times).map(|t| t.start),
            &a.slug,
        )
            .cmp(&(
                t.date,
                t.time.as_deref().and_then(times).map(|t| t.start),
                &b.slug,
            ))
    });
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        &format!(
            "PRODID:-//{}//{}//DA",
            text(&site.name),
            text(&site.municipality)
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("NAME:{}", text(name)));
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    line(&mut out, &format!("X-WR-TIMEZONE:{TZID}"));
    // Always there: RFC 5545 wants at least one component, so an empty calendar is valid.
    out.push_str(VTIMEZONE);
    let mut seen = std::collections::HashSet::new();
    for (item, session) in events {
        let uid = uid(site, item, session);
        // The same date and time written twice is one session.
        if seen.insert(uid.clone()) {
            event(&mut out, site, item, session, &uid);
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// Stable across reloads and restarts: the course, the date and the start time.
fn uid(site: &SiteConfig, item: &Item, s: &Session) -> String {
    let when = match s.time.as_deref().and_then(times) {
        Some(t) => format!("{}-{}", s.date.format("%Y%m%d"), t.start.format("%H%M")),
        None => s.date.format("%Y%m%d").to_string(),
    };
    format!("{}-{when}@{}", item.slug, host(site))
}

fn event(out: &mut String, site: &SiteConfig, item: &Item, s: &Session, uid: &str) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", text(uid)));
    // When the information was last checked (the item's review date), so the output is
    // the same on every request.
    line(
        out,
        &format!("DTSTAMP:{}T000000Z", item.reviewed.format("%Y%m%d")),
    );
    let time_text = known(s.time.as_deref());
    match time_text.and_then(times) {
        Some(t) => {
            let at = |time: NaiveTime| s.date.and_time(time).format("%Y%m%dT%H%M%S").to_string();
            line(out, &format!("DTSTART;TZID={TZID}:{}", at(t.start)));
            if let Some(end) = t.end {
                line(out, &format!("DTEND;TZID={TZID}:{}", at(end)));
            }
        }
        None => {
            line(
                out,
                &format!("DTSTART;VALUE=DATE:{}", s.date.format("%Y%m%d")),
            );
            let next = s.date.succ_opt().unwrap_or(s.date);
            line(out, &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        }
    }
    line(out, &format!("SUMMARY:{}", text(&item.title)));
    let mut description = String::new();
    // A time the calendar could not read is still told, word for word.
    if let Some(t) = time_text.filter(|t| times(t).is_none()) {
        let _ = writeln!(description, "{t}");
    }
    description.push_str(item.summary.trim());
    if let Some(signup) = known(item.signup.as_deref()) {
        let _ = write!(description, "\n\n{signup}");
    }
    line(out, &format!("DESCRIPTION:{}", text(&description)));
    let place = known(item.place.as_deref())
        .or_else(|| known(item.facts.as_ref().and_then(|f| f.location.as_deref())));
    if let Some(place) = place {
        line(out, &format!("LOCATION:{}", text(place)));
    }
    line(out, &format!("URL:{}", absolute(site, &item.url())));
    line(out, "STATUS:CONFIRMED");
    line(out, "END:VEVENT");
}

/// A TEXT value, escaped (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets without splitting a character (RFC 5545 3.1).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn session_times_are_read_as_staff_write_them() {
        assert_eq!(
            times("17.00"),
            Some(Times {
                start: t(17, 0),
                end: None
            })
        );
        assert_eq!(
            times("kl. 17:30–19"),
            Some(Times {
                start: t(17, 30),
                end: Some(t(19, 0))
            })
        );
        assert_eq!(
            times("9.05-11.00"),
            Some(Times {
                start: t(9, 5),
                end: Some(t(11, 0))
            })
        );
        for bad in [
            "",
            "om aftenen",
            "25.00",
            "17.5",
            "19.00-17.00",
            "17-18-19",
            "ukendt",
        ] {
            assert_eq!(times(bad), None, "{bad}");
        }
    }

    #[test]
    fn danish_summer_time_follows_the_eu_rule() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(last_sunday(2027, 3), d(2027, 3, 28));
        assert_eq!(last_sunday(2027, 10), d(2027, 10, 31));
        let hours = |date, time| copenhagen_offset(date, time).local_minus_utc() / 3600;
        assert_eq!(hours(d(2027, 1, 15), t(12, 0)), 1);
        assert_eq!(hours(d(2027, 3, 28), t(1, 59)), 1);
        assert_eq!(hours(d(2027, 3, 28), t(3, 0)), 2);
        assert_eq!(hours(d(2027, 7, 1), t(18, 0)), 2);
        assert_eq!(hours(d(2027, 10, 31), t(3, 0)), 1);
        assert_eq!(hours(d(2027, 12, 24), t(18, 0)), 1);
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "æøå".repeat(40));
        line(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
