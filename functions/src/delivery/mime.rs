//! One e-mail as the receiving end reads it: headers (sender name, `Date`,
//! `Message-ID`, encoded words where a header is not ASCII) and a
//! `multipart/alternative` body with the plain text and simple HTML, both UTF-8.
//! The SES transport sends this text as it is; Cloudflare's binding takes the parts.

use base64::Engine;
use chrono::{DateTime, Utc};

/// What a transport needs of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub from_name: String,
    pub from_address: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// `<idempotency key@sender's domain>`: the same message keeps it across retries.
    pub message_id: String,
    pub date: DateTime<Utc>,
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// A header value as an RFC 2047 encoded word when it is not plain ASCII, split so
/// that no word passes 75 characters.
fn header_text(value: &str) -> String {
    let plain = value.chars().all(|c| c.is_ascii() && !c.is_ascii_control());
    if plain {
        return value.to_owned();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in value.chars().filter(|c| !c.is_control()) {
        // 45 bytes of UTF-8 become 60 of base64, 72 with the word's frame.
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    words.push(chunk);
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", B64.encode(w)))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// `"Name" <address>`, the name encoded when it needs to be.
fn mailbox(name: &str, address: &str) -> String {
    let name = header_text(name);
    if name.starts_with("=?") {
        format!("{name} <{address}>")
    } else {
        format!("\"{}\" <{address}>", name.replace(['"', '\\'], ""))
    }
}

/// Base64 in lines of 76 characters.
fn base64_lines(data: &str) -> String {
    let encoded = B64.encode(data);
    encoded
        .as_bytes()
        .chunks(76)
        .map(|l| std::str::from_utf8(l).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// The whole message, lines ending in CRLF.
pub fn raw(m: &Message) -> String {
    // The message id is random per message, so no body line can equal the boundary.
    let boundary = format!(
        "=_balie_{}",
        m.message_id
            .trim_matches(['<', '>'])
            .split('@')
            .next()
            .unwrap_or_default()
    );
    let headers = [
        format!("From: {}", mailbox(&m.from_name, &m.from_address)),
        format!("To: {}", m.to),
        format!("Subject: {}", header_text(&m.subject)),
        format!("Date: {}", m.date.to_rfc2822()),
        format!("Message-ID: {}", m.message_id),
        "MIME-Version: 1.0".to_owned(),
        format!("Content-Type: multipart/alternative; boundary=\"{boundary}\""),
    ];
    let part = |kind: &str, body: &str| {
        format!(
            "--{boundary}\r\nContent-Type: {kind}; charset=utf-8\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64_lines(body)
        )
    };
    format!(
        "{}\r\n\r\n{}{}--{boundary}--\r\n",
        headers.join("\r\n"),
        part("text/plain", &m.text),
        part("text/html", &m.html),
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One paragraph: escaped, lines kept, and web addresses as links.
fn paragraph(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            line.split(' ')
                .map(|word| {
                    if word.starts_with("https://") || word.starts_with("http://") {
                        let url = escape(word);
                        format!("<a href=\"{url}\">{url}</a>")
                    } else {
                        escape(word)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    format!("<p>{}</p>", lines.join("<br>\n"))
}

/// Simple HTML of a message's text: the Dutch half and the English half (split at
/// the `---` line the texts use) each in its own language, paragraphs kept, links
/// clickable. No images, no styles that a mail client might drop.
pub fn html(text: &str, subject: &str) -> String {
    let halves: Vec<&str> = text.split("\n---\n").collect();
    let langs = ["nl", "en"];
    let sections: Vec<String> = halves
        .iter()
        .enumerate()
        .map(|(i, half)| {
            let paragraphs: Vec<String> = half
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(paragraph)
                .collect();
            format!(
                "<div lang=\"{}\">\n{}\n</div>",
                langs.get(i).unwrap_or(&"nl"),
                paragraphs.join("\n")
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{}\n</body>\n</html>\n",
        escape(subject),
        sections.join("\n<hr>\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> Message {
        let text = "Beste Anna,\n\nOpen deze link:\n\nhttps://portaal.example.nl/activeren?token=a&b\n\nMet vriendelijke groet,\nVerzekeraar\n\n---\n\nDear Anna,\n\nOpen this link.\n";
        Message {
            from_name: "Verzekeraar Één".into(),
            from_address: "portaal@verzekeraar.nl".into(),
            to: "anna@bedrijf.nl".into(),
            subject: "Activeer uw account / Activate your account (Verzekeraar Één)".into(),
            text: text.into(),
            html: html(text, "Activeer"),
            message_id: "<0f3a9c@verzekeraar.nl>".into(),
            date: DateTime::from_timestamp(1_765_000_000, 0).unwrap(),
        }
    }

    fn decode_word(word: &str) -> String {
        let inner = word
            .trim()
            .strip_prefix("=?UTF-8?B?")
            .unwrap()
            .strip_suffix("?=")
            .unwrap();
        String::from_utf8(B64.decode(inner).unwrap()).unwrap()
    }

    #[test]
    fn headers_name_the_sender_the_date_and_the_message() {
        let raw = raw(&message());
        let head = raw.split("\r\n\r\n").next().unwrap();
        assert!(head.contains("\r\nTo: anna@bedrijf.nl\r\n"));
        assert!(
            head.contains("\r\nDate: Sat, 6 Dec 2025 05:46:40 +0000\r\n"),
            "{head}"
        );
        assert!(head.contains("\r\nMessage-ID: <0f3a9c@verzekeraar.nl>\r\n"));
        assert!(head.contains("boundary=\"=_balie_0f3a9c\""));
        let from = head.lines().find(|l| l.starts_with("From: ")).unwrap();
        assert!(from.ends_with(" <portaal@verzekeraar.nl>"));
        assert_eq!(
            decode_word(
                from.trim_start_matches("From: ")
                    .split(" <")
                    .next()
                    .unwrap()
            ),
            "Verzekeraar Één"
        );
    }

    #[test]
    fn a_long_subject_that_is_not_ascii_is_folded_into_short_words() {
        let raw = raw(&message());
        let start = raw.find("Subject: ").unwrap() + "Subject: ".len();
        let end = raw[start..].find("\r\nDate:").unwrap() + start;
        let words: Vec<&str> = raw[start..end].split("\r\n ").collect();
        assert!(words.len() > 1);
        assert!(words.iter().all(|w| w.len() <= 75), "{words:?}");
        assert_eq!(
            words.iter().map(|w| decode_word(w)).collect::<String>(),
            message().subject
        );
    }

    #[test]
    fn plain_ascii_names_are_quoted_not_encoded() {
        assert_eq!(
            mailbox("Balie \"demo\"", "a@b.nl"),
            "\"Balie demo\" <a@b.nl>"
        );
    }

    #[test]
    fn both_parts_carry_the_text_in_base64_lines() {
        let m = message();
        let raw = raw(&m);
        let parts: Vec<&str> = raw.split("--=_balie_0f3a9c").collect();
        // Preamble, text, html, closing.
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[3], "--\r\n");
        for (part, kind, body) in [
            (parts[1], "text/plain", &m.text),
            (parts[2], "text/html", &m.html),
        ] {
            assert!(part.contains(&format!("Content-Type: {kind}; charset=utf-8")));
            let encoded = part.split("\r\n\r\n").nth(1).unwrap();
            assert!(encoded.lines().all(|l| l.len() <= 76));
            let joined: String = encoded.lines().collect();
            assert_eq!(
                &String::from_utf8(B64.decode(joined).unwrap()).unwrap(),
                body
            );
        }
    }

    #[test]
    fn the_html_has_both_languages_escaped_links_and_no_markup_from_the_text() {
        let html = html(
            "Beste <b>Anna</b>,\n\nhttps://x.nl/a?b=1&c=2\n\n---\n\nDear Anna,",
            "S & S",
        );
        assert!(html.contains("<title>S &amp; S</title>"));
        assert!(html.contains("<div lang=\"nl\">\n<p>Beste &lt;b&gt;Anna&lt;/b&gt;,</p>"));
        assert!(
            html.contains("<a href=\"https://x.nl/a?b=1&amp;c=2\">https://x.nl/a?b=1&amp;c=2</a>")
        );
        assert!(html.contains("<hr>\n<div lang=\"en\">\n<p>Dear Anna,</p>"));
    }
}
