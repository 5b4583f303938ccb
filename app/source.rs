//! The files of a content folder, read into memory, whether they come from disk or
//! from the copy embedded in the binary. Everything downstream works on these.

use std::path::Path;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder with `/` separators, e.g. `tilbud/ssp.da.md`.
    pub path: String,
    pub text: String,
}

/// The default content, translations and style, built into the binary.
pub static EMBEDDED_CONTENT: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/content");

/// Every file of the embedded default content.
pub fn embedded_files() -> Vec<SourceFile> {
    let mut out = Vec::new();
    collect_embedded(&EMBEDDED_CONTENT, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect_embedded(dir: &include_dir::Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            out.push(SourceFile {
                path: slashed(file.path()),
                text: text.to_string(),
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every text file below `root`, read from disk. A file that is not valid UTF-8
/// is returned as an error naming it, so the checker can report it.
pub fn read_folder(root: &Path) -> std::io::Result<(Vec<SourceFile>, Vec<(String, String)>)> {
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    walk(root, root, &mut files, &mut unreadable)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, unreadable))
}

fn walk(
    root: &Path,
    dir: &Path,
    files: &mut Vec<SourceFile>,
    unreadable: &mut Vec<(String, String)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        // Editors leave hidden and backup files next to the real ones.
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let rel = slashed(path.strip_prefix(root).unwrap_or(&path));
        if entry.file_type()?.is_dir() {
            walk(root, &path, files, unreadable)?;
        } else {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push(SourceFile { path: rel, text }),
                    Err(_) => unreadable.push((rel, "filen er ikke gemt som UTF-8 tekst".into())),
                },
                Err(e) => unreadable.push((rel, format!("filen kan ikke læses: {e}"))),
            }
        }
    }
    Ok(())
}

fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
