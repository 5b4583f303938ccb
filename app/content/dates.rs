//! Dates in front matter: staff may write a TOML date (`2027-02-03`) or a quoted one (`"2027-02-03"`).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum DateInput {
    Toml(toml::value::Datetime),
    Text(String),
}

pub fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = match DateInput::deserialize(d)? {
        DateInput::Toml(dt) => dt.to_string(),
        DateInput::Text(s) => s,
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        serde::de::Error::custom(format!(
            "datoen `{text}` kan ikke læses; skriv den som år-måned-dag, fx 2027-02-03"
        ))
    })
}

pub fn ser_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date.format("%Y-%m-%d").to_string())
}
