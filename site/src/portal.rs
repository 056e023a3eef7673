//! The portal's own pages (sign-in, activation, passwords, home, users): static
//! HTML in both languages, made live by `static/portal.js` through the JSON API.
//! Their addresses are fixed here; the e-mail links of the API contract
//! (`/activeren?token=`, `/wachtwoord-herstellen?token=`) redirect to them.

use askama::Template;
use serde::Serialize;

use crate::content::Lang;
use crate::templates::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalPage {
    SignIn,
    Activate,
    Forgot,
    Reset,
    Home,
    Users,
}

impl PortalPage {
    pub const ALL: [PortalPage; 6] = [
        PortalPage::SignIn,
        PortalPage::Activate,
        PortalPage::Forgot,
        PortalPage::Reset,
        PortalPage::Home,
        PortalPage::Users,
    ];

    /// What portal.js dispatches on.
    pub fn id(self) -> &'static str {
        match self {
            PortalPage::SignIn => "sign-in",
            PortalPage::Activate => "activate",
            PortalPage::Forgot => "forgot",
            PortalPage::Reset => "reset",
            PortalPage::Home => "home",
            PortalPage::Users => "users",
        }
    }

    pub fn url(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PortalPage::SignIn, Lang::Nl) => "/nl/inloggen/",
            (PortalPage::SignIn, Lang::En) => "/en/sign-in/",
            (PortalPage::Activate, Lang::Nl) => "/nl/activeren/",
            (PortalPage::Activate, Lang::En) => "/en/activate/",
            (PortalPage::Forgot, Lang::Nl) => "/nl/wachtwoord-vergeten/",
            (PortalPage::Forgot, Lang::En) => "/en/forgot-password/",
            (PortalPage::Reset, Lang::Nl) => "/nl/wachtwoord-herstellen/",
            (PortalPage::Reset, Lang::En) => "/en/reset-password/",
            (PortalPage::Home, Lang::Nl) => "/nl/portaal/",
            (PortalPage::Home, Lang::En) => "/en/portal/",
            (PortalPage::Users, Lang::Nl) => "/nl/portaal/gebruikers/",
            (PortalPage::Users, Lang::En) => "/en/portal/users/",
        }
    }

    pub fn title(self, s: &PortalStrings) -> &'static str {
        match self {
            PortalPage::SignIn => s.sign_in,
            PortalPage::Activate => s.activate_title,
            PortalPage::Forgot => s.forgot_title,
            PortalPage::Reset => s.reset_title,
            PortalPage::Home => s.home_title,
            PortalPage::Users => s.users_title,
        }
    }
}

/// The pages a visitor can open without a session (listed in the sitemap).
pub const PUBLIC: [PortalPage; 4] = [
    PortalPage::SignIn,
    PortalPage::Activate,
    PortalPage::Forgot,
    PortalPage::Reset,
];

/// The redirects that make the contract's e-mail links land on the Dutch pages
/// (query strings, and so the token, are kept).
pub const CONTRACT_REDIRECTS: &[(&str, PortalPage)] = &[
    ("/activeren", PortalPage::Activate),
    ("/wachtwoord-herstellen", PortalPage::Reset),
];

/// Addresses portal.js moves between.
#[derive(Serialize)]
pub struct Urls {
    pub login: &'static str,
    pub forgot: &'static str,
    pub home: &'static str,
    pub users: &'static str,
}

impl Urls {
    pub fn of(lang: Lang) -> Urls {
        Urls {
            login: PortalPage::SignIn.url(lang),
            forgot: PortalPage::Forgot.url(lang),
            home: PortalPage::Home.url(lang),
            users: PortalPage::Users.url(lang),
        }
    }
}

#[derive(Template)]
#[template(path = "portal.html")]
pub struct PortalTemplate {
    pub layout: Layout,
    pub page: PortalPage,
    pub s: &'static PortalStrings,
    pub urls: Urls,
    pub urls_json: String,
}

