//! The route table: one line per `/api` endpoint. It is data, so a test can hold it
//! against the OpenAPI document in both directions.

use super::{ApiError, Method};
use crate::domain::roles::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Health,
    OpenApi,
    CalcAbsencePremium,
    CalcWgaGap,
    AdminCreateEmployer,
    DevOutbox,
    DevRunScheduled,
    AdminMail,
    AuthActivate,
    AuthActivateResend,
    AuthLogin,
    AuthTotp,
    AuthRecovery,
    AuthForgotPassword,
    AuthResetPassword,
    AuthLogout,
    Me,
    Tasks,
    UsersList,
    UsersCreate,
    UsersUpdate,
    SecurityLog,
    EmployeesList,
    EmployeesCreate,
    EmployeeGet,
    EmployeeCorrect,
    EmployeeEnd,
    EmployeeRehire,
    WageSet,
    WagesImport,
    SettlementGet,
    SettlementSubmit,
    SettlementSpecification,
    AdminReopenSettlement,
    DocumentsCheck,
    DocumentsCreate,
    DocumentsList,
    DocumentGet,
    AdminCreateContract,
    EmployersList,
    EmployerUpdate,
    ContractsList,
    ContractGet,
    LinksCreate,
    LinkDelete,
    LinkRevoke,
}

/// Who may call a route. The dispatcher enforces it before any handler runs, so
/// every route states its access in this one match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    /// The insurer's back office: `Authorization: Bearer <ADMIN_TOKEN>`.
    Admin,
    /// A live session whose user holds one of these roles (empty: any user).
    Session(&'static [Role]),
}

const ANY_USER: &[Role] = &[];
const USER_MANAGEMENT: &[Role] = &[Role::UserManagement];
const HR: &[Role] = &[Role::Hr];
/// Finance reads employees and the settlement; it changes neither.
const HR_OR_FINANCE: &[Role] = &[Role::Hr, Role::Finance];

impl Route {
    pub fn access(self) -> Access {
        match self {
            Route::Health
            | Route::OpenApi
            | Route::CalcAbsencePremium
            | Route::CalcWgaGap
            | Route::DevOutbox
            | Route::DevRunScheduled
            | Route::AuthActivate
            | Route::AuthActivateResend
            | Route::AuthLogin
            | Route::AuthTotp
            | Route::AuthRecovery
            | Route::AuthForgotPassword
            | Route::AuthResetPassword
            | Route::AuthLogout
            | Route::LinkRevoke => Access::Public,
            Route::AdminCreateEmployer
            | Route::AdminReopenSettlement
            | Route::AdminCreateContract
            | Route::AdminMail => Access::Admin,
            // Each task is filtered by the user's roles (app/tasks.rs). Every user
            // sees the organisation's employers and contracts and keeps the
            // company's address and contact person.
            Route::Me
            | Route::Tasks
            | Route::EmployersList
            | Route::EmployerUpdate
            | Route::ContractsList
            | Route::ContractGet => Access::Session(ANY_USER),
            Route::UsersList
            | Route::UsersCreate
            | Route::UsersUpdate
            | Route::SecurityLog
            | Route::LinksCreate
            | Route::LinkDelete => Access::Session(USER_MANAGEMENT),
            Route::EmployeesList
            | Route::EmployeeGet
            | Route::SettlementGet
            | Route::SettlementSpecification => Access::Session(HR_OR_FINANCE),
            Route::EmployeesCreate
            | Route::EmployeeCorrect
            | Route::EmployeeEnd
            | Route::EmployeeRehire
            | Route::WageSet
            | Route::WagesImport
            | Route::SettlementSubmit
            | Route::DocumentsCheck
            | Route::DocumentsCreate
            | Route::DocumentsList
            | Route::DocumentGet => Access::Session(HR),
        }
    }
}

