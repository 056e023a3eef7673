//! The portal's own pages: static HTML in both languages, made live by a script
//! each through the JSON API. One table, [`PAGES`], says everything about a page
//! (its id, addresses, title, help page, who may use it, template; its script is
//! `static/<id>.js`); the
//! templates live in `templates/portal/`, one per page, on `portal/frame.html`.
//! Adding a page is a row here, a template and a script.
//! The e-mail links of the API contract (`/activeren?token=`,
//! `/wachtwoord-herstellen?token=`, `/koppeling-intrekken?token=`) redirect to
//! their pages.

use std::sync::OnceLock;

use askama::Template;
use serde::Serialize;

use crate::content::Lang;
use crate::templates::Layout;

/// One portal page.
pub struct PortalPage {
    /// What the page's script dispatches on (`data-page`), and its key in `urls`.
    pub id: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
    pub title: fn(&'static PortalStrings) -> &'static str,
    /// The key of the help page it links to, when the content has it.
    pub help: Option<&'static str>,
    /// `None`: public (and in the sitemap). Otherwise for a signed-in user with
    /// one of these roles (any role when empty); others are told why not.
    pub roles: Option<&'static [&'static str]>,
    /// What the page works on when the organisation has several employers or
    /// contracts: the frame then shows which one, with a switcher.
    pub scope: Scope,
    pub render: fn(&Portal) -> askama::Result<String>,
}

/// A page's subject: the organisation's chosen employer (`?employer=`), or also
/// one of its verzuim contracts (`?contract=`), as the API's routes take them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Organisation,
    Employer,
    VerzuimContract,
}

impl PortalPage {
    pub fn url(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.nl,
            Lang::En => self.en,
        }
    }

    /// The script in `static/` that drives it: named after the page.
    pub fn script(&self) -> String {
        format!("{}.js", self.id)
    }

    /// Pages for a signed-in user: they carry the account bar.
    pub fn signed_in(&self) -> bool {
        self.roles.is_some()
    }

    /// The scope bar's kind (`data-scope`), empty for a page of the whole organisation.
    pub fn scope_kind(&self) -> &'static str {
        match self.scope {
            Scope::Organisation => "",
            Scope::Employer => "employer",
            Scope::VerzuimContract => "contract",
        }
    }
}

/// What a page's template is rendered from.
pub struct Portal {
    pub layout: Layout,
    pub page: &'static PortalPage,
    pub s: &'static PortalStrings,
    pub urls: Urls,
    pub help_url: Option<String>,
    /// The texts its scripts name, as JSON (see `texts::page_json`).
    pub texts_json: String,
}

/// A page's template: its own struct on the shared fields, as a render function.
macro_rules! template {
    ($path:literal) => {{
        #[derive(Template)]
        #[template(path = $path)]
        // Every page gets the same fields; its template reads those it needs.
        #[allow(dead_code)]
        struct Page<'a> {
            layout: &'a Layout,
            page: &'static PortalPage,
            s: &'static PortalStrings,
            urls: &'a Urls,
            urls_json: String,
            texts_json: &'a str,
            roles_json: Option<String>,
            help_url: Option<&'a str>,
        }
        |p: &Portal| {
            Page {
                layout: &p.layout,
                page: p.page,
                s: p.s,
                urls: &p.urls,
                urls_json: serde_json::to_string(&p.urls).unwrap_or_default(),
                texts_json: &p.texts_json,
                roles_json: p
                    .page
                    .roles
                    .map(|r| serde_json::to_string(r).unwrap_or_default()),
                help_url: p.help_url.as_deref(),
            }
            .render()
        }
    }};
}

const HR_OR_FINANCE: &[&str] = &["hr", "finance"];

