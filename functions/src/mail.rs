//! Outgoing e-mail. Every message is written to the outbox table in the same batch
//! as the change that causes it (store::outbox::enqueue), so a change and its
//! e-mail exist together or not at all. In development the outbox is the mailbox.
//! Texts are Dutch first with the English translation below.

use crate::domain::email::Email;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

pub fn activation(
    to: &Email,
    name: &str,
    company: &str,
    insurer: &str,
    link: &str,
) -> OutgoingMail {
    OutgoingMail {
        to: to.to_string(),
        subject: format!(
            "Activeer uw account voor het werkgeversportaal / Activate your account ({insurer})"
        ),
        text: format!(
            "Beste {name},\n\n\
             Er is een account voor u gemaakt in het werkgeversportaal van {insurer}.\n\
             Werkgever: {company}\n\n\
             Open deze link om uw wachtwoord in te stellen. De link werkt 7 dagen en één keer:\n\n\
             {link}\n\n\
             Heeft u dit niet verwacht? Dan kunt u deze e-mail negeren.\n\n\
             ---\n\n\
             Dear {name},\n\n\
             An account was created for you in the employer portal of {insurer}.\n\
             Employer: {company}\n\n\
             Open this link to set your password. The link works once, for 7 days:\n\n\
             {link}\n\n\
             Not expecting this? You can ignore this e-mail.\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activation_mail_names_link_in_both_languages() {
        let to = Email::parse("j.devries@goudenkorst.nl").unwrap();
        let m = activation(
            &to,
            "J. de Vries",
            "Bakkerij",
            "Verzekeraar",
            "https://x.nl/activeren?token=abc",
        );
        assert_eq!(m.to, "j.devries@goudenkorst.nl");
        assert_eq!(
            m.text.matches("https://x.nl/activeren?token=abc").count(),
            2
        );
        assert!(m.text.contains("Beste J. de Vries") && m.text.contains("Dear J. de Vries"));
    }
}
