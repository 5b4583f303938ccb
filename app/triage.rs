//! Free text in, an answer out: every message passes the safety layer first, then the
//! guide routes it. The chat page, `/api/guide` and the staff tools all answer through
//! here, so they cannot disagree.

use crate::analysis::Message;
use crate::guide::{Acute, ChatReply};
use crate::safety::{Category, Screening};
use crate::site::Site;

/// What the site makes of one message.
pub struct Triage<'s> {
    pub message: Message,
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
    let s = site.safety.screen(&read(site, text));
    s.category.and_then(|c| site.safety.categories().get(c))
}

/// Screens and routes `text`.
pub fn triage<'s>(site: &'s Site, text: &str) -> Triage<'s> {
    let message = read(site, text);
    let screening = site.safety.screen(&message);
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
        message,
        screening,
        category,
        reply,
    }
}
