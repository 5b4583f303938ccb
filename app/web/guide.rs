//! Guide handlers: the question pages (`/guide`), the chat (`/guide/chat`) and `/api/guide`.
//! Nothing is stored: answers travel in the form, free text only in POST bodies,
//! and every answer is `no-store` and `noindex`.
//!
//! Free text always goes through [`crate::triage`]: the safety layer first, then the guide.
//! Each request walks the flow once for the page it shows.

use super::api::{bad_api_request, parse_lang};
use super::form::{field, form_pairs, Pairs};
use super::lang::PageLang;
use super::respond::{self, html, no_store};
use super::AppState;
use crate::content::model::Lang;
use crate::guide::{
    Answers, LocalizedQuestion, OutcomeView, QuestionView, Step, StepErrorKind, SummaryLine,
};
use crate::metrics::Observed;
use crate::search::SearchQuery;
use crate::site::Site;
use crate::triage::{self, Triage};
use crate::ui::guide::{not_sure_page, outcome_page, question_page, GuideState, ANSWER_PREFIX};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// More fields than any real path through the guide needs.
const MAX_FIELDS: usize = 100;
const MAX_TEXT_CHARS: usize = 2000;

fn pairs_of(raw: &[u8]) -> Result<Pairs, &'static str> {
    let text = std::str::from_utf8(raw).map_err(|_| "bad-encoding")?;
    let pairs = form_pairs(text)?;
    if pairs.len() > MAX_FIELDS {
        return Err("too-large");
    }
    Ok(pairs)
}

fn answers_of(pairs: &Pairs) -> Answers {
    let mut answers = Answers::new();
    for (key, value) in pairs {
        if let Some(q) = key.strip_prefix(ANSWER_PREFIX) {
            let value = value.trim();
            if !value.is_empty() {
                answers
                    .entry(q.to_string())
                    .or_default()
                    .push(value.to_string());
            }
        }
    }
    answers
}

fn error_id(kind: &StepErrorKind) -> &'static str {
    match kind {
        StepErrorKind::NoAnswer => "guide-error-no-answer",
        StepErrorKind::TooManyAnswers => "guide-error-too-many",
        StepErrorKind::UnknownOption(_) => "guide-error-unknown-option",
        StepErrorKind::ExclusiveCombined(_) => "guide-error-exclusive",
        StepErrorKind::BadAge(_) => "guide-error-age",
        StepErrorKind::NoRule => "guide-error-no-rule",
    }
}

/// `GET /guide`: the first question, or further on when a door on the home page answered it.
pub async fn start(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    RawQuery(q): RawQuery,
) -> Response {
    flow_page(
        &state.snapshot(),
        lang,
        form_pairs(q.as_deref().unwrap_or("")),
    )
}

/// `POST /guide`: the form of a question page.
pub async fn post(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    body: Bytes,
) -> Response {
    flow_page(&state.snapshot(), lang, pairs_of(&body))
}

fn flow_page(site: &Site, lang: Lang, pairs: Result<Pairs, &'static str>) -> Response {
    match pairs {
        Ok(pairs) => no_store(flow(site, lang, &pairs)),
        Err(id) => respond::bad_input(site, lang, id),
    }
}

/// The answers before `question_id` on the walked path, and their summary lines.
fn before(summary: Vec<SummaryLine>, question_id: &str) -> (Answers, Vec<SummaryLine>) {
    let kept: Vec<SummaryLine> = summary
        .into_iter()
        .take_while(|l| l.question_id != question_id)
        .collect();
    let answers = kept
        .iter()
        .map(|l| (l.question_id.clone(), l.answer_ids.clone()))
        .collect();
    (answers, kept)
}

