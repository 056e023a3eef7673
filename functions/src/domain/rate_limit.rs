//! Fixed-window rate limits: the numbers in one place (ARCHITECTURE.md lists them)
//! and the decision from a window's count. The counters live in D1 (strongly
//! consistent); KV is eventually consistent and unfit for counters.

/// At most `max` events per `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub name: &'static str,
    pub max: i64,
    pub window_secs: i64,
}

const MINUTES_15: i64 = 15 * 60;

/// Failed passwords per account (DOMAIN.md): 10 per 15 minutes.
pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "login-account",
    max: 10,
    window_secs: MINUTES_15,
};
/// Sign-in attempts per client address.
pub const LOGIN_PER_ADDRESS: Limit = Limit {
    name: "login-address",
    max: 50,
    window_secs: MINUTES_15,
};
/// Code and recovery-code attempts per client address (each challenge also dies
/// after 5 wrong codes).
pub const CODE_PER_ADDRESS: Limit = Limit {
    name: "code-address",
    max: 50,
    window_secs: MINUTES_15,
};
/// Forgotten-password requests per address and per e-mail.
pub const FORGOT_PER_ADDRESS: Limit = Limit {
    name: "forgot-address",
    max: 20,
    window_secs: MINUTES_15,
};
pub const FORGOT_PER_ACCOUNT: Limit = Limit {
    name: "forgot-account",
    max: 5,
    window_secs: 60 * 60,
};
/// Requests for a new activation link per address and per e-mail, as for a
/// forgotten password (their own counters: one flow does not spend the other's).
pub const RESEND_PER_ADDRESS: Limit = Limit {
    name: "resend-address",
    max: 20,
    window_secs: MINUTES_15,
};
pub const RESEND_PER_ACCOUNT: Limit = Limit {
    name: "resend-account",
    max: 5,
    window_secs: 60 * 60,
};
/// Activation and reset-token attempts per address.
pub const TOKEN_PER_ADDRESS: Limit = Limit {
    name: "token-address",
    max: 30,
    window_secs: MINUTES_15,
};
/// Employee searches by a full BSN per user: each one tells whether a number
/// belongs to one of the employer's employees.
pub const BSN_SEARCH_PER_USER: Limit = Limit {
    name: "bsn-search-user",
    max: 100,
    window_secs: MINUTES_15,
};
/// Linking another employer: a customer number and a contract number are guessable
/// in pairs, so attempts are few, per organisation.
pub const LINK_PER_ORGANISATION: Limit = Limit {
    name: "link-organisation",
    max: 10,
    window_secs: 60 * 60,
};
/// Wrong codes after which a sign-in challenge is dead.
pub const CHALLENGE_MAX_FAILURES: i64 = 5;

/// Every limit above.
pub const ALL: [Limit; 10] = [
    LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_PER_ADDRESS,
    CODE_PER_ADDRESS,
    FORGOT_PER_ADDRESS,
    FORGOT_PER_ACCOUNT,
    RESEND_PER_ADDRESS,
    RESEND_PER_ACCOUNT,
    TOKEN_PER_ADDRESS,
    BSN_SEARCH_PER_USER,
    LINK_PER_ORGANISATION,
];

/// The longest window: a counter older than this has ended and can go.
pub const LONGEST_WINDOW_SECS: i64 = {
    let mut longest = 0;
    let mut i = 0;
    while i < ALL.len() {
        if ALL[i].window_secs > longest {
            longest = ALL[i].window_secs;
        }
        i += 1;
    }
    longest
};

impl Limit {
    /// The start of the window that `now` falls in.
    pub fn window_start(&self, now: i64) -> i64 {
        now - now.rem_euclid(self.window_secs)
    }

    /// `None` when one more event is allowed; otherwise the seconds to wait
    /// (`Retry-After`), which end with the window: no lockout lasts longer.
    pub fn retry_after(&self, count_in_window: i64, now: i64) -> Option<i64> {
        (count_in_window >= self.max).then(|| self.window_start(now) + self.window_secs - now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_at_max_until_window_ends() {
        let l = LOGIN_FAILURES_PER_ACCOUNT;
        let start = 1_700_000_100 - 1_700_000_100 % l.window_secs;
        assert_eq!(l.window_start(start + 5), start);
        assert_eq!(l.retry_after(9, start + 5), None);
        assert_eq!(l.retry_after(10, start + 5), Some(l.window_secs - 5));
        assert_eq!(l.retry_after(10, start + l.window_secs - 1), Some(1));
        // A new window starts counting from zero: the lockout is timed.
        assert_eq!(l.window_start(start + l.window_secs), start + l.window_secs);
    }
}
