//! Free text in, an answer out: every message passes the safety layer first, then the
//! guide routes it. The chat page, `/api/guide` and the staff tools all answer through
//! here, so they cannot disagree.

use crate::analysis::Message;
use crate::guide::{Acute, ChatReply};
use crate::safety::{Category, Screening};
use crate::site::Site;

/// What the site makes of one message.
pub struct Triage<'s> {
    /// The message as written (the guide searches the site for its words).
    pub text: String,
    pub message: Message,
    /// With evidence only from [`explained`].
    pub screening: Screening,
    /// The acute category, when the safety layer found one.
    pub category: Option<&'s Category>,
    pub reply: ChatReply,
}

/// Reads a message the way the guide and the safety layer do (chat spellings written out).
pub fn read(site: &Site, text: &str) -> Message {
    Message::read(text, &site.spelling)
}

/// Screens `text` for acute danger only (the search box).
pub fn screen<'s>(site: &'s Site, text: &str) -> Option<&'s Category> {
    let c = site.safety.verdict(&read(site, text));
    c.and_then(|c| site.safety.categories().get(c))
}

/// Screens and routes `text`.
pub fn triage<'s>(site: &'s Site, text: &str) -> Triage<'s> {
    triage_with(site, text, false)
}

/// [`triage`], keeping the safety layer's evidence (`findhjaelp guide explain`).
pub fn explained<'s>(site: &'s Site, text: &str) -> Triage<'s> {
    triage_with(site, text, true)
}

fn triage_with<'s>(site: &'s Site, text: &str, why: bool) -> Triage<'s> {
    let message = read(site, text);
    let screening = match why {
        true => site.safety.screen(&message),
        false => Screening {
            category: site.safety.verdict(&message),
            ..Screening::default()
        },
    };
    let category = screening
        .category
        .and_then(|c| site.safety.categories().get(c));
    let acute = category.map(|c| Acute {
        category: &c.id,
        related: &c.related,
        answers: &c.guide,
    });
    let reply = site.guide.interpret(&message, acute);
    Triage {
        text: text.to_string(),
        message,
        screening,
        category,
        reply,
    }
}