/// Every portal page.
pub const PAGES: &[PortalPage] = &[
    PortalPage {
        id: "sign-in",
        nl: "/nl/inloggen/",
        en: "/en/sign-in/",
        title: |s| &s.sign_in,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/sign-in.html"),
    },
    PortalPage {
        id: "activate",
        nl: "/nl/activeren/",
        en: "/en/activate/",
        title: |s| &s.activate_title,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/activate.html"),
    },
    PortalPage {
        id: "forgot",
        nl: "/nl/wachtwoord-vergeten/",
        en: "/en/forgot-password/",
        title: |s| &s.forgot_title,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/forgot.html"),
    },
    PortalPage {
        id: "reset",
        nl: "/nl/wachtwoord-herstellen/",
        en: "/en/reset-password/",
        title: |s| &s.reset_title,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/reset.html"),
    },
    PortalPage {
        id: "home",
        nl: "/nl/portaal/",
        en: "/en/portal/",
        title: |s| &s.home_title,
        help: None,
        roles: Some(&[]),
        scope: Scope::Organisation,
        render: template!("portal/home.html"),
    },
    PortalPage {
        id: "users",
        nl: "/nl/portaal/gebruikers/",
        en: "/en/portal/users/",
        title: |s| &s.users_title,
        help: None,
        roles: Some(&["user_management"]),
        scope: Scope::Organisation,
        render: template!("portal/users.html"),
    },
    PortalPage {
        id: "employees",
        nl: "/nl/portaal/werknemers/",
        en: "/en/portal/employees/",
        title: |s| &s.employees_title,
        help: None,
        roles: Some(HR_OR_FINANCE),
        scope: Scope::Employer,
        render: template!("portal/employees.html"),
    },
    PortalPage {
        id: "employee",
        nl: "/nl/portaal/werknemers/werknemer/",
        en: "/en/portal/employees/employee/",
        title: |s| &s.employee_title,
        help: None,
        roles: Some(HR_OR_FINANCE),
        scope: Scope::Employer,
        render: template!("portal/employee.html"),
    },
    PortalPage {
        id: "settlement",
        nl: "/nl/portaal/naverrekening/",
        en: "/en/portal/settlement/",
        title: |s| &s.settlement_title,
        help: None,
        roles: Some(HR_OR_FINANCE),
        scope: Scope::VerzuimContract,
        render: template!("portal/settlement.html"),
    },
    PortalPage {
        id: "specification",
        nl: "/nl/portaal/naverrekening/specificatie/",
        en: "/en/portal/settlement/specification/",
        title: |s| &s.spec_title,
        help: None,
        roles: Some(HR_OR_FINANCE),
        scope: Scope::VerzuimContract,
        render: template!("portal/specification.html"),
    },
    PortalPage {
        id: "documents",
        nl: "/nl/portaal/documenten/",
        en: "/en/portal/documents/",
        title: |s| &s.documents_title,
        help: Some("manual-documenten"),
        roles: Some(&["hr"]),
        scope: Scope::Employer,
        render: template!("portal/documents.html"),
    },
    PortalPage {
        id: "company",
        nl: "/nl/portaal/mijn-bedrijf/",
        en: "/en/portal/my-company/",
        title: |s| &s.company_title,
        help: None,
        roles: Some(&[]),
        scope: Scope::Employer,
        render: template!("portal/company.html"),
    },
    PortalPage {
        id: "adviser",
        nl: "/nl/portaal/mijn-adviseur/",
        en: "/en/portal/my-adviser/",
        title: |s| &s.adviser_title,
        help: None,
        roles: Some(&[]),
        scope: Scope::Employer,
        render: template!("portal/adviser.html"),
    },
    PortalPage {
        id: "contracts",
        nl: "/nl/portaal/contracten/",
        en: "/en/portal/contracts/",
        title: |s| &s.contracts_title,
        help: None,
        roles: Some(&[]),
        scope: Scope::Organisation,
        render: template!("portal/contracts.html"),
    },
    PortalPage {
        id: "revoke-link",
        nl: "/nl/koppeling-intrekken/",
        en: "/en/undo-link/",
        title: |s| &s.revoke_title,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/revoke-link.html"),
    },
    PortalPage {
        id: "calc-absence",
        nl: "/nl/rekenhulp-verzuimpremie/",
        en: "/en/absence-premium-calculator/",
        title: |s| &s.calc_absence_title,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/calc-absence.html"),
    },
    PortalPage {
        id: "calc-wga",
        nl: "/nl/rekenhulp-wga-hiaat/",
        en: "/en/wga-hiaat-calculator/",
        title: |s| &s.calc_wga_title,
        help: None,
        roles: None,
        scope: Scope::Organisation,
        render: template!("portal/calc-wga.html"),
    },
];

