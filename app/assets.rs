//! Static assets (style and the small enhancement script), built into the binary
//! and served under content-hashed names so browsers may cache them for a year.

use crate::content::site_config::SiteConfig;
use sha2::{Digest, Sha256};

pub struct Asset {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Content-hashed URLs of the static assets, so they can be cached for a year.
#[derive(Debug, Clone, Default)]
pub struct AssetUrls {
    pub css: String,
    pub site_css: String,
    pub js: String,
    pub icon: String,
}

pub struct Assets {
    pub files: Vec<Asset>,
    pub urls: AssetUrls,
}

const MAIN_CSS: &str = include_str!("../style/main.css");
const APP_JS: &str = include_str!("../style/app.js");
const FAVICON: &str = include_str!("../style/favicon.svg");

impl Assets {
    pub fn build(site: &SiteConfig) -> Assets {
        // The municipality's colours, as CSS custom properties the main style uses.
        let site_css = format!(
            ":root {{ --primary: {}; --acute: {}; }}\n",
            site.colors.primary, site.colors.acute
        );
        let files = vec![
            hashed(
                "main",
                "css",
                "text/css; charset=utf-8",
                MAIN_CSS.as_bytes().to_vec(),
            ),
            hashed(
                "site",
                "css",
                "text/css; charset=utf-8",
                site_css.into_bytes(),
            ),
            hashed(
                "app",
                "js",
                "text/javascript; charset=utf-8",
                APP_JS.as_bytes().to_vec(),
            ),
            // The icon takes the municipality's colour too.
            hashed(
                "favicon",
                "svg",
                "image/svg+xml",
                FAVICON
                    .replace("#00505f", &site.colors.primary)
                    .into_bytes(),
            ),
        ];
        let url = |i: usize| format!("/static/{}", files[i].name);
        let urls = AssetUrls {
            css: url(0),
            site_css: url(1),
            js: url(2),
            icon: url(3),
        };
        Assets { files, urls }
    }

    pub fn get(&self, name: &str) -> Option<&Asset> {
        self.files.iter().find(|a| a.name == name)
    }
}

fn hashed(stem: &str, ext: &str, content_type: &'static str, bytes: Vec<u8>) -> Asset {
    let digest = Sha256::digest(&bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    Asset {
        name: format!("{stem}.{hash}.{ext}"),
        content_type,
        bytes,
    }
}
