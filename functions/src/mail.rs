//! Outgoing e-mail. Every message is written to the outbox table in the same batch
//! as the change that causes it (store::outbox::enqueue), so a change and its
//! e-mail exist together or not at all. In development the outbox is the mailbox.
//! Texts are Dutch first with the English translation below.

use crate::domain::settlement::{Balance, Direction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

/// Who gets the message and in whose name it is sent.
pub struct Recipient<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub insurer: &'a str,
}

fn bilingual(to: &Recipient, subject: (&str, &str), nl: &str, en: &str) -> OutgoingMail {
    OutgoingMail {
        to: to.email.to_owned(),
        subject: format!("{} / {} ({})", subject.0, subject.1, to.insurer),
        text: format!(
            "Beste {name},\n\n{nl}\n\nMet vriendelijke groet,\n{insurer}\n\n---\n\n\
             Dear {name},\n\n{en}\n\nKind regards,\n{insurer}\n",
            name = to.name,
            insurer = to.insurer,
        ),
    }
}

const NOT_YOU_NL: &str = "Was u dit niet? Neem dan direct contact op met uw verzekeraar.";
const NOT_YOU_EN: &str = "Was this not you? Contact your insurer straight away.";

/// The first e-mail of a user: set a password through `link` (7 days, once).
/// `invited_by` is the colleague who invited them, if any.
pub fn activation(
    to: &Recipient,
    company: &str,
    invited_by: Option<&str>,
    link: &str,
) -> OutgoingMail {
    let (by_nl, by_en) = match invited_by {
        Some(name) => (
            format!(" {name} heeft u uitgenodigd."),
            format!(" {name} invited you."),
        ),
        None => (String::new(), String::new()),
    };
    bilingual(
        to,
        ("Activeer uw account voor het werkgeversportaal", "Activate your account for the employer portal"),
        &format!(
            "Er is een account voor u gemaakt in het werkgeversportaal van {insurer}.{by_nl}\n\
             Werkgever: {company}\n\n\
             Open deze link om uw wachtwoord in te stellen. De link werkt 7 dagen en één keer:\n\n{link}\n\n\
             Heeft u dit niet verwacht? Dan kunt u deze e-mail negeren.",
            insurer = to.insurer
        ),
        &format!(
            "An account was created for you in the employer portal of {insurer}.{by_en}\n\
             Employer: {company}\n\n\
             Open this link to set your password. The link works once, for 7 days:\n\n{link}\n\n\
             Not expecting this? You can ignore this e-mail.",
            insurer = to.insurer
        ),
    )
}

/// A new activation link for an invited user who asked for one (7 days, once);
/// the earlier links no longer work.
pub fn activation_resent(to: &Recipient, company: &str, link: &str) -> OutgoingMail {
    bilingual(
        to,
        (
            "Nieuwe link om uw account te activeren",
            "New link to activate your account",
        ),
        &format!(
            "U heeft een nieuwe link gevraagd om uw account in het werkgeversportaal van \
             {insurer} te activeren.\nWerkgever: {company}\n\n\
             Open deze link om uw wachtwoord in te stellen. De link werkt 7 dagen en één keer; \
             eerdere links werken niet meer:\n\n{link}\n\n\
             Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren.",
            insurer = to.insurer
        ),
        &format!(
            "You asked for a new link to activate your account in the employer portal of \
             {insurer}.\nEmployer: {company}\n\n\
             Open this link to set your password. The link works once, for 7 days; \
             earlier links no longer work:\n\n{link}\n\n\
             Did you not ask for this? You can ignore this e-mail.",
            insurer = to.insurer
        ),
    )
}

/// A forgotten password: a new one through `link` (60 minutes, once).
pub fn password_reset(to: &Recipient, link: &str) -> OutgoingMail {
    bilingual(
        to,
        ("Nieuw wachtwoord instellen", "Set a new password"),
        &format!(
            "U heeft gevraagd om een nieuw wachtwoord. Open deze link om het in te stellen. \
             De link werkt 60 minuten en één keer:\n\n{link}\n\n\
             Heeft u dit niet gevraagd? Dan kunt u deze e-mail negeren; uw wachtwoord blijft hetzelfde."
        ),
        &format!(
            "You asked for a new password. Open this link to set it. \
             The link works once, for 60 minutes:\n\n{link}\n\n\
             Did you not ask for this? You can ignore this e-mail; your password stays the same."
        ),
    )
}

pub fn password_changed(to: &Recipient) -> OutgoingMail {
    bilingual(
        to,
        ("Uw wachtwoord is gewijzigd", "Your password was changed"),
        &format!(
            "Het wachtwoord van uw account is zojuist gewijzigd. U bent overal uitgelogd. \
             Uw app voor tweestapsverificatie blijft hetzelfde.\n\n{NOT_YOU_NL}"
        ),
        &format!(
            "The password of your account was just changed. You were signed out everywhere. \
             Your two-step verification app stays the same.\n\n{NOT_YOU_EN}"
        ),
    )
}

