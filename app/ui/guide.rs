//! Guide pages: one question per page, the outcome, and the chat's answer.
//! Plain HTML forms sent with POST; the answers so far travel in hidden fields,
//! so nothing is stored on the server and nothing lands in a URL.

use super::components::{answer_text, contact_box, doors, first_help, kind_name};
use super::layout::{page, PageMeta};
use super::pages::chat_form;
use super::Ctx;
use crate::content::model::Item;
use crate::content::Content;
use crate::guide::{Answers, Guide, OutcomeView, QuestionKind, QuestionView, SummaryLine};
use crate::safety::FirstHelp;
use leptos::prelude::*;

/// Form field names: `a.<question id>` holds that question's answers.
pub const ANSWER_PREFIX: &str = "a.";

/// What the page shows around the question or outcome.
pub struct GuideState<'a> {
    pub answers: &'a Answers,
    pub summary: Vec<SummaryLine>,
    /// Error message for the current question, shown in the error summary and at the field.
    pub error: Option<String>,
    /// Answers to show as already chosen (when changing an answer).
    pub preselect: Vec<String>,
    /// A note from the chat, e.g. what it understood.
    pub note: Option<String>,
}

fn meta(ctx: &Ctx<'_>, title: String) -> PageMeta {
    let mut m = PageMeta::new(ctx, title, ctx.t("guide-description"), crate::paths::guide);
    m.noindex = true;
    m.breadcrumbs.push((ctx.t("guide-title"), None));
    m
}

fn hidden_answers(answers: &Answers, skip: Option<&str>) -> impl IntoView + use<> {
    answers
        .iter()
        .filter(|(q, _)| Some(q.as_str()) != skip)
        .flat_map(|(q, values)| {
            values
                .iter()
                .map(move |v| (format!("{ANSWER_PREFIX}{q}"), v.clone()))
        })
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view()
}

/// One question on its own page.
pub fn question_page(ctx: &Ctx<'_>, q: &QuestionView, state: &GuideState<'_>) -> String {
    let lang = ctx.lang.code();
    let text = q.text.get(lang).to_string();
    let title = match &state.error {
        Some(_) => format!("{} {text}", ctx.t("guide-error-prefix")),
        None => text.clone(),
    };
    let field_id = format!("field-{}", q.id);
    let error_summary = state.error.clone().map(|message| {
        let href = format!("#{field_id}");
        view! {
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{ctx.t("guide-error-title")}</h2>
                <ul><li><a href=href>{message}</a></li></ul>
            </div>
        }
    });
    let hint_id = format!("{field_id}-hint");
    let error_id = format!("{field_id}-error");
    let help = q
        .help
        .as_ref()
        .map(|h| view! { <p class="hint" id=hint_id.clone()>{h.get(lang).to_string()}</p> });
    let field_error = state
        .error
        .clone()
        .map(|m| view! { <p class="error-message" id=error_id.clone()>{m}</p> });
    let described = [
        q.help.as_ref().map(|_| hint_id.clone()),
        state.error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let name = format!("{ANSWER_PREFIX}{}", q.id);
    // The age input carries the hint itself; on the fieldset it would be read twice.
    let fieldset_described = (q.kind != QuestionKind::Age)
        .then(|| described.clone())
        .flatten();
    let inputs = match q.kind {
        QuestionKind::Age => {
            let value = state.preselect.first().cloned().unwrap_or_default();
            view! {
                <label class="age-label" for=field_id.clone()>{ctx.t("guide-age-label")}</label>
                <input class="age-input" type="number" inputmode="numeric" id=field_id.clone() name=name.clone()
                    min=q.min_age.to_string() max=q.max_age.to_string() value=value aria-describedby=described.clone()/>
            }
            .into_any()
        }
        _ => choice_inputs(lang, q, &field_id, &state.preselect).into_any(),
    };
    let note = state
        .note
        .clone()
        .map(|n| view! { <p class="notice">{n}</p> });
    let has_previous = !state.summary.is_empty();
    let back = has_previous.then(|| {
        view! { <button type="submit" class="button-secondary" name="back" value="1">{ctx.t("guide-back")}</button> }
    });
    page(ctx, &meta(ctx, title), || {
        view! {
            {error_summary}
            {note}
            <form class="guide-form" method="post" action=ctx.guide_path() novalidate>
                {hidden_answers(state.answers, Some(&q.id))}
                <input type="hidden" name="current" value=q.id.clone()/>
                <fieldset aria-describedby=fieldset_described>
                    <legend><h1>{text.clone()}</h1></legend>
                    {help}
                    {field_error}
                    <div class="choices">{inputs}</div>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button">{ctx.t("guide-next")}</button>
                    {back}
                </div>
                {summary_list(ctx, &state.summary)}
            </form>
            <p><a href=ctx.guide_path()>{ctx.t("guide-restart")}</a></p>
        }
    })
}

/// The radio buttons or checkboxes of a choice question. The first input has the id
/// `field_id`, so an error summary can link to it.
fn choice_inputs(
    lang: &str,
    q: &QuestionView,
    field_id: &str,
    preselect: &[String],
) -> impl IntoView + use<> {
    let input_type = if q.kind == QuestionKind::Multiple {
        "checkbox"
    } else {
        "radio"
    };
    let name = format!("{ANSWER_PREFIX}{}", q.id);
    q.options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let id = if i == 0 { field_id.to_string() } else { format!("{field_id}-{}", o.id) };
            let checked = preselect.contains(&o.id);
            view! {
                <div class="choice">
                    <input type=input_type id=id.clone() name=name.clone() value=o.id.clone() checked=checked/>
                    <label for=id>{o.text.get(lang).to_string()}</label>
                </div>
            }
        })
        .collect_view()
}