/// The page with this id; the ids the code names are held by a test.
pub fn page(id: &str) -> &'static PortalPage {
    PAGES
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no portal page `{id}`"))
}

/// The pages a visitor can open without a session (listed in the sitemap).
pub fn public() -> impl Iterator<Item = &'static PortalPage> {
    PAGES.iter().filter(|p| !p.signed_in())
}

/// The redirects that make the contract's e-mail links land on the Dutch pages
/// (query strings, and so the token, are kept).
pub const CONTRACT_REDIRECTS: &[(&str, &str)] = &[
    ("/activeren", "activate"),
    ("/wachtwoord-herstellen", "reset"),
    ("/koppeling-intrekken", "revoke-link"),
];

/// Addresses the scripts and templates move between.
#[derive(Serialize)]
pub struct Urls {
    pub login: &'static str,
    pub forgot: &'static str,
    pub home: &'static str,
    pub users: &'static str,
    pub employees: &'static str,
    pub employee: &'static str,
    pub settlement: &'static str,
    pub specification: &'static str,
    pub documents: &'static str,
    pub absence: &'static str,
    pub wga: &'static str,
    pub company: &'static str,
    pub adviser: &'static str,
    pub contracts: &'static str,
}

impl Urls {
    pub fn of(lang: Lang) -> Urls {
        let url = |id| page(id).url(lang);
        Urls {
            login: url("sign-in"),
            forgot: url("forgot"),
            home: url("home"),
            users: url("users"),
            employees: url("employees"),
            employee: url("employee"),
            settlement: url("settlement"),
            specification: url("specification"),
            documents: url("documents"),
            absence: url("calc-absence"),
            wga: url("calc-wga"),
            company: url("company"),
            adviser: url("adviser"),
            contracts: url("contracts"),
        }
    }
}

