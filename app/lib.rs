//! Find hjælp: one way in to a municipality's help for children, young people and families.

pub mod analysis;
pub mod assets;
pub mod cases;
pub mod content;
pub mod guide;
pub mod gzip;
pub mod i18n;
pub mod lang;
pub mod log;
pub mod metrics;
pub mod nearest;
pub mod opendata;
pub mod paths;
pub mod problem;
pub mod reload;
pub mod safety;
pub mod search;
pub mod site;
pub mod source;
pub mod triage;
pub mod ui;
pub mod web;