/// "Dine svar": each answer with a "Ret" button that reopens that question.
fn summary_list(ctx: &Ctx<'_>, summary: &[SummaryLine]) -> impl IntoView + use<> {
    (!summary.is_empty()).then(|| {
        let rows = summary
            .iter()
            .map(|line| {
                let label = ctx.t_args("guide-change-label", &[("question", line.question.clone().into())]);
                view! {
                    <div class="summary-row">
                        <dt>{line.question.clone()}</dt>
                        <dd>{line.answer.clone()}</dd>
                        <dd class="summary-action">
                            <button type="submit" class="link-button" name="edit" value=line.question_id.clone() aria-label=label>
                                {ctx.t("guide-change")}
                            </button>
                        </dd>
                    </div>
                }
            })
            .collect_view();
        view! {
            <section class="your-answers" aria-labelledby="your-answers-heading">
                <h2 id="your-answers-heading">{ctx.t("guide-your-answers")}</h2>
                <dl class="summary-list">{rows}</dl>
            </section>
        }
    })
}

/// Where to go: the entry point with its contact box first, then the other options.
pub fn outcome_page(
    ctx: &Ctx<'_>,
    content: &Content,
    outcome: &OutcomeView,
    state: &GuideState<'_>,
    help: Option<&FirstHelp>,
) -> String {
    let lang = ctx.lang.code();
    let entry = content.get(ctx.lang, &outcome.entry);
    let title = if outcome.acute {
        ctx.t("guide-outcome-acute-title")
    } else {
        ctx.t("guide-outcome-title")
    };
    // The first help for the danger the safety layer found comes before everything else;
    // an acute outcome reached by the questions shows the general acute help.
    let acute = match help {
        Some(h) => Some(first_help(ctx, h).into_any()),
        None => outcome.acute.then(|| acute_box(ctx, content).into_any()),
    };
    let entry_box = entry
        .filter(|_| !outcome.acute || outcome.entry != "akut-hjaelp")
        .map(|item| {
            view! {
                <section class="outcome-entry" aria-labelledby="entry-title">
                    <p class="card-kind">{ctx.t("guide-entry-label")}</p>
                    <h2 id="entry-title"><a href=item.url()>{item.title.clone()}</a></h2>
                    <p>{item.summary.clone()}</p>
                    {contact_box(ctx, item)}
                </section>
            }
        });
    let next_steps = outcome.next_steps.get(lang).to_string();
    let others: Vec<(&Item, String)> = outcome
        .recommendations
        .iter()
        .filter(|r| r.slug != outcome.entry)
        .filter_map(|r| {
            content
                .get(ctx.lang, &r.slug)
                .map(|i| (i, r.reason.get(lang).to_string()))
        })
        .collect();
    let others = (!others.is_empty()).then(|| {
        let cards = others
            .into_iter()
            .map(|(item, reason)| recommendation_card(ctx, item, reason))
            .collect_view();
        view! {
            <section aria-labelledby="more-heading">
                <h2 id="more-heading">{ctx.t("guide-more-help")}</h2>
                <ul class="cards">{cards}</ul>
            </section>
        }
    });
    page(ctx, &meta(ctx, title.clone()), || {
        view! {
            <h1>{title.clone()}</h1>
            {acute}
            <p class="lead">{outcome.reason.get(lang).to_string()}</p>
            {entry_box}
            <section class="next-steps" aria-labelledby="next-heading">
                <h2 id="next-heading">{ctx.t("guide-next-steps")}</h2>
                <p>{next_steps}</p>
            </section>
            {others}
            <form class="guide-form" method="post" action=ctx.guide_path()>
                {hidden_answers(state.answers, None)}
                {summary_list(ctx, &state.summary)}
            </form>
            <p><a class="button-secondary" href=ctx.guide_path()>{ctx.t("guide-restart")}</a></p>
        }
    })
}

