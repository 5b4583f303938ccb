//! Guide handlers: the question pages (`/guide`), the chat (`/guide/chat`) and `/api/guide`.
//! Nothing is stored: answers travel in the form, free text only in POST bodies,
//! and every answer is `no-store` and `noindex`.

use super::api::parse_lang;
use super::pages::form_pairs;
use super::respond::{self, html, json_error, no_store};
use super::{AppState, RouteLang};
use crate::content::model::{item_url, Lang};
use crate::guide::{Answers, ChatReply, Step, StepErrorKind};
use crate::search::SearchQuery;
use crate::site::Site;
use crate::ui::guide::{
    not_understood_page, outcome_page, question_page, GuideState, ANSWER_PREFIX,
};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// More fields than any real path through the guide needs.
const MAX_FIELDS: usize = 100;
const MAX_TEXT_CHARS: usize = 2000;

type Pairs = Vec<(String, String)>;

fn pairs_of(raw: &[u8]) -> Result<Pairs, &'static str> {
    let text = std::str::from_utf8(raw).map_err(|_| "bad-encoding")?;
    let pairs = form_pairs(text)?;
    if pairs.len() > MAX_FIELDS {
        return Err("too-large");
    }
    Ok(pairs)
}

fn field<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
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
pub async fn start<L: RouteLang>(State(state): State<AppState>, RawQuery(q): RawQuery) -> Response {
    flow_page(
        &state.snapshot(),
        L::LANG,
        form_pairs(q.as_deref().unwrap_or("")),
    )
}

/// `POST /guide`: the form of a question page.
pub async fn post<L: RouteLang>(State(state): State<AppState>, body: Bytes) -> Response {
    flow_page(&state.snapshot(), L::LANG, pairs_of(&body))
}

fn flow_page(site: &Site, lang: Lang, pairs: Result<Pairs, &'static str>) -> Response {
    match pairs {
        Ok(pairs) => no_store(flow(site, lang, &pairs)),
        Err(id) => respond::bad_input(site, lang, id),
    }
}

/// One step of the question flow from the submitted form.
fn flow(site: &Site, lang: Lang, pairs: &Pairs) -> Response {
    let guide = &site.guide;
    let answers = answers_of(pairs);
    // "Ret" reopens a question with its old answer chosen; "Tilbage" reopens the last one.
    let reopen = field(pairs, "edit").map(str::to_string).or_else(|| {
        field(pairs, "back").and_then(|_| {
            guide
                .summary(&answers, lang.code())
                .last()
                .map(|l| l.question_id.clone())
        })
    });
    if let Some(qid) = reopen {
        let Some(question) = guide.question(&qid) else {
            return respond::bad_request(site, lang, StatusCode::BAD_REQUEST, "guide-bad-question");
        };
        let kept = guide.answers_before(&answers, &qid);
        let preselect = answers.get(&qid).cloned().unwrap_or_default();
        return show_question(site, lang, &question.view(), &kept, None, preselect, None);
    }
    // Sent without choosing anything: ask the same question again, with an error.
    if let Some(current) = field(pairs, "current").filter(|c| !answers.contains_key(*c)) {
        let Some(question) = guide.question(current) else {
            return respond::bad_request(site, lang, StatusCode::BAD_REQUEST, "guide-bad-question");
        };
        let message = site.i18n.t(lang, "guide-error-no-answer");
        return show_question(
            site,
            lang,
            &question.view(),
            &answers,
            Some(message),
            Vec::new(),
            None,
        );
    }
    match guide.step(&answers) {
        Ok(Step::Question(q)) => show_question(site, lang, &q, &answers, None, Vec::new(), None),
        Ok(Step::Outcome(o)) => show_outcome(site, lang, &o, &answers),
        Err(e) => match guide.question(&e.question) {
            Some(q) => {
                let kept = guide.answers_before(&answers, &e.question);
                let message = site.i18n.t(lang, error_id(&e.kind));
                show_question(
                    site,
                    lang,
                    &q.view(),
                    &kept,
                    Some(message),
                    Vec::new(),
                    None,
                )
            }
            None => respond::bad_request(site, lang, StatusCode::BAD_REQUEST, "guide-bad-question"),
        },
    }
}

fn show_question(
    site: &Site,
    lang: Lang,
    q: &crate::guide::QuestionView,
    answers: &Answers,
    error: Option<String>,
    preselect: Vec<String>,
    note: Option<String>,
) -> Response {
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let summary = site.guide.summary(answers, lang.code());
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
    o: &crate::guide::OutcomeView,
    answers: &Answers,
) -> Response {
    let summary = site.guide.summary(answers, lang.code());
    let state = GuideState {
        answers,
        summary,
        error: None,
        preselect: Vec::new(),
        note: None,
    };
    html(
        StatusCode::OK,
        outcome_page(&site.ctx(lang), &site.content, o, &state),
    )
}