/// The portal's texts. Button and page names match the help content exactly.
pub struct PortalStrings {
    pub sign_in: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub forgot_link: &'static str,
    pub no_account: &'static str,
    pub code_title: &'static str,
    pub code_intro: &'static str,
    pub code_label: &'static str,
    pub confirm: &'static str,
    pub use_recovery: &'static str,
    pub recovery_intro: &'static str,
    pub recovery_label: &'static str,
    pub setup_title: &'static str,
    pub setup_step_app: &'static str,
    pub setup_step_scan: &'static str,
    pub setup_step_code: &'static str,
    pub setup_secret: &'static str,
    pub codes_title: &'static str,
    pub codes_intro: &'static str,
    pub codes_download: &'static str,
    pub codes_print: &'static str,
    pub codes_done: &'static str,
    pub activate_title: &'static str,
    pub password_rules: &'static str,
    pub new_password: &'static str,
    pub repeat_password: &'static str,
    pub set_password: &'static str,
    pub activated: &'static str,
    pub forgot_title: &'static str,
    pub forgot_intro: &'static str,
    pub send_link: &'static str,
    pub forgot_sent_title: &'static str,
    pub forgot_sent: &'static str,
    pub reset_title: &'static str,
    pub reset_done: &'static str,
    pub home_title: &'static str,
    pub name: &'static str,
    pub employer: &'static str,
    pub policy_number: &'static str,
    pub roles: &'static str,
    pub status: &'static str,
    pub sign_out: &'static str,
    pub users_title: &'static str,
    pub users_caption: &'static str,
    pub invite_title: &'static str,
    pub roles_of: &'static str,
    pub change_roles: &'static str,
    pub disable: &'static str,
    pub role_user_management: &'static str,
    pub role_hr: &'static str,
    pub role_finance: &'static str,
    pub needs_js: &'static str,
    pub log_title: &'static str,
    pub log_caption: &'static str,
    pub log_when: &'static str,
    pub log_what: &'static str,
    pub log_who: &'static str,
    pub log_by: &'static str,
}

