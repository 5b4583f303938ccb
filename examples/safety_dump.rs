// Temporary analysis tool (not committed).
use findhjaelp::i18n::I18n;
use findhjaelp::reload::ContentSource;
use findhjaelp::safety::Evidence;
use std::sync::Arc;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let site = ContentSource::Folder(
        std::env::var("FH_CONTENT")
            .unwrap_or("content".into())
            .into(),
    )
    .build(Arc::new(I18n::embedded().unwrap()))
    .unwrap();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let msg = findhjaelp::triage::read(&site, c[1]);
        let s = site.safety.screen(&msg);
        let rule = s.evidence.iter().any(|e| matches!(e, Evidence::Rule{negated:false, cancelled:None, what, ..} if *what != "tegn"));
        let sign = s.evidence.iter().any(|e| matches!(e, Evidence::Rule{negated:false, cancelled:None, what, ..} if *what == "tegn"));
        let p = s
            .evidence
            .iter()
            .find_map(|e| {
                if let Evidence::Likeness { probability, .. } = e {
                    Some(*probability)
                } else {
                    None
                }
            })
            .unwrap_or(-1.0);
        println!(
            "{}\t{}\t{}\t{}\t{:.2}\t{}",
            c.get(3).unwrap_or(&""),
            s.category.is_some(),
            rule,
            sign,
            p,
            c[1]
        );
    }
}
