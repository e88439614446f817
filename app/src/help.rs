//! 帮助中心: the FAQs and the guides per flow, and how they are searched. The articles are data
//! (`public/help/help.json`, both languages side by side), not code: the build names the file by
//! its content, the service worker precaches it, and the help screen fetches it, so it reads
//! offline and a wording change is not a release of the wasm.

use serde::Deserialize;

use crate::i18n::Lang;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Help {
    pub version: String,
    pub articles: Vec<Article>,
}

/// A question answered, or the steps of one flow.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Article {
    /// Stable: the anchor `/help#<id>` opens it.
    pub id: String,
    pub kind: Kind,
    /// The screen it is about (an app path).
    pub link: String,
    /// Words people search with that the text may not use (both languages).
    #[serde(default)]
    pub keywords: Vec<String>,
    pub zh: Words,
    pub en: Words,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 常见问题
    Faq,
    /// 操作指南
    Guide,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Words {
    pub title: String,
    /// Paragraphs (or numbered steps), one per line.
    pub body: String,
}

impl Article {
    pub fn words(&self, lang: Lang) -> &Words {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The articles that answer `query`, the best first; every article, in the file's order, for
/// an empty query. Both languages are searched whatever the interface's language (a Chinese
/// word typed in the English interface still finds its article). Each term of the query must
/// match: as a whole (a title counts most, then a keyword, then the body), or, for Chinese,
/// by at least half of its two-character pieces, since Chinese is typed without spaces and a
/// question seldom repeats the article's words exactly (审核要多久 → 审核, 多久).
pub fn search<'a>(articles: &'a [Article], query: &str) -> Vec<&'a Article> {
    // ASCII case only: Chinese has none, and Unicode's case tables would cost the phone's
    // download more than all of this module.
    let terms: Vec<String> = query
        .split(|c: char| c.is_ascii_whitespace() || " ,.?!;:，。？！；：、".contains(c))
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if terms.is_empty() {
        return articles.iter().collect();
    }
    // Few articles: each goes in after those scoring as well (so ties keep the file's order);
    // no sort to instantiate for the phone's download.
    let mut found: Vec<(u32, &Article)> = Vec::new();
    'articles: for a in articles {
        let fields = fields(a);
        let mut total = 0;
        for term in &terms {
            let score: u32 = fields.iter().map(|(text, weight)| weight * term_score(text, term)).sum();
            if score == 0 {
                continue 'articles;
            }
            total += score;
        }
        let at = found.iter().position(|(s, _)| *s < total).unwrap_or(found.len());
        found.insert(at, (total, a));
    }
    found.into_iter().map(|(_, a)| a).collect()
}

/// The searched text with its weight: titles 3, keywords 2, bodies 1.
fn fields(a: &Article) -> Vec<(String, u32)> {
    vec![
        (a.zh.title.to_ascii_lowercase(), 3),
        (a.en.title.to_ascii_lowercase(), 3),
        (a.keywords.join(" ").to_ascii_lowercase(), 2),
        (a.zh.body.to_ascii_lowercase(), 1),
        (a.en.body.to_ascii_lowercase(), 1),
    ]
}

/// 4 for the whole term; for a Chinese term not found whole, one per two-character piece found
/// when at least half are; else 0.
fn term_score(text: &str, term: &str) -> u32 {
    if text.contains(term) {
        return 4;
    }
    let chars: Vec<char> = term.chars().collect();
    if chars.len() < 3 || !chars.iter().any(|c| is_cjk(*c)) {
        return 0;
    }
    let pieces: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    let found = pieces.iter().filter(|p| text.contains(p.as_str())).count();
    if found * 2 >= pieces.len() { found as u32 } else { 0 }
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::routes::Route;

    fn shipped() -> Help {
        serde_json::from_str(include_str!("../../public/help/help.json")).expect("the help file parses")
    }

    fn ids(found: Vec<&Article>) -> Vec<&str> {
        found.into_iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn every_article_is_whole_and_links_to_a_screen() {
        let help = shipped();
        let mut seen = std::collections::BTreeSet::new();
        for a in &help.articles {
            assert!(seen.insert(a.id.clone()), "{} twice", a.id);
            for w in [&a.zh, &a.en] {
                assert!(!w.title.trim().is_empty() && !w.body.trim().is_empty(), "{} lacks a language", a.id);
            }
            assert_ne!(Route::parse(&a.link), Route::NotFound, "{} links to {}, which is no screen", a.id, a.link);
        }
        assert!(help.articles.iter().filter(|a| a.kind == Kind::Faq).count() >= 5);
        assert!(help.articles.iter().filter(|a| a.kind == Kind::Guide).count() >= 5);
    }

    #[test]
    fn search_finds_by_words_pieces_and_either_language() {
        let help = shipped();
        let all = &help.articles;
        assert_eq!(search(all, "  ").len(), all.len(), "an empty query lists everything");
        // A question typed as people ask it, not as the article words it.
        assert_eq!(ids(search(all, "单位审核要多久"))[0], "faq-unit-review");
        assert_eq!(ids(search(all, "身份证 不一致"))[0], "faq-id-mismatch");
        assert_eq!(ids(search(all, "没有信号"))[0], "faq-offline");
        assert_eq!(ids(search(all, "Forgot PASSWORD"))[0], "faq-password");
        assert_eq!(ids(search(all, "打印证明"))[0], "guide-records");
        // Every term must match: a second word no article holds leaves nothing.
        assert!(search(all, "密码 xyzzy").is_empty());
        assert!(search(all, "火星").is_empty());
    }

    #[test]
    fn titles_outrank_bodies() {
        let help = shipped();
        let found = ids(search(&help.articles, "减员"));
        assert_eq!(found[0], "guide-separation", "{found:?}");
    }
}