pub fn strings(lang: Lang) -> &'static PortalStrings {
    const NL: PortalStrings = PortalStrings {
        sign_in: "Inloggen",
        email: "E-mailadres",
        password: "Wachtwoord",
        forgot_link: "Wachtwoord vergeten?",
        no_account: "Nog geen account? Uw hoofdgebruiker of uw verzekeraar nodigt u uit per e-mail.",
        code_title: "Code uit uw app",
        code_intro: "Open de authenticator-app op uw telefoon en vul de code van 6 cijfers in.",
        code_label: "Code uit uw app",
        confirm: "Bevestigen",
        use_recovery: "Herstelcode gebruiken",
        recovery_intro: "Heeft u uw telefoon niet meer? Vul een van uw herstelcodes in. Daarna stelt u een nieuwe app in.",
        recovery_label: "Herstelcode",
        setup_title: "Tweestapsverificatie instellen",
        setup_step_app: "Installeer een authenticator-app op uw telefoon, als u die nog niet heeft.",
        setup_step_scan: "Scan de QR-code met de app. Lukt scannen niet? Typ dan de sleutel hieronder over.",
        setup_step_code: "Vul de code van 6 cijfers uit de app in en klik op Bevestigen.",
        setup_secret: "Sleutel:",
        codes_title: "Uw herstelcodes",
        codes_intro: "Bewaar deze 10 codes op een veilige plek. Met elke code logt u één keer in als u uw telefoon kwijt bent. U ziet ze maar één keer.",
        codes_download: "Herstelcodes downloaden",
        codes_print: "Herstelcodes afdrukken",
        codes_done: "Ik heb de codes bewaard",
        activate_title: "Account activeren",
        password_rules: "Kies een wachtwoord van minstens 12 tekens. Een zin van een paar woorden is makkelijk te onthouden. Gebruik geen bekend wachtwoord en niet uw naam.",
        new_password: "Nieuw wachtwoord",
        repeat_password: "Herhaal het wachtwoord",
        set_password: "Wachtwoord instellen",
        activated: "Uw account is actief. U kunt nu inloggen.",
        forgot_title: "Wachtwoord vergeten",
        forgot_intro: "Vul uw e-mailadres in. Is het bij ons bekend, dan krijgt u een e-mail met een link. De link werkt 60 minuten.",
        send_link: "Link versturen",
        forgot_sent_title: "Kijk in uw e-mail",
        forgot_sent: "Is dit adres bij ons bekend, dan staat er binnen een paar minuten een e-mail met een link in uw inbox. Kijk ook bij ongewenste e-mail.",
        reset_title: "Nieuw wachtwoord instellen",
        reset_done: "Uw wachtwoord is gewijzigd. U bent overal uitgelogd; log opnieuw in.",
        home_title: "Mijn portaal",
        name: "Naam",
        employer: "Werkgever",
        policy_number: "Polisnummer",
        roles: "Rollen",
        status: "Status",
        sign_out: "Uitloggen",
        users_title: "Gebruikers",
        users_caption: "Alle gebruikers van uw organisatie",
        invite_title: "Collega uitnodigen",
        roles_of: "Rollen van",
        change_roles: "Rollen wijzigen",
        disable: "Blokkeren",
        role_user_management: "Gebruikersbeheer",
        role_hr: "HR",
        role_finance: "Financiën",
        needs_js: "Voor het portaal moet JavaScript aan staan in uw browser.",
        log_title: "Beveiligingslog",
        log_caption: "De laatste 100 gebeurtenissen rond inloggen en gebruikers",
        log_when: "Wanneer",
        log_what: "Wat",
        log_who: "Gebruiker",
        log_by: "Door",
    };
    const EN: PortalStrings = PortalStrings {
        sign_in: "Sign in",
        email: "Email address",
        password: "Password",
        forgot_link: "Forgot password?",
        no_account: "No account yet? Your main user or your insurer invites you by e-mail.",
        code_title: "Code from your app",
        code_intro: "Open the authenticator app on your phone and enter the 6-digit code.",
        code_label: "Code from your app",
        confirm: "Confirm",
        use_recovery: "Use a recovery code",
        recovery_intro: "No longer have your phone? Enter one of your recovery codes. Then you set up a new app.",
        recovery_label: "Recovery code",
        setup_title: "Set up two-step verification",
        setup_step_app: "Install an authenticator app on your phone, if you do not have one yet.",
        setup_step_scan: "Scan the QR code with the app. Scanning does not work? Type in the key below.",
        setup_step_code: "Enter the 6-digit code from the app and click Confirm.",
        setup_secret: "Key:",
        codes_title: "Your recovery codes",
        codes_intro: "Keep these 10 codes in a safe place. Each code signs you in once if you lose your phone. You see them only once.",
        codes_download: "Download recovery codes",
        codes_print: "Print recovery codes",
        codes_done: "I have kept the codes",
        activate_title: "Activate account",
        password_rules: "Choose a password of at least 12 characters. A sentence of a few words is easy to remember. Do not use a well-known password or your name.",
        new_password: "New password",
        repeat_password: "Repeat the password",
        set_password: "Set password",
        activated: "Your account is active. You can sign in now.",
        forgot_title: "Forgot password",
        forgot_intro: "Enter your email address. If we know it, you get an e-mail with a link. The link works for 60 minutes.",
        send_link: "Send link",
        forgot_sent_title: "Check your e-mail",
        forgot_sent: "If we know this address, an e-mail with a link arrives in your inbox within a few minutes. Check your spam folder too.",
        reset_title: "Set a new password",
        reset_done: "Your password was changed. You were signed out everywhere; sign in again.",
        home_title: "My portal",
        name: "Name",
        employer: "Employer",
        policy_number: "Policy number",
        roles: "Roles",
        status: "Status",
        sign_out: "Sign out",
        users_title: "Users",
        users_caption: "All users of your organisation",
        invite_title: "Invite a colleague",
        roles_of: "Roles of",
        change_roles: "Change roles",
        disable: "Disable",
        role_user_management: "User management",
        role_hr: "HR",
        role_finance: "Finance",
        needs_js: "The portal needs JavaScript to be switched on in your browser.",
        log_title: "Security log",
        log_caption: "The last 100 events around signing in and users",
        log_when: "When",
        log_what: "What",
        log_who: "User",
        log_by: "By",
    };
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}
