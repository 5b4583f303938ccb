//! The default content, translations and style are embedded in the binary (include_dir).
//! Cargo does not see those folders as inputs by itself, so a new or changed file would
//! not rebuild the binary; this tells it to.

fn main() {
    for dir in ["content", "i18n", "style"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