/// Method, OpenAPI-style path template (`{name}` is one segment), route.
pub const ROUTES: &[(Method, &str, Route)] = &[
    (Method::Get, "/api/health", Route::Health),
    (Method::Get, "/api/openapi.json", Route::OpenApi),
    (
        Method::Post,
        "/api/calc/absence-premium",
        Route::CalcAbsencePremium,
    ),
    (Method::Post, "/api/calc/wga-gap", Route::CalcWgaGap),
    (
        Method::Post,
        "/api/admin/employers",
        Route::AdminCreateEmployer,
    ),
    (Method::Get, "/api/dev/outbox", Route::DevOutbox),
    (
        Method::Post,
        "/api/dev/run-scheduled",
        Route::DevRunScheduled,
    ),
    (Method::Get, "/api/admin/mail", Route::AdminMail),
    (Method::Post, "/api/auth/activate", Route::AuthActivate),
    (
        Method::Post,
        "/api/auth/activate/resend",
        Route::AuthActivateResend,
    ),
    (Method::Post, "/api/auth/login", Route::AuthLogin),
    (Method::Post, "/api/auth/totp", Route::AuthTotp),
    (Method::Post, "/api/auth/recovery", Route::AuthRecovery),
    (
        Method::Post,
        "/api/auth/password/forgot",
        Route::AuthForgotPassword,
    ),
    (
        Method::Post,
        "/api/auth/password/reset",
        Route::AuthResetPassword,
    ),
    (Method::Post, "/api/auth/logout", Route::AuthLogout),
    (Method::Get, "/api/me", Route::Me),
    (Method::Get, "/api/tasks", Route::Tasks),
    (Method::Get, "/api/users", Route::UsersList),
    (Method::Post, "/api/users", Route::UsersCreate),
    (Method::Patch, "/api/users/{id}", Route::UsersUpdate),
    (Method::Get, "/api/security-log", Route::SecurityLog),
    (Method::Get, "/api/employees", Route::EmployeesList),
    (Method::Post, "/api/employees", Route::EmployeesCreate),
    (Method::Get, "/api/employees/{id}", Route::EmployeeGet),
    (Method::Patch, "/api/employees/{id}", Route::EmployeeCorrect),
    (Method::Post, "/api/employees/{id}/end", Route::EmployeeEnd),
    (
        Method::Post,
        "/api/employees/{id}/rehire",
        Route::EmployeeRehire,
    ),
    (
        Method::Put,
        "/api/employees/{id}/wages/{year}",
        Route::WageSet,
    ),
    (Method::Post, "/api/wages/{year}/import", Route::WagesImport),
    (Method::Get, "/api/settlements/{year}", Route::SettlementGet),
    (
        Method::Post,
        "/api/settlements/{year}/submit",
        Route::SettlementSubmit,
    ),
    (
        Method::Get,
        "/api/settlements/{year}/specification.csv",
        Route::SettlementSpecification,
    ),
    (
        Method::Post,
        "/api/admin/employers/{employer_id}/settlements/{year}/reopen",
        Route::AdminReopenSettlement,
    ),
    (Method::Post, "/api/documents/check", Route::DocumentsCheck),
    (Method::Post, "/api/documents", Route::DocumentsCreate),
    (Method::Get, "/api/documents", Route::DocumentsList),
    (Method::Get, "/api/documents/{id}", Route::DocumentGet),
    (
        Method::Post,
        "/api/admin/employers/{employer_id}/contracts",
        Route::AdminCreateContract,
    ),
    (Method::Get, "/api/employers", Route::EmployersList),
    (Method::Patch, "/api/employers/{id}", Route::EmployerUpdate),
    (Method::Get, "/api/contracts", Route::ContractsList),
    (Method::Get, "/api/contracts/{id}", Route::ContractGet),
    (Method::Post, "/api/links", Route::LinksCreate),
    (
        Method::Delete,
        "/api/links/{employer_id}",
        Route::LinkDelete,
    ),
    (Method::Post, "/api/links/revoke", Route::LinkRevoke),
];

impl Route {
    /// Version 1's employer-scoped routes: they take `?employer=` for another
    /// employer of the organisation (app/reach.rs).
    pub fn employer_scoped(self) -> bool {
        matches!(
            self,
            Route::EmployeesList
                | Route::EmployeesCreate
                | Route::EmployeeGet
                | Route::EmployeeCorrect
                | Route::EmployeeEnd
                | Route::EmployeeRehire
                | Route::WageSet
                | Route::WagesImport
                | Route::SettlementGet
                | Route::SettlementSubmit
                | Route::SettlementSpecification
                | Route::DocumentsCheck
                | Route::DocumentsCreate
                | Route::DocumentsList
                | Route::DocumentGet
        )
    }
}

/// Path parameters in template order.
pub type Params = Vec<(&'static str, String)>;

fn match_template(template: &'static str, path: &str) -> Option<Params> {
    let mut params = Vec::new();
    let mut want = template.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return Some(params),
            (Some(w), Some(h)) => {
                if let Some(name) = w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                    if h.is_empty() {
                        return None;
                    }
                    params.push((name, h.to_owned()));
                } else if w != h {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// A path parameter by name (empty when the template has none of that name).
pub fn param<'a>(params: &'a Params, name: &str) -> &'a str {
    params
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Finds the route for a request: 404 for an unknown path, 405 for a known path
/// with another method, naming the methods the path has (its `Allow` header). A
/// path that one template spells out literally is that template's only, so
/// `/api/documents/check` is not also `/api/documents/{id}`.
pub fn resolve(method: Method, path: &str) -> Result<(Route, Params), ApiError> {
    let params_in = |template: &str| template.matches('{').count();
    let mut fitting: Vec<(Method, &str, Route, Params)> = Vec::new();
    for (m, template, route) in ROUTES {
        if let Some(params) = match_template(template, path) {
            fitting.push((*m, template, *route, params));
        }
    }
    let Some(fewest) = fitting.iter().map(|(_, t, _, _)| params_in(t)).min() else {
        return Err(ApiError::NotFound);
    };
    fitting.retain(|(_, t, _, _)| params_in(t) == fewest);
    let mut allowed: Vec<&str> = Vec::new();
    for (m, _, route, params) in fitting {
        if m == method {
            return Ok((route, params));
        }
        if !allowed.contains(&m.as_upper()) {
            allowed.push(m.as_upper());
        }
    }
    Err(ApiError::MethodNotAllowed {
        allow: allowed.join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_routes_and_params() {
        assert_eq!(
            resolve(Method::Get, "/api/health").unwrap().0,
            Route::Health
        );
        assert_eq!(
            resolve(Method::Post, "/api/health").unwrap_err().status(),
            405
        );
        assert_eq!(resolve(Method::Get, "/api/nope").unwrap_err().status(), 404);
        assert_eq!(
            resolve(Method::Get, "/api/documents/check").unwrap_err(),
            ApiError::MethodNotAllowed {
                allow: "POST".into()
            }
        );
        assert_eq!(
            resolve(Method::Get, "/api/documents/d1").unwrap().0,
            Route::DocumentGet
        );
        assert_eq!(
            resolve(Method::Get, "/api/health/").unwrap_err().status(),
            404
        );
        assert_eq!(
            match_template("/api/x/{id}/y", "/api/x/abc/y"),
            Some(vec![("id", "abc".to_owned())])
        );
        assert_eq!(match_template("/api/x/{id}/y", "/api/x//y"), None);
    }
}