/// The portal's texts, one struct per language from `strings/nl.toml` and
/// `strings/en.toml`: every field must be there and nothing else, so the two
/// catalogues hold the same keys. Button and page names match the help content.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalStrings {
    pub sign_in: String,
    pub my_portal: String,
    pub email: String,
    pub password: String,
    pub forgot_link: String,
    pub no_account: String,
    pub code_title: String,
    pub code_intro: String,
    pub code_label: String,
    pub confirm: String,
    pub use_recovery: String,
    pub recovery_intro: String,
    pub recovery_label: String,
    pub setup_title: String,
    pub setup_step_app: String,
    pub setup_step_scan: String,
    pub setup_step_code: String,
    pub setup_secret: String,
    pub codes_title: String,
    pub codes_intro: String,
    pub codes_download: String,
    pub codes_print: String,
    pub codes_done: String,
    pub activate_title: String,
    pub link_expired_title: String,
    pub link_expired_intro: String,
    pub send_new_link: String,
    pub resent: String,
    pub reset_expired: String,
    pub password_rules: String,
    pub new_password: String,
    pub repeat_password: String,
    pub set_password: String,
    pub activated: String,
    pub forgot_title: String,
    pub forgot_intro: String,
    pub send_link: String,
    pub forgot_sent_title: String,
    pub forgot_sent: String,
    pub reset_title: String,
    pub reset_done: String,
    pub home_title: String,
    pub tasks_title: String,
    pub no_tasks: String,
    pub all_of_portal: String,
    pub my_details: String,
    pub name: String,
    pub employer: String,
    pub policy_number: String,
    pub roles: String,
    pub status: String,
    pub sign_out: String,
    pub users_title: String,
    pub users_caption: String,
    pub invite_title: String,
    pub roles_of: String,
    pub change_roles: String,
    pub disable: String,
    pub needs_js: String,
    pub log_title: String,
    pub log_caption: String,
    pub log_when: String,
    pub log_what: String,
    pub log_who: String,
    pub log_by: String,
    pub employees_title: String,
    pub employees_show: String,
    pub employees_active: String,
    pub employees_inactive: String,
    pub employees_search: String,
    pub employee_title: String,
    pub prefix_short: String,
    pub back_to_employees: String,
    pub correct_title: String,
    pub correct_intro: String,
    pub bsn_via_insurer: String,
    pub save_changes: String,
    pub periods_title: String,
    pub term: String,
    pub wages_per_year: String,
    pub history_title: String,
    pub history_by: String,
    pub history_change: String,
    pub bsn_hint: String,
    pub search: String,
    pub bsn: String,
    pub bsn_last4: String,
    pub initials: String,
    pub prefix: String,
    pub last_name: String,
    pub gender: String,
    pub birth_date: String,
    pub start_date: String,
    pub end_date: String,
    pub end_date_optional: String,
    pub end_date_last_day: String,
    pub employee_number: String,
    pub employee_number_optional: String,
    pub date_hint: String,
    pub actions: String,
    pub previous_page: String,
    pub next_page: String,
    pub add_employee: String,
    pub end_employment: String,
    pub rehire: String,
    pub save: String,
    pub cancel: String,
    pub import_title: String,
    pub import_intro: String,
    pub import_file: String,
    pub import_errors: String,
    pub read_only: String,
    pub settlement_title: String,
    pub settlement_intro: String,
    pub choose_year: String,
    pub steps: String,
    pub step_check: String,
    pub step_wages: String,
    pub step_review: String,
    pub step_submit: String,
    pub check_intro: String,
    pub wages_intro: String,
    pub wage: String,
    pub insured_wage: String,
    pub premium: String,
    pub previous_step: String,
    pub next_step: String,
    pub total: String,
    pub total_insured_wage: String,
    pub premium_rate: String,
    pub final_premium: String,
    pub rounding_difference: String,
    pub provisional_premium: String,
    pub balance: String,
    pub submit_intro: String,
    pub confirm_title: String,
    pub confirm_text: String,
    pub confirm_yes: String,
    pub submitted_title: String,
    pub spec_download: String,
    pub spec_print: String,
    pub spec_title: String,
    pub print: String,
    pub calc_absence_title: String,
    pub calc_absence_intro: String,
    pub calc_wage_sum: String,
    pub calc_rate: String,
    pub calculate: String,
    pub calc_result: String,
    pub calc_premium: String,
    pub calc_wga_title: String,
    pub calc_wga_intro: String,
    pub calc_cover: String,
    pub cover_uitgebreid: String,
    pub cover_ic: String,
    pub cover_icm: String,
    pub calc_year: String,
    pub calc_old_wage: String,
    pub calc_disability: String,
    pub calc_wga_benefit: String,
    pub calc_new_wage: String,
    pub calc_other_benefits: String,
    pub calc_residual_used: String,
    pub calc_coverage: String,
    pub calc_duration: String,
    pub calc_years_5: String,
    pub calc_years_10: String,
    pub calc_yearly: String,
    pub calc_monthly: String,
    pub calc_max_duration: String,
    pub calc_indicative: String,
    pub documents_title: String,
    pub documents_intro: String,
    pub documents_help: String,
    pub doc_kind: String,
    pub kind_payroll: String,
    pub kind_absence: String,
    pub doc_file: String,
    pub doc_drop: String,
    pub doc_formats: String,
    pub findings_caption: String,
    pub col_row: String,
    pub col_field: String,
    pub col_message: String,
    pub col_severity: String,
    pub doc_submit: String,
    pub documents_list: String,
    pub col_file: String,
    pub col_kind: String,
    pub col_size: String,
    pub col_uploaded_at: String,
    pub col_uploaded_by: String,
    /// The scripts' texts (`[script.*]`).
    pub company_title: String,
    pub company_intro: String,
    pub company_facts: String,
    pub insurer_keeps: String,
    pub customer_number: String,
    pub kvk_number: String,
    pub payroll_tax_number: String,
    pub postal_address: String,
    pub street: String,
    pub house_number: String,
    pub postcode: String,
    pub city: String,
    pub contact_person: String,
    pub contact_intro: String,
    pub phone: String,
    pub remove_contact: String,
    pub adviser_title: String,
    pub adviser_intro: String,
    pub no_adviser: String,
    pub contracts_title: String,
    pub contracts_intro: String,
    pub contracts_caption: String,
    pub col_employer: String,
    pub col_product: String,
    pub col_contract_number: String,
    pub col_contract_name: String,
    pub col_start: String,
    pub col_end: String,
    pub linked_title: String,
    pub linked_intro: String,
    pub no_linked: String,
    pub link_title: String,
    pub link_intro: String,
    pub contract_number: String,
    pub link_submit: String,
    pub unlink: String,
    pub revoke_title: String,
    pub revoke_intro: String,
    pub revoke_submit: String,
    pub revoke_done: String,
    pub revoke_no_token: String,
    pub scope_label: String,
    pub scope_employer: String,
    pub scope_contract: String,
    pub scope_switch: String,
    pub home_contracts: String,
    pub script: crate::texts::ScriptTexts,
}