/// One step of the question flow from the submitted form.
fn flow(site: &Site, lang: Lang, pairs: &Pairs) -> Response {
    let guide = &site.guide;
    let answers = answers_of(pairs);
    let (step, summary) = guide.page(&answers, lang.code());
    // "Ret" reopens a question with its old answer chosen; "Tilbage" reopens the last one.
    let reopen = field(pairs, "edit").map(str::to_string).or_else(|| {
        field(pairs, "back").and_then(|_| summary.last().map(|l| l.question_id.clone()))
    });
    // Ask `qid` again, with the answers before it kept (and maybe an error or its old answer).
    let ask_again = |qid: &str, error: Option<String>, preselect: Vec<String>| {
        let Some(question) = guide.question(qid) else {
            return respond::bad_request(site, lang, StatusCode::BAD_REQUEST, "guide-bad-question");
        };
        let (kept, summary) = before(summary.clone(), qid);
        show_question(
            site,
            lang,
            &question.view(),
            &kept,
            summary,
            error,
            preselect,
            None,
        )
    };
    if let Some(qid) = reopen {
        let preselect = answers.get(&qid).cloned().unwrap_or_default();
        return ask_again(&qid, None, preselect);
    }
    // Sent without choosing anything: ask the same question again, with an error.
    if let Some(current) = field(pairs, "current").filter(|c| !answers.contains_key(*c)) {
        let message = site.i18n.t(lang, "guide-error-no-answer");
        return ask_again(current, Some(message), Vec::new());
    }
    match step {
        Ok(Step::Question(q)) => {
            show_question(site, lang, &q, &answers, summary, None, Vec::new(), None)
        }
        Ok(Step::Outcome(o)) => show_outcome(site, lang, &o, &answers, summary, None),
        Err(e) => match guide.question(&e.question) {
            Some(q) => {
                let message = site.i18n.t(lang, error_id(&e.kind));
                let (kept, summary) = before(summary, &e.question);
                show_question(
                    site,
                    lang,
                    &q.view(),
                    &kept,
                    summary,
                    Some(message),
                    Vec::new(),
                    None,
                )
            }
            None => respond::bad_request(site, lang, StatusCode::BAD_REQUEST, "guide-bad-question"),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn show_question(
    site: &Site,
    lang: Lang,
    q: &QuestionView,
    answers: &Answers,
    summary: Vec<SummaryLine>,
    error: Option<String>,
    preselect: Vec<String>,
    note: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let state = GuideState {
        answers,
        summary,
        error,
        preselect,
        note,
    };
    html(status, question_page(&site.ctx(lang), q, &state))
}

fn show_outcome(
    site: &Site,
    lang: Lang,
    o: &OutcomeView,
    answers: &Answers,
    summary: Vec<SummaryLine>,
    t: Option<&Triage>,
) -> Response {
    let state = GuideState {
        answers,
        summary,
        error: None,
        preselect: Vec::new(),
        note: None,
    };
    let category = t.and_then(|t| t.category);
    let help = category.map(|c| site.safety.first_help(c, lang.code()));
    // For the metrics: which outcome and which acute category, never the answers.
    let observed = Observed {
        search: None,
        outcome: Some(o.id.clone()),
        acute: category.map(|c| c.id.clone()),
    };
    observed.on(html(
        StatusCode::OK,
        outcome_page(&site.ctx(lang), &site.content, o, &state, help.as_ref()),
    ))
}

pub async fn chat(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    body: Bytes,
) -> Response {
    chat_page(&state.snapshot(), lang, &body)
}

/// The free text as the interpreter gets it: no control characters, bounded length.
fn clean_text(raw: &str) -> Result<String, &'static str> {
    let text: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.trim().to_string();
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err("guide-text-too-long");
    }
    Ok(text)
}

/// `POST /guide/chat`: a message in the person's own words.
fn chat_page(site: &Site, lang: Lang, body: &[u8]) -> Response {
    let text = match pairs_of(body).and_then(|p| clean_text(field(&p, "text").unwrap_or(""))) {
        Ok(t) => t,
        Err(id) => return respond::bad_input(site, lang, id),
    };
    if text.is_empty() {
        let first = site
            .guide
            .question(site.guide.first_question_id())
            .map(|q| q.view());
        let note = Some(site.i18n.t(lang, "guide-chat-empty"));
        return no_store(match first {
            Some(q) => show_question(
                site,
                lang,
                &q,
                &Answers::new(),
                Vec::new(),
                None,
                Vec::new(),
                note,
            ),
            None => respond::not_found(site, lang, &Default::default()),
        });
    }
    let t = triage::triage(site, &text);
    let reply = &t.reply;
    no_store(match (&reply.outcome, &reply.question) {
        // Acute: the first help and the outcome, before any further question.
        (Some(o), _) if reply.acute => {
            let summary = site.guide.summary(&reply.answers, lang.code());
            show_outcome(site, lang, o, &reply.answers, summary, Some(&t))
        }
        (_, Some(q)) if !reply.understood => html(
            StatusCode::OK,
            not_sure_page(&site.ctx(lang), &site.guide, q, &reply.answers),
        ),
        (_, Some(q)) => {
            let note = Some(site.i18n.t(lang, "guide-chat-one-more"));
            let summary = site.guide.summary(&reply.answers, lang.code());
            show_question(
                site,
                lang,
                q,
                &reply.answers,
                summary,
                None,
                Vec::new(),
                note,
            )
        }
        (Some(o), None) => {
            let summary = site.guide.summary(&reply.answers, lang.code());
            show_outcome(site, lang, o, &reply.answers, summary, Some(&t))
        }
        (None, None) => respond::not_found(site, lang, &Default::default()),
    })
}

pub async fn api_get(State(state): State<AppState>, RawQuery(q): RawQuery) -> Response {
    api(&state.snapshot(), form_pairs(q.as_deref().unwrap_or("")))
}

pub async fn api_post(State(state): State<AppState>, body: Bytes) -> Response {
    api(&state.snapshot(), pairs_of(&body))
}

/// The reply of `/api/guide`.
#[derive(Debug, Serialize)]
pub struct GuideReply {
    /// Acute danger: show the acute help first.
    pub acute: bool,
    /// Which danger (`selvmord`, `vold-mod-barn`, …), when the safety layer found one.
    pub acute_category: Option<String>,
    /// Whether the guide could tell what the message is about.
    pub understood: bool,
    /// Best first: the guide's best page, then search hits for the message (not when acute);
    /// `question` says what to ask when the guide is not sure.
    pub recommendations: Vec<GuideRecommendation>,
    /// The one question to ask next, if any.
    pub question: Option<LocalizedQuestion>,
    pub next_steps: Option<String>,
}

/// The guide's best page first, then the search hits for the message, then the guide's
/// other pages, each page once. The guide's rules know a few ways of
/// saying each thing; the search index knows every page's words. On a blind set of 150
/// everyday questions (`tests/data/route-1.tsv`) a right page came into the top three for
/// 116 instead of 66 (the guide alone asked a question and recommended nothing for 56 of
/// them); the guide's own cases stayed right. Only for a message that is not acute.
fn with_search_hits(
    guide: Vec<GuideRecommendation>,
    hits: impl Iterator<Item = GuideRecommendation>,
) -> Vec<GuideRecommendation> {
    let mut guide = guide.into_iter();
    let first = guide.next();
    let mut out: Vec<GuideRecommendation> = Vec::new();
    for r in first.into_iter().chain(hits).chain(guide) {
        if !out.iter().any(|o| o.slug == r.slug) {
            out.push(r);
        }
    }
    out
}

#[derive(Debug, Serialize)]
pub struct GuideRecommendation {
    pub slug: String,
    pub kind: Option<&'static str>,
    pub title: Option<String>,
    pub url: String,
    pub reason: String,
}

/// `/api/guide?q=TEXT&lang=<code>`: acute flag and category, recommendations best first,
/// and the one question to ask.
fn api(site: &Site, pairs: Result<Pairs, &'static str>) -> Response {
    let pairs = match pairs {
        Ok(p) => p,
        Err(id) => return no_store(bad_api_request(site, id)),
    };
    let lang = match parse_lang(site, field(&pairs, "lang")) {
        Ok(l) => l,
        Err(r) => return no_store(r),
    };
    let raw = field(&pairs, "q")
        .or_else(|| field(&pairs, "text"))
        .unwrap_or("");
    let text = match clean_text(raw) {
        Ok(t) => t,
        Err(id) => return no_store(bad_api_request(site, id)),
    };
    let t = triage::triage(site, &text);
    let observed = Observed {
        search: None,
        outcome: t.reply.outcome.as_ref().map(|o| o.id.clone()),
        acute: t.category.map(|c| c.id.clone()),
    };
    observed.on(no_store(Json(guide_reply(site, lang, &t)).into_response()))
}

/// Search hits for the message asked for when it is not acute ([`with_search_hits`]).
const SEARCH_HITS: usize = 3;

/// The `/api/guide` reply for a triaged message (also what `findhjaelp guide test` scores).
pub fn guide_reply(site: &Site, lang: Lang, t: &Triage) -> GuideReply {
    let code = lang.code();
    let reply = &t.reply;
    let recommendation = |slug: &str, reason: String| {
        let item = site.content.get(lang, slug);
        GuideRecommendation {
            slug: slug.to_string(),
            kind: item.map(|i| i.kind.id()),
            title: item.map(|i| i.title.clone()),
            url: crate::paths::item(lang, slug),
            reason,
        }
    };
    let mut recommendations: Vec<GuideRecommendation> = reply
        .outcome
        .iter()
        .flat_map(|o| o.recommendations.iter())
        .map(|r| recommendation(&r.slug, r.reason.get(code).to_string()))
        .collect();
    if !reply.acute {
        let found = site.search.search(&SearchQuery {
            text: t.text.clone(),
            lang,
            kind: None,
            audience: None,
            age: None,
            without_parents: false,
            limit: SEARCH_HITS,
            // The guide shows titles and its own reason, never a snippet.
            without_snippets: true,
        });
        let reason = site.i18n.t(lang, "guide-found-by-search");
        let hits = found
            .hits
            .iter()
            .map(|h| recommendation(&h.slug, reason.clone()));
        recommendations = with_search_hits(recommendations, hits);
    }
    let question = reply
        .question
        .as_ref()
        .map(|q| q.localized(code))
        .or_else(|| {
            reply
                .outcome
                .is_none()
                .then(|| site.guide.question(site.guide.first_question_id()))
                .flatten()
                .map(|q| q.view().localized(code))
        });
    GuideReply {
        acute: reply.acute,
        acute_category: t.category.map(|c| c.id.clone()),
        understood: reply.understood,
        recommendations,
        question,
        next_steps: reply
            .outcome
            .as_ref()
            .map(|o| o.next_steps.get(code).to_string()),
    }
}