pub fn totp_reset(to: &Recipient) -> OutgoingMail {
    bilingual(
        to,
        (
            "Tweestapsverificatie opnieuw ingesteld",
            "Two-step verification was reset",
        ),
        &format!(
            "Er is zojuist een herstelcode van uw account gebruikt. Uw oude app werkt niet meer; \
             u stelt tweestapsverificatie opnieuw in met een nieuwe app.\n\n{NOT_YOU_NL}"
        ),
        &format!(
            "A recovery code of your account was just used. Your old app no longer works; \
             you set up two-step verification again with a new app.\n\n{NOT_YOU_EN}"
        ),
    )
}

/// What a submitted settlement's e-mail says.
pub struct SubmittedSettlement<'a> {
    pub company: &'a str,
    pub year: i32,
    pub reference: &'a str,
    pub submitted_on: chrono::NaiveDate,
    pub balance: &'a Balance,
}

/// The balance in words, with the amount in Dutch notation (`€ 6.305,80`) in both
/// languages, and how it is settled. The domain facts say only that a balance is
/// invoiced or refunded, not when: no payment term is promised here.
fn balance_in_words(balance: &Balance, insurer: &str) -> (String, String) {
    let amount = format!("€ {}", balance.amount.grouped('.', ','));
    match balance.direction {
        Direction::DueFromEmployer => (
            format!(
                "De definitieve premie is {amount} hoger dan de voorlopige premie. \
                 U betaalt {amount} bij; u krijgt hiervoor een factuur van {insurer}."
            ),
            format!(
                "The final premium is {amount} higher than the provisional premium. \
                 You pay {amount} extra; {insurer} sends you an invoice for it."
            ),
        ),
        Direction::RefundToEmployer => (
            format!(
                "De definitieve premie is {amount} lager dan de voorlopige premie. \
                 U krijgt {amount} terug; {insurer} betaalt dit bedrag aan u terug."
            ),
            format!(
                "The final premium is {amount} lower than the provisional premium. \
                 You get {amount} back; {insurer} pays this amount back to you."
            ),
        ),
        Direction::None => (
            "De definitieve premie is gelijk aan de voorlopige premie. \
             U hoeft niets bij te betalen en krijgt niets terug."
                .to_owned(),
            "The final premium equals the provisional premium. \
             You pay nothing extra and get nothing back."
                .to_owned(),
        ),
    }
}

/// To the user who submitted a year's settlement: its reference, the balance in
/// words, and that the year is now locked.
pub fn settlement_submitted(to: &Recipient, s: &SubmittedSettlement) -> OutgoingMail {
    let (balance_nl, balance_en) = balance_in_words(s.balance, to.insurer);
    let (year, reference, company) = (s.year, s.reference, s.company);
    let on = s.submitted_on.format("%d-%m-%Y");
    bilingual(
        to,
        (
            &format!("Naverrekening {year} ontvangen ({reference})"),
            &format!("Settlement {year} received ({reference})"),
        ),
        &format!(
            "U heeft op {on} de naverrekening {year} van {company} ingediend. \
             Het kenmerk is {reference}; noem het als u contact met ons opneemt.\n\n\
             {balance_nl}\n\n\
             Het jaar {year} staat nu op slot: de werknemers en lonen van dat jaar kunt u \
             niet meer wijzigen. Alleen {insurer} kan het jaar weer openzetten.",
            insurer = to.insurer
        ),
        &format!(
            "On {on} you submitted the {year} settlement of {company}. \
             Its reference is {reference}; please mention it when you contact us.\n\n\
             {balance_en}\n\n\
             The year {year} is now locked: you can no longer change its employees and \
             wages. Only {insurer} can reopen the year.",
            insurer = to.insurer
        ),
    )
}

/// What a link notice names: who linked which employer, from which organisation.
pub struct LinkNotice<'a> {
    /// The linked employer (the recipient's own).
    pub company: &'a str,
    /// The own employer of the organisation that linked it.
    pub linked_by_company: &'a str,
    pub linked_by_name: &'a str,
}

/// To the linked employer's own user managers: who linked it, what that gives,
/// and a one-time link (30 days) to undo it.
pub fn employer_linked(to: &Recipient, n: &LinkNotice, undo_link: &str) -> OutgoingMail {
    let (company, by_company, by_name) = (n.company, n.linked_by_company, n.linked_by_name);
    bilingual(
        to,
        (
            &format!("{company} is gekoppeld aan {by_company}"),
            &format!("{company} was linked to {by_company}"),
        ),
        &format!(
            "{by_name} van {by_company} heeft {company} en al zijn contracten gekoppeld aan de \
             eigen organisatie in het werkgeversportaal. Alle gebruikers van {by_company} kunnen \
             nu de gegevens van {company} zien en wijzigen, volgens hun rollen.\n\n\
             Was dit niet de bedoeling? Maak de koppeling ongedaan met deze link. De link werkt \
             30 dagen en één keer:\n\n{undo_link}\n\n\
             Daarna kan een gebruiker met de rol Gebruikersbeheer bij {by_company} de koppeling \
             opheffen, of u neemt contact op met uw verzekeraar."
        ),
        &format!(
            "{by_name} of {by_company} linked {company} and all its contracts to their own \
             organisation in the employer portal. Every user of {by_company} can now see and \
             change the details of {company}, as their roles allow.\n\n\
             Was this not intended? Undo the link with this link. It works once, for 30 days:\
             \n\n{undo_link}\n\n\
             After that, a user with the role User management at {by_company} can remove the \
             link, or you contact your insurer."
        ),
    )
}

