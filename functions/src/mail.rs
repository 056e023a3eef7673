//! Outgoing e-mail. Every message is written to the outbox table in the same batch
//! as the change that causes it (store::outbox::enqueue), so a change and its
//! e-mail exist together or not at all. In development the outbox is the mailbox.
//! Texts are Dutch first with the English translation below.

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
        let r = password_reset(&TO, "https://x.nl/wachtwoord-herstellen?token=t");
        assert_eq!(r.text.matches("wachtwoord-herstellen?token=t").count(), 2);
        assert!(r.text.contains("60 minuten") && r.text.contains("60 minutes"));
        for m in [password_changed(&TO), totp_reset(&TO)] {
            assert!(m.text.contains(NOT_YOU_NL) && m.text.contains(NOT_YOU_EN));
        }
    }
}