/// The catalogue of a language, read once.
pub fn strings(lang: Lang) -> &'static PortalStrings {
    static NL: OnceLock<PortalStrings> = OnceLock::new();
    static EN: OnceLock<PortalStrings> = OnceLock::new();
    let (cell, file, text) = match lang {
        Lang::Nl => (
            &NL,
            "site/strings/nl.toml",
            include_str!("../strings/nl.toml"),
        ),
        Lang::En => (
            &EN,
            "site/strings/en.toml",
            include_str!("../strings/en.toml"),
        ),
    };
    cell.get_or_init(|| toml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both catalogues hold every key and no other: a key missing in one or extra
    /// in one stops the build, naming it.
    #[test]
    fn catalogues_hold_the_same_keys() {
        for lang in Lang::ALL {
            strings(lang);
        }
        let nl = include_str!("../strings/nl.toml");
        // At the top level and in a script's table.
        for extra in [
            format!("surplus = \"x\"\n{nl}"),
            nl.replace("[script.users]\n", "[script.users]\nsurplus = \"x\"\n"),
        ] {
            let e = toml::from_str::<PortalStrings>(&extra)
                .err()
                .expect("refused");
            assert!(e.to_string().contains("surplus"), "{e}");
        }
        for key in ["sign_in ", "enable "] {
            let missing: Vec<&str> = nl.lines().filter(|l| !l.starts_with(key)).collect();
            let e = toml::from_str::<PortalStrings>(&missing.join("\n"))
                .err()
                .expect("refused");
            assert!(e.to_string().contains(key.trim()), "{e}");
        }
    }

    /// The table is the one place a page is defined: ids and addresses are unique,
    /// every script is served, every template in `templates/portal/` belongs to a row.
    #[test]
    fn the_page_table_is_whole() {
        let mut seen = std::collections::BTreeSet::new();
        for p in PAGES {
            assert!(seen.insert(p.id), "id {} twice", p.id);
            for lang in Lang::ALL {
                let url = p.url(lang);
                assert!(
                    url.starts_with(&format!("/{}/", lang.code())) && url.ends_with('/'),
                    "{url}"
                );
                assert!(seen.insert(url), "address {url} twice");
            }
            assert!(
                crate::static_files()
                    .iter()
                    .any(|(name, _)| *name == p.script()),
                "{}: script {} is not served",
                p.id,
                p.script()
            );
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/portal");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let id = name.trim_end_matches(".html");
            assert!(
                ["frame", "macros"].contains(&id) || PAGES.iter().any(|p| p.id == id),
                "template {name} has no row in PAGES"
            );
        }
        for (_, id) in CONTRACT_REDIRECTS {
            page(id);
        }
    }
}