/// To the linking organisation's user managers: the linked employer undid the link.
pub fn link_revoked(to: &Recipient, company: &str) -> OutgoingMail {
    bilingual(
        to,
        (
            &format!("Koppeling met {company} ongedaan gemaakt"),
            &format!("Link with {company} undone"),
        ),
        &format!(
            "{company} heeft de koppeling met uw organisatie ongedaan gemaakt. U ziet de              gegevens en contracten van {company} niet meer in het werkgeversportaal."
        ),
        &format!(
            "{company} undid the link with your organisation. You no longer see the details              and contracts of {company} in the employer portal."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO: Recipient = Recipient {
        email: "j.devries@goudenkorst.nl",
        name: "J. de Vries",
        insurer: "Verzekeraar",
    };

    #[test]
    fn mails_are_bilingual_and_carry_their_link() {
        let m = activation(
            &TO,
            "Bakkerij B.V.",
            Some("A. Jansen"),
            "https://x.nl/activeren?token=abc",
        );
        assert_eq!(m.to, "j.devries@goudenkorst.nl");
        assert_eq!(
            m.text.matches("https://x.nl/activeren?token=abc").count(),
            2
        );
        assert!(m.text.contains("Beste J. de Vries") && m.text.contains("Dear J. de Vries"));
        assert!(
            m.text.contains("A. Jansen heeft u uitgenodigd")
                && m.text.contains("A. Jansen invited you")
        );
        let a = activation_resent(&TO, "Bakkerij B.V.", "https://x.nl/activeren?token=new");
        assert_eq!(
            a.text.matches("https://x.nl/activeren?token=new").count(),
            2
        );
        assert!(
            a.text.contains("eerdere links werken niet meer")
                && a.text.contains("earlier links no longer work")
        );
        let r = password_reset(&TO, "https://x.nl/wachtwoord-herstellen?token=t");
        assert_eq!(r.text.matches("wachtwoord-herstellen?token=t").count(), 2);
        assert!(r.text.contains("60 minuten") && r.text.contains("60 minutes"));
        for m in [password_changed(&TO), totp_reset(&TO)] {
            assert!(m.text.contains(NOT_YOU_NL) && m.text.contains(NOT_YOU_EN));
        }
    }

    #[test]
    fn a_submitted_settlement_states_its_balance_in_words() {
        let amount = crate::domain::money::Money::parse_non_negative("6305.8").unwrap();
        let mail = |direction| {
            settlement_submitted(
                &TO,
                &SubmittedSettlement {
                    company: "Bakkerij B.V.",
                    year: 2024,
                    reference: "NV-2024-7K3M9Q",
                    submitted_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
                    balance: &Balance { amount, direction },
                },
            )
        };
        let due = mail(Direction::DueFromEmployer);
        assert_eq!(
            due.subject,
            "Naverrekening 2024 ontvangen (NV-2024-7K3M9Q) / Settlement 2024 received (NV-2024-7K3M9Q) (Verzekeraar)"
        );
        assert_eq!(due.text.matches("NV-2024-7K3M9Q").count(), 2);
        assert!(due
            .text
            .contains("U betaalt € 6.305,80 bij; u krijgt hiervoor een factuur van Verzekeraar."));
        assert!(due
            .text
            .contains("You pay € 6.305,80 extra; Verzekeraar sends you an invoice for it."));
        assert!(due.text.contains("op 01-03-2025") && due.text.contains("On 01-03-2025"));
        let refund = mail(Direction::RefundToEmployer);
        assert!(refund
            .text
            .contains("U krijgt € 6.305,80 terug; Verzekeraar betaalt dit bedrag aan u terug."));
        assert!(refund.text.contains("You get € 6.305,80 back"));
        let none = mail(Direction::None);
        assert!(none
            .text
            .contains("U hoeft niets bij te betalen en krijgt niets terug."));
        assert!(!none.text.contains('€'));
        // Dutch first, then English; no payment term is promised.
        let text = &due.text;
        assert!(text.find("Beste").unwrap() < text.find("Dear").unwrap());
        for term in ["dagen", "days", "termijn", "within", "binnen"] {
            assert!(!text.contains(term), "{term}");
        }
    }
}
