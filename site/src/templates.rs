//! The askama templates and the texts of the page frame in both languages.

use askama::Template;

use crate::content::Lang;
use crate::markdown::Heading;

/// Fixed texts of the page frame.
pub struct Strings {
    pub site_name: &'static str,
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub breadcrumb_label: &'static str,
    pub toc_label: &'static str,
    pub other_lang_name: &'static str,
    pub footer: &'static str,
    pub contact_label: &'static str,
    pub contact_phone: &'static str,
    pub contact_email: &'static str,
    pub home: &'static str,
    pub faq: &'static str,
    pub manual: &'static str,
    pub sign_in: &'static str,
    pub my_portal: &'static str,
    pub calculators: &'static str,
    pub theme_toggle: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    /// Result counts for the search script; `{n}` is the number.
    pub search_one: &'static str,
    pub search_many: &'static str,
    pub search_none: &'static str,
    pub search_error: &'static str,
    pub search_all: &'static str,
}

pub fn strings(lang: Lang) -> &'static Strings {
    const NL: Strings = Strings {
        site_name: "Balie",
        skip: "Direct naar de inhoud",
        nav_label: "Hoofdmenu",
        breadcrumb_label: "U bent hier",
        toc_label: "Op deze pagina",
        other_lang_name: "English",
        footer: "Balie: het werkgeversportaal van uw verzekeraar.",
        contact_label: "Contact met uw verzekeraar",
        contact_phone: "Bel",
        contact_email: "of mail",
        home: "Start",
        faq: "Vragen",
        manual: "Handleiding",
        sign_in: "Inloggen",
        my_portal: "Mijn portaal",
        calculators: "Rekenhulpen",
        theme_toggle: "Donkere weergave",
        search_label: "Zoek in de hulp",
        search_button: "Zoeken",
        search_one: "1 antwoord gevonden",
        search_many: "{n} antwoorden gevonden",
        search_none: "Geen antwoord gevonden. Probeer andere woorden of bekijk alle vragen.",
        search_error: "Zoeken lukt nu niet. Bekijk alle vragen.",
        search_all: "Alle vragen",
    };
    const EN: Strings = Strings {
        site_name: "Balie",
        skip: "Skip to content",
        nav_label: "Main menu",
        breadcrumb_label: "You are here",
        toc_label: "On this page",
        other_lang_name: "Nederlands",
        footer: "Balie: your insurer's employer portal.",
        contact_label: "Contact your insurer",
        contact_phone: "Call",
        contact_email: "or e-mail",
        home: "Home",
        faq: "Questions",
        manual: "Manual",
        sign_in: "Sign in",
        my_portal: "My portal",
        calculators: "Calculators",
        theme_toggle: "Dark mode",
        search_label: "Search help",
        search_button: "Search",
        search_one: "1 answer found",
        search_many: "{n} answers found",
        search_none: "No answer found. Try other words or see all questions.",
        search_error: "Search is not available now. See all questions.",
        search_all: "All questions",
    };
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

pub struct NavItem {
    pub label: &'static str,
    pub url: String,
    pub current: bool,
    /// Marks the two account items, of which the page shows one.
    pub class: Option<&'static str>,
}

pub struct Crumb {
    pub label: String,
    pub url: String,
}

pub struct ListItem {
    pub title: String,
    pub description: String,
    pub url: String,
    /// On the FAQ index: the page's questions, so they are found without search.
    pub questions: Vec<Crumb>,
}

/// What the frame (`base.html`) needs on every page.
pub struct Layout {
    pub lang: &'static str,
    pub title: String,
    pub description: String,
    pub t: &'static Strings,
    pub nav: Vec<NavItem>,
    pub other_lang: &'static str,
    /// The same page in the other language.
    pub other_url: Option<String>,
    /// The FAQ index: where the search form goes without JS.
    pub faq_url: String,
    /// The insurer's contact details for the footer, in this language.
    pub contact: Option<FooterContact>,
}

/// The insurer's contact details, from `INSURER_CONTACT` when the site is built:
/// `{"phone":"020 123 45 67","email":"werkgevers@verzekeraar.nl","hours":{"nl":"…","en":"…"}}`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: String,
    pub email: String,
    pub hours: Hours,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub nl: String,
    pub en: String,
}

impl Contact {
    /// Reads and checks the configuration: a phone number of digits, spaces and
    /// `+-()`, an e-mail address, and opening hours in both languages.
    pub fn parse(json: &str) -> Result<Contact, String> {
        let c: Contact = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let digits = c.phone.chars().filter(char::is_ascii_digit).count();
        if digits < 6
            || !c
                .phone
                .chars()
                .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
        {
            return Err(format!("phone `{}` is not a phone number", c.phone));
        }
        let (user, domain) = c.email.split_once('@').unwrap_or_default();
        if user.is_empty() || !domain.contains('.') || c.email.contains(char::is_whitespace) {
            return Err(format!("email `{}` is not an e-mail address", c.email));
        }
        if c.hours.nl.trim().is_empty() || c.hours.en.trim().is_empty() {
            return Err("hours needs a Dutch and an English text".into());
        }
        Ok(c)
    }

    pub fn footer(&self, lang: Lang) -> FooterContact {
        FooterContact {
            phone: self.phone.clone(),
            phone_href: self
                .phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect(),
            email: self.email.clone(),
            hours: match lang {
                Lang::Nl => self.hours.nl.clone(),
                Lang::En => self.hours.en.clone(),
            },
        }
    }
}

/// The contact line of one language's footer.
#[derive(Debug, Clone)]
pub struct FooterContact {
    pub phone: String,
    /// The number for a `tel:` link: digits and a leading `+`.
    pub phone_href: String,
    pub email: String,
    pub hours: String,
}

#[derive(Template)]
#[template(path = "page.html")]
pub struct PageTemplate<'a> {
    pub layout: Layout,
    pub breadcrumbs: Vec<Crumb>,
    pub toc: Vec<&'a Heading>,
    pub body_html: &'a str,
    pub listing: Vec<ListItem>,
}

#[derive(Template)]
#[template(path = "not_found.html")]
pub struct NotFoundTemplate {
    pub layout: Layout,
}
