//! Roles and what each may do (DOMAIN.md, accounts). A user holds any non-empty set.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    UserManagement,
    Hr,
    Finance,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::UserManagement, Role::Hr, Role::Finance];

    pub fn code(self) -> &'static str {
        match self {
            Role::UserManagement => "user_management",
            Role::Hr => "hr",
            Role::Finance => "finance",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A non-empty set of roles, sorted and without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn all() -> Roles {
        Roles(Role::ALL.to_vec())
    }

    /// From role codes; `None` when empty or when a code is unknown.
    pub fn parse<'a>(codes: impl IntoIterator<Item = &'a str>) -> Option<Roles> {
        let mut roles = codes
            .into_iter()
            .map(Role::parse)
            .collect::<Option<Vec<_>>>()?;
        roles.sort();
        roles.dedup();
        (!roles.is_empty()).then_some(Roles(roles))
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    /// Whether this set grants any of `required` (an empty requirement grants).
    pub fn grants_any(&self, required: &[Role]) -> bool {
        required.is_empty() || required.iter().any(|r| self.contains(*r))
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.0.iter().map(|r| r.code()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_sets() {
        assert_eq!(
            Roles::parse(["hr", "finance", "hr"]).unwrap().codes(),
            vec!["hr", "finance"]
        );
        assert_eq!(Roles::parse([]), None);
        assert_eq!(Roles::parse(["hr", "admin"]), None);
        assert_eq!(
            Roles::all().codes(),
            vec!["user_management", "hr", "finance"]
        );
    }

    #[test]
    fn grants() {
        let hr = Roles::parse(["hr"]).unwrap();
        assert!(hr.grants_any(&[Role::Hr, Role::Finance]));
        assert!(!hr.grants_any(&[Role::UserManagement]));
        assert!(hr.grants_any(&[]));
    }
}