pub async fn chat<L: RouteLang>(State(state): State<AppState>, body: Bytes) -> Response {
    chat_page(&state.snapshot(), L::LANG, &body)
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
            Some(q) => show_question(site, lang, &q, &Answers::new(), None, Vec::new(), note),
            None => respond::not_found(site, lang, &Default::default()),
        });
    }
    let reply = site.guide.interpret(&text, lang.code());
    no_store(match (&reply.outcome, &reply.question) {
        (Some(o), _) if reply.acute => show_outcome(site, lang, o, &reply.answers),
        _ if !reply.understood => {
            let hits = search_items(site, lang, &text, 5);
            let items: Vec<_> = hits
                .iter()
                .filter_map(|s| site.content.get(lang, s))
                .collect();
            html(
                StatusCode::OK,
                not_understood_page(&site.ctx(lang), &site.guide, &items, &text),
            )
        }
        (_, Some(q)) => {
            let note = Some(site.i18n.t(lang, "guide-chat-one-more"));
            show_question(site, lang, q, &reply.answers, None, Vec::new(), note)
        }
        (Some(o), None) => show_outcome(site, lang, o, &reply.answers),
        (None, None) => respond::not_found(site, lang, &Default::default()),
    })
}

fn search_items(site: &Site, lang: Lang, text: &str, limit: usize) -> Vec<String> {
    let q = SearchQuery {
        text: text.to_string(),
        lang: lang.code().to_string(),
        limit,
        ..Default::default()
    };
    site.search
        .search(&q)
        .hits
        .into_iter()
        .map(|h| h.slug)
        .collect()
}

pub async fn api_get(State(state): State<AppState>, RawQuery(q): RawQuery) -> Response {
    api(&state.snapshot(), form_pairs(q.as_deref().unwrap_or("")))
}

pub async fn api_post(State(state): State<AppState>, body: Bytes) -> Response {
    api(&state.snapshot(), pairs_of(&body))
}

/// `/api/guide?q=TEXT&lang=da|en`: acute flag, recommendations best first, and the one question to ask.
fn api(site: &Site, pairs: Result<Pairs, &'static str>) -> Response {
    let pairs = match pairs {
        Ok(p) => p,
        Err(id) => {
            return no_store(json_error(
                StatusCode::BAD_REQUEST,
                &site.i18n.t(Lang::En, id),
            ))
        }
    };
    let lang = match parse_lang(field(&pairs, "lang")) {
        Ok(l) => l,
        Err(r) => return no_store(r),
    };
    let raw = field(&pairs, "q")
        .or_else(|| field(&pairs, "text"))
        .unwrap_or("");
    let text = match clean_text(raw) {
        Ok(t) => t,
        Err(id) => {
            return no_store(json_error(
                StatusCode::BAD_REQUEST,
                &site.i18n.t(Lang::En, id),
            ))
        }
    };
    let reply = site.guide.interpret(&text, lang.code());
    no_store(Json(api_answer(site, lang, &text, &reply)).into_response())
}

fn api_answer(site: &Site, lang: Lang, text: &str, reply: &ChatReply) -> serde_json::Value {
    let code = lang.code();
    let entry = |slug: &str, reason: String| {
        let item = site.content.get(lang, slug);
        serde_json::json!({
            "slug": slug,
            "kind": item.map(|i| i.kind.id()),
            "title": item.map(|i| i.title.as_str()),
            "url": item_url(lang, slug),
            "reason": reason,
        })
    };
    let mut recommendations: Vec<serde_json::Value> = reply
        .outcome
        .iter()
        .flat_map(|o| o.recommendations.iter())
        .map(|r| entry(&r.slug, r.reason.get(code).to_string()))
        .collect();
    if recommendations.is_empty() && !text.is_empty() {
        let reason = site.i18n.t(lang, "guide-search-reason");
        recommendations = search_items(site, lang, text, 3)
            .iter()
            .map(|s| entry(s, reason.clone()))
            .collect();
    }
    let question = reply
        .question
        .as_ref()
        .map(|q| q.localized(code))
        .or_else(|| {
            (reply.outcome.is_none())
                .then(|| {
                    site.guide
                        .question(site.guide.first_question_id())
                        .map(|q| q.view().localized(code))
                })
                .flatten()
        });
    serde_json::json!({
        "acute": reply.acute,
        "understood": reply.understood,
        "recommendations": recommendations,
        "question": question,
        "next_steps": reply.outcome.as_ref().map(|o| o.next_steps.get(code).to_string()),
    })
}