fn recommendation_card(ctx: &Ctx<'_>, item: &Item, reason: String) -> impl IntoView + use<> {
    // The item's own facts, so the guide never says more about anonymity than the item does.
    let anonymous = item.facts.as_ref().and_then(|f| f.anonymous).map(|a| {
        let text = format!("{}: {}", ctx.t("fact-anonymous"), answer_text(ctx, a));
        view! { <li>{text}</li> }
    });
    view! {
        <li class="card">
            <p class="card-kind">{kind_name(ctx, item.kind)}</p>
            <h3><a href=item.url()>{item.title.clone()}</a></h3>
            <p>{reason}</p>
            <ul class="card-facts">{anonymous}</ul>
        </li>
    }
}

/// The numbers to call now, from the acute-help item's own contact box and summary.
fn acute_box(ctx: &Ctx<'_>, content: &Content) -> impl IntoView + use<> {
    let item = content.get(ctx.lang, "akut-hjaelp");
    let summary = item.map(|i| i.summary.clone()).unwrap_or_default();
    let link = item
        .map(|i| i.url())
        .unwrap_or_else(|| ctx.path(crate::paths::ACUTE_HELP));
    view! {
        <section class="acute-banner" aria-labelledby="acute-now">
            <h2 id="acute-now">{ctx.t("acute-heading")}</h2>
            <p>{ctx.t("acute-text")}</p>
            <p>{summary}</p>
            <p><a class="button button-acute" href=link>{ctx.t("acute-link")}</a></p>
        </section>
    }
}

/// The chat is not sure what the message is about: say so, ask the one question that
/// helps most (who is writing, or what it is about) as buttons that go on in the guide,
/// and show the doors. Never a guess.
pub fn not_sure_page(
    ctx: &Ctx<'_>,
    guide: &Guide,
    question: &QuestionView,
    answers: &Answers,
) -> String {
    let lang = ctx.lang.code();
    let name = format!("{ANSWER_PREFIX}{}", question.id);
    let buttons = question
        .options
        .iter()
        .map(|o| {
            view! {
                <li><button type="submit" class="choice-button" name=name.clone() value=o.id.clone()>
                    {o.text.get(lang).to_string()}
                </button></li>
            }
        })
        .collect_view();
    page(ctx, &meta(ctx, ctx.t("guide-not-sure-title")), || {
        view! {
            <h1>{ctx.t("guide-not-sure-title")}</h1>
            <p class="lead">{ctx.t("guide-not-sure-lead")}</p>
            <form class="guide-form" method="post" action=ctx.guide_path()>
                {hidden_answers(answers, Some(&question.id))}
                <fieldset>
                    <legend><h2>{question.text.get(lang).to_string()}</h2></legend>
                    <ul class="choice-buttons">{buttons}</ul>
                </fieldset>
            </form>
            <section aria-labelledby="not-sure-doors">
                <h2 id="not-sure-doors">{ctx.t("guide-not-sure-doors")}</h2>
                {doors(ctx, guide)}
            </section>
            <h2>{ctx.t("guide-not-sure-again")}</h2>
            {chat_form(ctx, "ns-chat")}
        }
    })
}
